/**
 * The capture card: the rep reviews what was read off the page, edits any field, and saves.
 * Props in, callbacks out: no browser APIs here (the content script wires them). Everything
 * shown comes from a hostile page, so it is rendered as text only.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClipDraftInput, LookupResult, SaveClipResult } from '../lib/protocol';
import type { LeadSource } from '../lib/records';
import { LEAD_SOURCES } from '../lib/vocab';
import { errorText, type LabelKey, sourceLabel, t } from './i18n';

type FollowUpPreset = 'none' | 'tomorrow' | 'in-3-days' | 'next-week';

export interface CaptureCardProps {
  /** One draft per person found; a team or speaker page gives several. */
  drafts: ClipDraftInput[];
  /** Where each field came from ("JSON-LD", "LinkedIn rule"…, lib/clip.ts), shown beside it. */
  sources: Record<string, string>;
  /** Shown above the form, e.g. when a site's layout was not recognised. */
  notice?: string;
  lookup: (draft: ClipDraftInput) => Promise<LookupResult>;
  save: (draft: ClipDraftInput, contactId?: string) => Promise<SaveClipResult>;
  onClose: () => void;
}

const CHANGE_LABELS: Record<string, LabelKey> = {
  jobTitle: 'cap.title',
  company: 'cap.company',
  location: 'cap.location',
  name: 'cap.name',
};

const PROFILE_LABELS = { linkedin: 'LinkedIn', twitter: 'X', github: 'GitHub' } as const;

const FOLLOW_UPS: { value: FollowUpPreset; label: LabelKey }[] = [
  { value: 'none', label: 'cap.fuNone' },
  { value: 'tomorrow', label: 'cap.fuTomorrow' },
  { value: 'in-3-days', label: 'preset.in3Days' },
  { value: 'next-week', label: 'preset.nextWeek' },
];

/** A field's source as lib/clip.ts names it, in the UI's language (format names stay as they are). */
function sourceText(s: string): string {
  if (s === 'page text') return t('cap.srcText');
  if (s === 'page meta') return t('cap.srcMeta');
  return s.endsWith(' rule') ? t('cap.srcRule', { site: s.slice(0, -5) }) : s;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; count: number; updated: number }
  | { kind: 'error'; message: string };

/** What the save did, in words: updated leads, new ones, or both. */
function savedText(count: number, updated: number): string {
  if (!updated) return t('cap.savedNew', count, [count]);
  const head = updated === 1 && count === 1 ? t('cap.updatedOne') : t('cap.updated', updated, [updated]);
  return count > updated ? t('cap.updatedAdded', { updated: head, added: count - updated }) : `${head}.`;
}

