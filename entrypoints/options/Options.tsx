/**
 * The options page: the pipeline's stages, the never-capture list and working time. Every
 * change is sent to the background, which validates it and tells every open page.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DataSection } from '../../components/DataSection';
import { GoalsEditor } from '../../components/GoalsEditor';
import { errorText, t } from '../../components/i18n';
import { MarkerSites } from '../../components/MarkerSites';
import { RuleHealthTable } from '../../components/RuleHealthTable';
import { StageEditor } from '../../components/StageEditor';
import { DEFAULT_ANSWERS } from '../../lib/defaults';
import { parseMarkerSite } from '../../lib/marker-sites';
import type { Settings, Stage } from '../../lib/records';
import type { RuleHealth } from '../background/reader';
import { db, loadSettings, onChange, send } from '../sidepanel/data';
import { dataApi } from './data-section';

/** Monday to Sunday's short names in `locale` (5 Jan 2026 is a Monday). */
function weekdays(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2026, 0, 5 + i)));
}

/** `locale`: the language and region dates, numbers and money are written in (main.tsx). */
export function Options({ locale }: { locale: string }) {
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
    if (!parsed) throw new Error(t('marker.notSite', { input: input.trim() }));
    if (settings?.markerSites.includes(parsed.site)) throw new Error(t('marker.already', { site: parsed.site }));
    // The browser asks the rep here: nothing may be awaited before it, or the click no longer counts.
    const granted = await browser.permissions.request({ origins: parsed.patterns });
    if (!granted) throw new Error(t('marker.refused', { site: parsed.site }));
    await save({ markerSites: [...(settings?.markerSites ?? []), parsed.site] });
  }

  async function allowMarkerSite(site: string) {
    const parsed = parseMarkerSite(site);
    if (!parsed) return;
    const granted = await browser.permissions.request({ origins: parsed.patterns });
    if (!granted) throw new Error(t('marker.refusedAgain', { site }));
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
      setStatus({ kind: 'ok', text: t('options.saved') });
      await reload();
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  }

  if (!settings) return <p class="loading">{t('options.loading')}</p>;
  return (
    <main class="options">
      <h1>{t('options.title')}</h1>
      {status && (
        <p class={`banner ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}

      <section aria-labelledby="stages-h">
        <h2 id="stages-h">{t('options.stages')}</h2>
        <p class="muted">{t('options.stagesHelp')}</p>
        <StageEditor
          stages={settings.stages}
          suggestions={DEFAULT_ANSWERS}
          onSave={(stages: Stage[], moveDeals) => save({ stages }, moveDeals)}
        />
      </section>

      <section aria-labelledby="never-h">
        <h2 id="never-h">{t('options.never')}</h2>
        <p class="muted">{t('options.neverHelp')}</p>
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
          {t('options.saveList')}
        </button>
      </section>

      <section aria-labelledby="marker-h">
        <h2 id="marker-h">{t('marker.heading')}</h2>
        <p class="muted">{t('marker.help')}</p>
        <MarkerSites
          sites={settings.markerSites.map((site) => ({ site, access: access[site] ?? true }))}
          onAdd={addMarkerSite}
          onAllow={allowMarkerSite}
          onRemove={removeMarkerSite}
        />
      </section>

      <section aria-labelledby="rules-h">
        <h2 id="rules-h">{t('options.rules')}</h2>
        <p class="muted">{t('options.rulesHelp')}</p>
        <RuleHealthTable health={ruleHealth} locale={locale} />
      </section>

      <section aria-labelledby="work-h">
        <h2 id="work-h">{t('options.work')}</h2>
        <fieldset class="chips">
          <legend>{t('options.workingDays')}</legend>
          {weekdays(locale).map((d, i) => (
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
          <span>{t('options.dayStart')}</span>
          <input
            type="time"
            value={settings.dayStart}
            onChange={(e) => void save({ dayStart: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>{t('options.currency')}</span>
          <input
            maxLength={3}
            value={settings.defaultCurrency}
            onChange={(e) => void save({ defaultCurrency: e.currentTarget.value.trim().toUpperCase() })}
          />
        </label>
      </section>

      <GoalsEditor settings={settings} locale={locale} save={save} />

      <DataSection api={dataApi} settings={settings} locale={locale} />
    </main>
  );
}
