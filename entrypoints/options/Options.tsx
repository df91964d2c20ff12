/**
 * The options page: the pipeline's stages, the never-capture list and working time. Every
 * change is sent to the background, which validates it and tells every open page.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DataSection } from '../../components/DataSection';
import { MarkerSites } from '../../components/MarkerSites';
import { RuleHealthTable } from '../../components/RuleHealthTable';
import { StageEditor } from '../../components/StageEditor';
import { DEFAULT_ANSWERS } from '../../lib/defaults';
import { parseMarkerSite } from '../../lib/marker-sites';
import type { Settings, Stage } from '../../lib/records';
import type { RuleHealth } from '../background/reader';
import { db, loadSettings, onChange, send } from '../sidepanel/data';
import { dataApi } from './data-section';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [neverText, setNeverText] = useState('');
  const [ruleHealth, setRuleHealth] = useState<Record<string, RuleHealth>>({});
  const [access, setAccess] = useState<Record<string, boolean>>({});

  const reload = () =>
    loadSettings().then((s) => {
      setSettings(s);
      setNeverText(s.neverCapture.join('\n'));
    });

  useEffect(() => {
    void browser.storage.local
      .get('ruleHealth')
      .then((r) => setRuleHealth((r.ruleHealth as Record<string, RuleHealth>) ?? {}));
    void reload();
    return onChange((e) => {
      if (e.resync || e.changes.some((c) => c.store === 'settings')) void reload();
    });
  }, []);

  // Whether Leadline still has access to each marker site: the rep can revoke it in the browser.
  const markerSites = settings?.markerSites;
  useEffect(() => {
    if (!markerSites) return;
    const check = () =>
      void Promise.all(
        markerSites.map(async (site) => {
          const parsed = parseMarkerSite(site);
          return [site, !!parsed && (await browser.permissions.contains({ origins: parsed.patterns }))] as const;
        }),
      ).then((rows) => setAccess(Object.fromEntries(rows)));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [markerSites]);

  async function addMarkerSite(input: string) {
    const parsed = parseMarkerSite(input);
    if (!parsed) throw new Error(`“${input.trim()}” is not a site. Type one such as linkedin.com.`);
    if (settings?.markerSites.includes(parsed.site)) throw new Error(`${parsed.site} is in the list already.`);
    // The browser asks the rep here: nothing may be awaited before it, or the click no longer counts.
    const granted = await browser.permissions.request({ origins: parsed.patterns });
    if (!granted) throw new Error(`Leadline was not given access to ${parsed.site}, so no marker can show there.`);
    await save({ markerSites: [...(settings?.markerSites ?? []), parsed.site] });
  }

  async function allowMarkerSite(site: string) {
    const parsed = parseMarkerSite(site);
    if (!parsed) return;
    const granted = await browser.permissions.request({ origins: parsed.patterns });
    if (!granted) throw new Error(`Leadline was not given access to ${site}.`);
  }

  async function removeMarkerSite(site: string) {
    await save({ markerSites: (settings?.markerSites ?? []).filter((s) => s !== site) });
    const parsed = parseMarkerSite(site);
    // Give the access back: Leadline keeps none it does not use. (A build that needs the host
    // for itself refuses, and keeps it.)
    if (parsed) await browser.permissions.remove({ origins: parsed.patterns }).catch(() => false);
  }

  async function save(patch: Partial<Settings>, moveDeals: { from: string; to: string }[] = []) {
    if (!settings) return;
    setStatus(undefined);
    try {
      // Defaults never saved have no stored rev: 0 tells the background so.
      const stored = await (await db()).get('settings', 'settings');
      await send({ type: 'settings.update', rev: stored?.rev ?? 0, patch, moveDeals });
      setStatus({ kind: 'ok', text: 'Saved. Every open Leadline panel uses it now.' });
      await reload();
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  if (!settings) return <p class="loading">Loading settings…</p>;
  return (
    <main class="options">
      <h1>Leadline settings</h1>
      {status && (
        <p class={`banner ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}

      <section aria-labelledby="stages-h">
        <h2 id="stages-h">Pipeline stages</h2>
        <p class="muted">
          Rename, reorder, add or remove stages; set each one’s win probability, how long a deal may sit there, its exit
          checklist, and the answers your team reuses there.
        </p>
        <StageEditor
          stages={settings.stages}
          suggestions={DEFAULT_ANSWERS}
          onSave={(stages: Stage[], moveDeals) => save({ stages }, moveDeals)}
        />
      </section>

      <section aria-labelledby="never-h">
        <h2 id="never-h">Never capture</h2>
        <p class="muted">
          Sites Leadline must never clip — your bank, your own intranet. One per line; a domain covers its subdomains.
        </p>
        <textarea
          aria-labelledby="never-h"
          rows={5}
          value={neverText}
          placeholder={'mybank.com\nintranet.example.com'}
          onInput={(e) => setNeverText(e.currentTarget.value)}
        />
        <button
          type="button"
          class="primary"
          onClick={() =>
            void save({
              neverCapture: neverText
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            })
          }
        >
          Save list
        </button>
      </section>

      <section aria-labelledby="marker-h">
        <h2 id="marker-h">“Already in Leadline” marker</h2>
        <p class="muted">
          On the sites you add here, a small marker shows at the bottom of a page whose person or company is already in
          Leadline. Your browser asks you to give Leadline access to each site you add, and to no other. The site can
          tell that a marker is there, but not what it says.
        </p>
        <MarkerSites
          sites={settings.markerSites.map((site) => ({ site, access: access[site] ?? true }))}
          onAdd={addMarkerSite}
          onAllow={allowMarkerSite}
          onRemove={removeMarkerSite}
        />
      </section>

      <section aria-labelledby="rules-h">
        <h2 id="rules-h">Site rules</h2>
        <p class="muted">
          Leadline reads LinkedIn, GitHub, X and Crunchbase pages with rules made for their layouts. When a site changes
          its layout, the rule stops finding things: that shows here, and clips fall back to the general reader.
        </p>
        <RuleHealthTable health={ruleHealth} />
      </section>

      <section aria-labelledby="work-h">
        <h2 id="work-h">Working time and money</h2>
        <fieldset class="chips">
          <legend>Working days</legend>
          {DAYS.map((d, i) => (
            <label key={d} class="chip">
              <input
                type="checkbox"
                checked={settings.workingDays.includes(i + 1)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const days = on
                    ? [...settings.workingDays, i + 1].sort()
                    : settings.workingDays.filter((x) => x !== i + 1);
                  if (days.length) void save({ workingDays: days });
                }}
              />{' '}
              {d}
            </label>
          ))}
        </fieldset>
        <label>
          <span>Working day starts at</span>
          <input
            type="time"
            value={settings.dayStart}
            onChange={(e) => void save({ dayStart: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>Default currency</span>
          <input
            maxLength={3}
            value={settings.defaultCurrency}
            onChange={(e) => void save({ defaultCurrency: e.currentTarget.value.trim().toUpperCase() })}
          />
        </label>
      </section>

      <DataSection api={dataApi} settings={settings} />
    </main>
  );
}