const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function CaptureCard({ drafts: initial, sources, notice, lookup, save, onClose }: CaptureCardProps) {
  const [drafts, setDrafts] = useState(initial);
  const [selected, setSelected] = useState<boolean[]>(() => initial.map((_, i) => i === 0 || initial.length <= 1));
  const [current, setCurrent] = useState(0);
  const [known, setKnown] = useState<Record<number, LookupResult>>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const firstField = useRef<HTMLInputElement>(null);
  const draft = drafts[current];

  useEffect(() => firstField.current?.focus(), [current]);

  // Ask the background whether the person on screen is already in Leadline.
  const lookupKey = draft
    ? `${draft.person.fullName}|${draft.person.emails?.join()}|${draft.person.linkedin ?? ''}`
    : '';
  useEffect(() => {
    if (!draft?.person.fullName) return;
    let live = true;
    const t = setTimeout(() => {
      lookup(draft)
        .then((r) => live && setKnown((k) => ({ ...k, [current]: r })))
        .catch(() => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // Re-run only when the identity fields change (lookupKey), not on every keystroke elsewhere.
  }, [lookupKey, current]);

  const update = (patch: (d: ClipDraftInput) => ClipDraftInput) =>
    setDrafts((ds) => ds.map((d, i) => (i === current ? patch(d) : d)));
  const setPerson = (k: keyof ClipDraftInput['person'], v: string | string[]) =>
    update((d) => ({ ...d, person: { ...d.person, [k]: v } }));
  const setCompany = (name: string) =>
    update((d) => ({ ...d, company: name.trim() ? { ...(d.company ?? {}), name } : undefined }));

  const chosen = useMemo(() => drafts.filter((_, i) => selected[i]), [drafts, selected]);
  const match = known[current]?.match;

  async function onSave() {
    const toSave = drafts.map((d, i) => ({ d, i })).filter(({ i }) => selected[i]);
    if (!toSave.length) return;
    setStatus({ kind: 'saving' });
    let updated = 0;
    try {
      for (const { d, i } of toSave) {
        const r = await save(d, known[i]?.match?.contactId);
        if (!r.created) updated++;
      }
      setStatus({ kind: 'saved', count: toSave.length, updated });
      setTimeout(onClose, 1800);
    } catch (e) {
      setStatus({ kind: 'error', message: errorText(e) });
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void onSave();
    }
  }

  if (!draft) return null;
  const src = (k: string) => (sources[k] ? <span class="src">{sourceText(sources[k])}</span> : null);

  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby="ll-title" onKeyDown={onKeyDown}>
      <header>
        <span class="logo" aria-hidden="true">
          L
        </span>
        <h2 id="ll-title">
          {drafts.length > 1 ? t('cap.clipPeople', { n: chosen.length, total: drafts.length }) : t('cap.clip')}
        </h2>
        <button type="button" class="icon" aria-label={t('cap.close')} title={t('cap.close')} onClick={onClose}>
          ×
        </button>
      </header>

      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}

      {drafts.length > 1 && (
        <fieldset class="people">
          <legend>{t('cap.people')}</legend>
          <ul>
            {drafts.map((d, i) => (
              <li key={`${i}-${d.person.fullName}`} class={i === current ? 'on' : ''}>
                <input
                  type="checkbox"
                  aria-label={t('cap.include', { name: d.person.fullName })}
                  checked={selected[i]}
                  onChange={(e) =>
                    setSelected((s) => s.map((v, j) => (j === i ? (e.currentTarget as HTMLInputElement).checked : v)))
                  }
                />
                <button type="button" class="link" onClick={() => setCurrent(i)} aria-current={i === current}>
                  {d.person.fullName}
                  {d.person.jobTitle ? <span class="muted"> · {d.person.jobTitle}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      {match && (
        <div class={`known${known[current]?.jobChange ? ' job' : ''}`} role="status" data-testid="known">
          <strong>{t('cap.known')}</strong>{' '}
          {t(known[current]?.jobChange ? 'cap.knownAsJobChange' : 'cap.knownAs', { name: match.name })}
          {known[current]?.changes.length ? (
            <ul>
              {known[current]?.changes.map((c) => {
                const label = CHANGE_LABELS[c.field];
                return (
                  <li key={c.field}>
                    {label ? t(label) : c.field}: {c.before || '—'} → <b>{c.after}</b>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <label>
          <span>
            {t('cap.name')} {src('fullName')}
          </span>
          <input
            ref={firstField}
            name="fullName"
            required
            maxLength={300}
            value={draft.person.fullName}
            onInput={(e) => setPerson('fullName', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>
            {t('cap.jobTitle')} {src('jobTitle')}
          </span>
          <input
            name="jobTitle"
            maxLength={300}
            value={draft.person.jobTitle ?? ''}
            onInput={(e) => setPerson('jobTitle', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>
            {t('cap.company')} {src('company')}
          </span>
          <input
            name="company"
            maxLength={300}
            value={draft.company?.name ?? ''}
            onInput={(e) => setCompany(e.currentTarget.value)}
          />
        </label>
        <div class="row">
          <label>
            <span>
              {t('cap.email')} {src('emails')}
            </span>
            <input
              name="emails"
              type="text"
              inputMode="email"
              value={(draft.person.emails ?? []).join(', ')}
              onChange={(e) => setPerson('emails', lines(e.currentTarget.value))}
            />
          </label>
          <label>
            <span>
              {t('cap.phone')} {src('phones')}
            </span>
            <input
              name="phones"
              type="text"
              inputMode="tel"
              value={(draft.person.phones ?? []).join(', ')}
              onChange={(e) => setPerson('phones', lines(e.currentTarget.value))}
            />
          </label>
        </div>
        <label>
          <span>
            {t('cap.location')} {src('location')}
          </span>
          <input
            name="location"
            value={draft.person.location ?? ''}
            onInput={(e) => setPerson('location', e.currentTarget.value)}
          />
        </label>
        <div class="row">
          {(['linkedin', 'twitter', 'github', 'website'] as const).map((k) => (
            <label key={k}>
              <span>
                {k === 'website' ? t('cap.website') : PROFILE_LABELS[k]} {src(k)}
              </span>
              <input
                name={k}
                type="url"
                value={draft.person[k] ?? ''}
                onInput={(e) => setPerson(k, e.currentTarget.value)}
              />
            </label>
          ))}
        </div>
        <div class="row">
          <label>
            <span>{t('cap.source')}</span>
            <select
              name="source"
              value={draft.source ?? 'other'}
              onChange={(e) => update((d) => ({ ...d, source: e.currentTarget.value as LeadSource }))}
            >
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('cap.tags')}</span>
            <input
              name="tags"
              placeholder={t('cap.tagsPlaceholder')}
              value={(draft.tags ?? []).join(', ')}
              onChange={(e) => update((d) => ({ ...d, tags: lines(e.currentTarget.value) }))}
            />
          </label>
        </div>
        <label>
          <span>{t('cap.note')}</span>
          <textarea
            name="note"
            rows={2}
            value={draft.note ?? ''}
            placeholder={t('cap.notePlaceholder')}
            onInput={(e) => update((d) => ({ ...d, note: e.currentTarget.value }))}
          />
        </label>
        <fieldset class="chips">
          <legend>{t('cap.followUp')}</legend>
          {FOLLOW_UPS.map((f) => (
            <label key={f.value} class="chip">
              <input
                type="radio"
                name="followUp"
                value={f.value}
                checked={(draft.followUp ?? 'none') === f.value}
                onChange={() => update((d) => ({ ...d, followUp: f.value }))}
              />
              <span>{t(f.label)}</span>
            </label>
          ))}
        </fieldset>

        {status.kind === 'error' && (
          <p class="error" role="alert">
            {status.message}
          </p>
        )}
        {status.kind === 'saved' && (
          <p class="ok" role="status" data-testid="saved">
            {savedText(status.count, status.updated)}
          </p>
        )}
        <footer>
          <span class="hint">{t('cap.hint')}</span>
          <button type="button" class="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="primary" disabled={status.kind === 'saving' || !chosen.length}>
            {status.kind === 'saving'
              ? t('cap.saving')
              : match && chosen.length === 1
                ? t('cap.update')
                : t('cap.save')}
          </button>
        </footer>
      </form>
    </div>
  );
}
