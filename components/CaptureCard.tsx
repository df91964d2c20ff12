/**
 * The capture card: the rep reviews what was read off the page, edits any field, and saves.
 * Props in, callbacks out: no browser APIs here (the content script wires them). Everything
 * shown comes from a hostile page, so it is rendered as text only.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClipDraftInput, LookupResult, SaveClipResult } from '../lib/protocol';
import type { LeadSource } from '../lib/records';
import { LEAD_SOURCES } from '../lib/vocab';

type FollowUpPreset = 'none' | 'tomorrow' | 'in-3-days' | 'next-week';

export interface CaptureCardProps {
  /** One draft per person found; a team or speaker page gives several. */
  drafts: ClipDraftInput[];
  /** Where each field came from ("JSON-LD", "LinkedIn rule"…), shown beside it. */
  sources: Record<string, string>;
  /** Shown above the form, e.g. when a site's layout was not recognised. */
  notice?: string;
  lookup: (draft: ClipDraftInput) => Promise<LookupResult>;
  save: (draft: ClipDraftInput, contactId?: string) => Promise<SaveClipResult>;
  onClose: () => void;
}

const SOURCE_LABELS: Record<LeadSource, string> = {
  referral: 'Referral',
  'existing-customer': 'Existing customer',
  'closed-lost-revival': 'Closed-lost revival',
  event: 'Event, webinar or fair',
  inbound: 'Inbound content',
  social: 'Social (LinkedIn, X…)',
  'live-chat': 'Live chat',
  'purchased-list': 'Purchased list',
  outbound: 'Outbound',
  other: 'Other',
};

const CHANGE_LABELS: Record<string, string> = {
  jobTitle: 'Title',
  company: 'Company',
  location: 'Location',
  name: 'Name',
};

const PROFILE_LABELS = { linkedin: 'LinkedIn', twitter: 'X', github: 'GitHub', website: 'Website' } as const;

const FOLLOW_UPS: { value: FollowUpPreset; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'tomorrow', label: 'Tomorrow' },
  { value: 'in-3-days', label: 'In 3 days' },
  { value: 'next-week', label: 'Next week' },
];

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; count: number; updated: number }
  | { kind: 'error'; message: string };

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
      setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
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
  const src = (k: string) => (sources[k] ? <span class="src">{sources[k]}</span> : null);

  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby="ll-title" onKeyDown={onKeyDown}>
      <header>
        <span class="logo" aria-hidden="true">
          L
        </span>
        <h2 id="ll-title">
          {drafts.length > 1 ? `Clip ${chosen.length} of ${drafts.length} people` : 'Clip to Leadline'}
        </h2>
        <button type="button" class="icon" aria-label="Close (Escape)" title="Close (Escape)" onClick={onClose}>
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
          <legend>People on this page</legend>
          <ul>
            {drafts.map((d, i) => (
              <li key={`${i}-${d.person.fullName}`} class={i === current ? 'on' : ''}>
                <input
                  type="checkbox"
                  aria-label={`Include ${d.person.fullName}`}
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
          <strong>Already in Leadline</strong> as {match.name}
          {known[current]?.jobChange ? ' — job change!' : ''}. Saving updates that lead; no duplicate is made.
          {known[current]?.changes.length ? (
            <ul>
              {known[current]?.changes.map((c) => (
                <li key={c.field}>
                  {CHANGE_LABELS[c.field] ?? c.field}: {c.before || '—'} → <b>{c.after}</b>
                </li>
              ))}
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
          <span>Name {src('fullName')}</span>
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
          <span>Job title {src('jobTitle')}</span>
          <input
            name="jobTitle"
            maxLength={300}
            value={draft.person.jobTitle ?? ''}
            onInput={(e) => setPerson('jobTitle', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Company {src('company')}</span>
          <input
            name="company"
            maxLength={300}
            value={draft.company?.name ?? ''}
            onInput={(e) => setCompany(e.currentTarget.value)}
          />
        </label>
        <div class="row">
          <label>
            <span>Email {src('emails')}</span>
            <input
              name="emails"
              type="text"
              inputMode="email"
              value={(draft.person.emails ?? []).join(', ')}
              onChange={(e) => setPerson('emails', lines(e.currentTarget.value))}
            />
          </label>
          <label>
            <span>Phone {src('phones')}</span>
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
          <span>Location {src('location')}</span>
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
                {PROFILE_LABELS[k]} {src(k)}
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
            <span>Source</span>
            <select
              name="source"
              value={draft.source ?? 'other'}
              onChange={(e) => update((d) => ({ ...d, source: e.currentTarget.value as LeadSource }))}
            >
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Tags</span>
            <input
              name="tags"
              placeholder="comma, separated"
              value={(draft.tags ?? []).join(', ')}
              onChange={(e) => update((d) => ({ ...d, tags: lines(e.currentTarget.value) }))}
            />
          </label>
        </div>
        <label>
          <span>First note</span>
          <textarea
            name="note"
            rows={2}
            value={draft.note ?? ''}
            placeholder="What caught your eye?"
            onInput={(e) => update((d) => ({ ...d, note: e.currentTarget.value }))}
          />
        </label>
        <fieldset class="chips">
          <legend>Follow up</legend>
          {FOLLOW_UPS.map((f) => (
            <label key={f.value} class="chip">
              <input
                type="radio"
                name="followUp"
                value={f.value}
                checked={(draft.followUp ?? 'none') === f.value}
                onChange={() => update((d) => ({ ...d, followUp: f.value }))}
              />
              <span>{f.label}</span>
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
            {status.updated
              ? `Updated ${status.updated === 1 && status.count === 1 ? 'the lead' : `${status.updated} leads`}${status.count > status.updated ? `, added ${status.count - status.updated}` : ''}.`
              : `Saved ${status.count === 1 ? 'a new lead' : `${status.count} new leads`} to Prospecting.`}
          </p>
        )}
        <footer>
          <span class="hint">Ctrl+Enter saves · Esc closes</span>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={status.kind === 'saving' || !chosen.length}>
            {status.kind === 'saving' ? 'Saving…' : match && chosen.length === 1 ? 'Update lead' : 'Save'}
          </button>
        </footer>
      </form>
    </div>
  );
}
