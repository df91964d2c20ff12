/**
 * The lead: who, the company, the deal (value, close, BANT, temperature, status, source, tags),
 * next steps, the timeline with quick logging, objections, research notes and, for customers,
 * NPS, churn and a new deal. Props in, callbacks out; every write goes through `actions`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Kept, NoteDraft } from '../lib/drafts';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatRelative } from '../lib/format';
import { answerSection, appendSection, checklistSection, researchSection } from '../lib/note-sections';
import type {
  Activity,
  Company,
  Contact,
  Deal,
  FollowUp,
  Note,
  NpsAnswer,
  Objection,
  ObjectionCategory,
  PlaybookAnswer,
  ResearchItem,
  Settings,
} from '../lib/records';
import type { LeadScore } from '../lib/score';
import {
  AUTHORITIES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  OBJECTION_CATEGORIES,
  RESEARCH_ITEMS,
  TEMPERATURES,
  TIMELINES,
  TOUCHPOINT_KINDS,
} from '../lib/vocab';
import { EditableField, ReloadRecords } from './EditableField';
import {
  activityLabel,
  authorityLabel,
  errorText,
  exitItemLabel,
  followUpKindLabel,
  leadStatusLabel,
  objectionLabel,
  researchLabel,
  scoreFactorLabel,
  sourceLabel,
  stageName,
  t,
  temperatureLabel,
  timelineLabel,
} from './i18n';
import { lazy } from './lazy';
import { Markdown, type RenderMarkdown } from './Markdown';
import { activityText, followUpText } from './record-text';

// Opened on a click: fetched then, not at start-up.
const DeleteContactDialog = lazy(() => import('./DeleteContactDialog').then((m) => m.DeleteContactDialog));
// Opened on a click: fetched then, not at start-up.
const RescheduleForm = lazy(() => import('./RescheduleForm').then((m) => m.RescheduleForm));
// Shown when the rep opens the stage's playbook: fetched then, not at start-up.
const PlaybookAnswers = lazy(() => import('./PlaybookAnswers').then((m) => m.PlaybookAnswers));

export interface LeadViewData {
  settings: Settings;
  deal: Deal;
  contact?: Contact;
  company?: Company;
  activities: Activity[];
  followUps: FollowUp[];
  notes: Note[];
  objections: Objection[];
  nps: NpsAnswer[];
  otherDeals: Deal[];
}

type Store = 'contacts' | 'companies' | 'deals' | 'objections' | 'notes';
/** What the lead view deletes (with undo). */
export type RemovableRecord =
  | { store: 'contacts'; record: Contact; deals: 'keep' | 'delete' }
  | { store: 'companies'; record: Company }
  | { store: 'deals'; record: Deal }
  | { store: 'notes'; record: Note }
  | { store: 'followUps'; record: FollowUp }
  | { store: 'activities'; record: Activity }
  | { store: 'objections'; record: Objection };

export interface LeadActions {
  update: (store: Store, id: string, rev: number, patch: Record<string, unknown>) => Promise<unknown>;
  create: (store: 'objections' | 'notes' | 'nps', draft: Record<string, unknown>) => Promise<unknown>;
  move: (stage: string, lostReason?: string) => Promise<unknown>;
  logActivity: (kind: (typeof TOUCHPOINT_KINDS)[number], text: string) => Promise<unknown>;
  addFollowUp: (preset: 'later-today' | 'tomorrow-9' | 'in-3-days' | 'next-week', text: string) => Promise<unknown>;
  completeFollowUp: (f: FollowUp) => Promise<unknown>;
  snoozeFollowUp: (f: FollowUp) => Promise<unknown>;
  rescheduleFollowUp: (f: FollowUp, dueAt: number) => Promise<unknown>;
  /** Deletes a record; the panel offers the undo. `name` says what it was, for the toast. */
  remove: (target: RemovableRecord, name: string) => Promise<unknown>;
  newDeal: (kind: 'upsell' | 'cross-sell', title: string, value: number) => Promise<unknown>;
  churn: (reason: string) => Promise<unknown>;
  openBrief: () => void;
  back: () => void;
  /** Re-reads the lead (after a refusal because it changed elsewhere); resolves once re-read. */
  reload: () => Promise<unknown>;
}

/** Where the note being typed is kept until it is saved, per subject (see lib/drafts.ts). */
export interface NoteDrafts {
  load(subjectId: string): Promise<Kept<NoteDraft> | undefined>;
  save(subjectId: string, draft: NoteDraft): void;
  clear(subjectId: string): Promise<void>;
}

export interface LeadViewProps {
  data: LeadViewData;
  score: LeadScore;
  now: number;
  locale?: string;
  /** The rep's time zone: follow-ups are shown and rescheduled in it. */
  timeZone?: string;
  renderMarkdown: RenderMarkdown;
  actions: LeadActions;
  noteDrafts?: NoteDrafts;
}

const PROFILE_LABEL: Record<string, string> = { linkedin: 'LinkedIn', twitter: 'X', github: 'GitHub' };
const NPS_GROUP_LABEL = {
  promoter: 'nps.promoter',
  passive: 'nps.passive',
  detractor: 'nps.detractor',
} as const;
const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Every stage's playbook answers, the deal's own stage first, for the objection form's picker. */
function playbookGroups(settings: Settings, current: string): { stage: string; answers: PlaybookAnswer[] }[] {
  return [...settings.stages]
    .sort((a, b) => Number(b.id === current) - Number(a.id === current))
    .filter((s) => s.answers.length > 0)
    .map((s) => ({ stage: s.name, answers: s.answers }));
}

/** NPS group of a 0–10 answer (DESIGN.md: 9–10 promoter, 7–8 passive, 0–6 detractor). */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export function LeadView({ data, score, now, locale, timeZone, renderMarkdown, actions, noteDrafts }: LeadViewProps) {
  const { deal, contact, company, settings } = data;
  const stage = settings.stages.find((s) => s.id === deal.stage);
  const [error, setError] = useState<{ message: string; stale: boolean }>();
  const count = (n: number) => formatNumber(n, locale);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  /** Set by the note box: appends to what is being typed there (and to its kept draft). */
  const noteInsert = useRef<((section: string) => void) | null>(null);
  const [rescheduling, setRescheduling] = useState<string>();
  const [deletingContact, setDeletingContact] = useState(false);
  const [playbookOpen, setPlaybookOpen] = useState(false);
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Appends a markdown section to the note being typed, and takes the rep there. */
  const insertIntoNote = (section: string) => {
    noteInsert.current?.(section);
    requestAnimationFrame(() => {
      noteRef.current?.focus();
      noteRef.current?.scrollIntoView({ block: 'center' });
    });
  };
  // The sections are the rep's own note text: written in the UI's language.
  const researchMarkdown = () =>
    researchSection(
      t('brief.research'),
      RESEARCH_ITEMS.map((item) => ({
        label: researchLabel(item),
        answer: data.notes.find((n) => n.researchItem === item)?.body,
      })),
    );
  /** Runs a write; resolves with whether it was saved (a refusal shows in the banner). */
  const run = (p: Promise<unknown>): Promise<boolean> =>
    p.then(
      () => {
        setError(undefined);
        return true;
      },
      (e: unknown) => {
        setError({
          message: errorText(e),
          stale: (e as { code?: unknown })?.code === 'stale',
        });
        return false;
      },
    );
  const noteSubject = contact?.id ?? deal.id;
  const upd = (store: Store, rec: { id: string; rev: number }, patch: Record<string, unknown>) =>
    actions.update(store, rec.id, rec.rev, patch);
  const openFollowUps = data.followUps.filter((f) => f.status === 'open').sort((a, b) => a.dueAt - b.dueAt);
  const customer = contact?.lifecycle === 'customer';

  const article = (
    <article class="lead" aria-labelledby="lead-name">
      <header class="lead-head">
        <button type="button" class="icon" aria-label={t('app.backToPipeline')} onClick={actions.back}>
          ←
        </button>
        <div class="lead-title">
          <h1 id="lead-name">{contact?.name ?? deal.title}</h1>
          <p class="muted">
            {contact?.jobTitle && company?.name
              ? t('lead.titleAt', { title: contact.jobTitle, company: company.name })
              : (contact?.jobTitle ?? company?.name)}
            {contact?.lifecycle === 'customer' && <span class="pill ok"> {t('lead.customer')}</span>}
            {contact?.lifecycle === 'churned' && <span class="pill bad"> {t('lead.churned')}</span>}
          </p>
        </div>
        <button type="button" class="secondary" onClick={actions.openBrief}>
          {t('lead.brief')}
        </button>
      </header>
      {error && (
        <p class="banner error" role="alert">
          {error.message}
          {error.stale && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void actions.reload().then(() => setError(undefined))}>
                {t('field.reload')}
              </button>
            </>
          )}
        </p>
      )}

      <section class="card-section" aria-labelledby="deal-h">
        <h2 id="deal-h">
          {t('lead.deal')} <span class="muted">· {formatMoney(deal.value, deal.currency, locale)}</span>
        </h2>
        <div class="grid2">
          <label class="field">
            <span>{t('lead.stage')}</span>
            <select
              name="stage"
              value={deal.stage}
              onChange={(e) => {
                const to = e.currentTarget.value;
                const kind = settings.stages.find((s) => s.id === to)?.kind;
                const reason = kind === 'lost' ? prompt(t('lead.lostPrompt'))?.trim() : undefined;
                if (kind === 'lost' && !reason) {
                  e.currentTarget.value = deal.stage;
                  return;
                }
                void run(actions.move(to, reason));
              }}
            >
              {settings.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {stageName(s)}
                </option>
              ))}
            </select>
          </label>
          <EditableField
            label={t('lead.value', { currency: deal.currency })}
            name="value"
            type="number"
            value={String(deal.value)}
            onSave={(v) => upd('deals', deal, { value: Number(v) || 0 })}
          />
          <EditableField
            label={t('lead.expectedClose')}
            name="expectedClose"
            type="date"
            value={deal.expectedClose ?? ''}
            onSave={(v) => upd('deals', deal, { expectedClose: v || null })}
          />
          <label class="field">
            <span>{t('lead.source')}</span>
            <select
              name="source"
              value={deal.source}
              onChange={(e) => void run(upd('deals', deal, { source: e.currentTarget.value }))}
            >
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset class="bant">
          <legend>BANT</legend>
          <div class="grid2">
            <EditableField
              label={t('lead.budget')}
              name="budget"
              value={deal.bant.budget ?? ''}
              onSave={(v) => upd('deals', deal, { bant: { ...deal.bant, budget: v || undefined } })}
            />
            <label class="field">
              <span>{t('lead.authority')}</span>
              <select
                name="authority"
                value={deal.bant.authority ?? ''}
                onChange={(e) =>
                  void run(
                    upd('deals', deal, { bant: { ...deal.bant, authority: e.currentTarget.value || undefined } }),
                  )
                }
              >
                <option value="">{t('lead.notKnown')}</option>
                {AUTHORITIES.map((a) => (
                  <option key={a} value={a}>
                    {authorityLabel(a)}
                  </option>
                ))}
              </select>
            </label>
            <EditableField
              label={t('lead.need')}
              name="need"
              value={deal.bant.need ?? ''}
              onSave={(v) => upd('deals', deal, { bant: { ...deal.bant, need: v || undefined } })}
            />
            <label class="field">
              <span>{t('lead.timeline')}</span>
              <select
                name="timeline"
                value={deal.bant.timeline ?? ''}
                onChange={(e) =>
                  void run(upd('deals', deal, { bant: { ...deal.bant, timeline: e.currentTarget.value || undefined } }))
                }
              >
                <option value="">{t('lead.notKnown')}</option>
                {TIMELINES.map((tl) => (
                  <option key={tl} value={tl}>
                    {timelineLabel(tl)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <div class="grid2">
          <label class="field">
            <span>{t('lead.temperature')}</span>
            <select
              name="temperature"
              value={deal.temperature ?? ''}
              onChange={(e) => void run(upd('deals', deal, { temperature: e.currentTarget.value || null }))}
            >
              <option value="">
                {t('lead.temperatureAuto', { temperature: temperatureLabel(score.temperature) })}
              </option>
              {TEMPERATURES.map((tp) => (
                <option key={tp} value={tp}>
                  {temperatureLabel(tp)}
                </option>
              ))}
            </select>
          </label>
          {contact && (
            <label class="field">
              <span>{t('lead.leadStatus')}</span>
              <select
                name="leadStatus"
                value={contact.leadStatus}
                onChange={(e) => void run(upd('contacts', contact, { leadStatus: e.currentTarget.value }))}
              >
                {LEAD_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {leadStatusLabel(s)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <EditableField
          label={t('lead.tags')}
          name="tags"
          value={deal.tags.join(', ')}
          onSave={(v) => upd('deals', deal, { tags: lines(v) })}
        />
        {stage && stage.exitChecklist.length > 0 && (
          <fieldset class="checklist">
            <legend>{t('lead.toLeave', { stage: stageName(stage) })}</legend>
            {stage.exitChecklist.map((item) => (
              <label key={item} class="check">
                <input
                  type="checkbox"
                  checked={deal.checklistDone.includes(item)}
                  onChange={(e) =>
                    void run(
                      upd('deals', deal, {
                        checklistDone: e.currentTarget.checked
                          ? [...deal.checklistDone, item]
                          : deal.checklistDone.filter((x) => x !== item),
                      }),
                    )
                  }
                />{' '}
                {exitItemLabel(item)}
              </label>
            ))}
            <button
              type="button"
              class="link small"
              onClick={() =>
                insertIntoNote(
                  checklistSection(
                    t('lead.toLeave', { stage: stageName(stage) }),
                    stage.exitChecklist.map(exitItemLabel),
                    deal.checklistDone.map(exitItemLabel),
                  ),
                )
              }
            >
              {t('playbook.insert')}
            </button>
          </fieldset>
        )}
        {stage && stage.answers.length > 0 && (
          <details class="playbook" onToggle={(e) => setPlaybookOpen(e.currentTarget.open)}>
            <summary>
              {t('lead.playbookFor', { stage: stageName(stage) })}{' '}
              <span class="muted">({count(stage.answers.length)})</span>
            </summary>
            {playbookOpen && (
              <PlaybookAnswers
                answers={stage.answers}
                renderMarkdown={renderMarkdown}
                onInsert={(a) => insertIntoNote(answerSection(a.title, a.body))}
              />
            )}
          </details>
        )}
        <details class="score">
          <summary>
            {t('lead.score')} <b data-testid="score">{score.score}</b>/100
          </summary>
          <ul>
            {score.factors.map((f) => (
              <li key={f.key}>
                {t('lead.scoreFactor', { factor: scoreFactorLabel(f.key), points: f.points, max: f.max })}
              </li>
            ))}
          </ul>
        </details>
        <p class="section-actions">
          <button
            type="button"
            class="link danger"
            onClick={() =>
              void run(actions.remove({ store: 'deals', record: deal }, t('undo.theDeal', { title: deal.title })))
            }
          >
            {t('lead.deleteDeal')}
          </button>
        </p>
      </section>

      <section class="card-section" aria-labelledby="next-h">
        <h2 id="next-h">{t('lead.nextSteps')}</h2>
        {openFollowUps.length === 0 && <p class="next none">{t('lead.noNextStep')}</p>}
        <ul class="plain">
          {openFollowUps.map((f) => (
            <li key={f.id} class={`fu${f.dueAt <= now ? ' overdue' : ''}`} data-follow-up={f.id}>
              <span>
                <b>{followUpKindLabel(f.kind)}</b> {followUpText(f, count)} · {formatDateTime(f.dueAt, locale, zone)} (
                {formatRelative(f.dueAt, now, locale)})
              </span>
              <button type="button" class="link" onClick={() => void run(actions.completeFollowUp(f))}>
                {t('lead.done')}
              </button>
              <button type="button" class="link" onClick={() => void run(actions.snoozeFollowUp(f))}>
                {t('lead.tomorrow')}
              </button>
              <button
                type="button"
                class="link"
                aria-expanded={rescheduling === f.id}
                onClick={() => setRescheduling((r) => (r === f.id ? undefined : f.id))}
              >
                {t('fu.reschedule')}
              </button>
              <button
                type="button"
                class="icon"
                aria-label={t('lead.deleteFollowUp', { what: followUpText(f, count) || followUpKindLabel(f.kind) })}
                title={t('common.delete')}
                onClick={() => void run(actions.remove({ store: 'followUps', record: f }, t('undo.theFollowUp')))}
              >
                ×
              </button>
              {rescheduling === f.id && (
                <RescheduleForm
                  dueAt={f.dueAt}
                  now={now}
                  timeZone={zone}
                  locale={locale}
                  onCancel={() => setRescheduling(undefined)}
                  onSave={(dueAt) => actions.rescheduleFollowUp(f, dueAt).then(() => setRescheduling(undefined))}
                />
              )}
            </li>
          ))}
        </ul>
        <AddFollowUp onAdd={(preset, text) => run(actions.addFollowUp(preset, text))} />
      </section>

      <section class="card-section" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('lead.timelineTitle')}</h2>
        <LogActivity onLog={(kind, text) => run(actions.logActivity(kind, text))} />
        <ol class="timeline">
          {data.activities.slice(0, 50).map((a) => (
            <li key={a.id}>
              <span class={`kind ${a.kind}`}>{activityLabel(a.kind)}</span> <span>{activityText(a)}</span>{' '}
              <time class="muted" dateTime={new Date(a.at).toISOString()}>
                {formatRelative(a.at, now, locale)}
              </time>
              <button
                type="button"
                class="icon row-delete"
                aria-label={t('lead.deleteActivity', { what: `${activityLabel(a.kind)} ${a.text}`.trim() })}
                title={t('common.delete')}
                onClick={() => void run(actions.remove({ store: 'activities', record: a }, t('undo.theActivity')))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      </section>

      <section class="card-section" aria-labelledby="obj-h">
        <h2 id="obj-h">{t('lead.objections')}</h2>
        <ul class="plain">
          {data.objections.map((o) => (
            <li key={o.id} class="objection">
              <label class="check">
                <input
                  type="checkbox"
                  checked={o.resolved}
                  aria-label={t('lead.resolved', { said: o.said })}
                  onChange={(e) => void run(upd('objections', o, { resolved: e.currentTarget.checked }))}
                />{' '}
                <b>{objectionLabel(o.category)}</b>: “{o.said}”
              </label>
              {o.answer && <p class="muted objection-answer">{t('lead.answer', { answer: o.answer })}</p>}
              <button
                type="button"
                class="icon row-delete"
                aria-label={t('lead.deleteObjection', { said: o.said })}
                title={t('common.delete')}
                onClick={() => void run(actions.remove({ store: 'objections', record: o }, t('undo.theObjection')))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <AddObjection
          playbook={playbookGroups(settings, deal.stage)}
          onAdd={(draft) => run(actions.create('objections', { ...draft, dealId: deal.id, contactId: deal.contactId }))}
        />
      </section>

      <section class="card-section" aria-labelledby="notes-h">
        <h2 id="notes-h">{t('lead.research')}</h2>
        <ul class="research-checklist" aria-label={t('lead.researchChecklist')}>
          {RESEARCH_ITEMS.map((item) => {
            const done = data.notes.some((n) => n.researchItem === item);
            return (
              <li key={item} class={done ? 'done' : 'todo'}>
                <span aria-hidden="true">{done ? '✓' : '○'}</span> {researchLabel(item)}
                <span class="sr-only"> {done ? t('lead.researchDone') : t('lead.researchOpen')}</span>
              </li>
            );
          })}
        </ul>
        <button type="button" class="link small" onClick={() => insertIntoNote(researchMarkdown())}>
          {t('lead.insertResearch')}
        </button>
        <AddNote
          key={noteSubject}
          subjectId={noteSubject}
          drafts={noteDrafts}
          locale={locale}
          textareaRef={noteRef}
          insertRef={noteInsert}
          onAdd={(body, researchItem) =>
            run(
              actions.create('notes', {
                subjectKind: contact ? 'contact' : 'deal',
                subjectId: noteSubject,
                body,
                researchItem,
              }),
            )
          }
        />
        <ul class="plain notes">
          {data.notes.map((n) => (
            <li key={n.id} class="note">
              <div class="note-meta muted">
                {n.researchItem && <span class="pill">{researchLabel(n.researchItem)}</span>}{' '}
                {n.kind === 'clipping' ? t('lead.clipping') : t('lead.note')} · {formatDate(n.createdAt, locale)}
                {n.sourceUrl && (
                  <>
                    {' · '}
                    <a href={n.sourceUrl} target="_blank" rel="noopener noreferrer">
                      {n.pageTitle || new URL(n.sourceUrl).hostname}
                    </a>
                  </>
                )}
                {' · '}
                <button
                  type="button"
                  class="link danger"
                  aria-label={t(n.kind === 'clipping' ? 'lead.deleteClipping' : 'lead.deleteNote', {
                    text: n.body.slice(0, 40),
                  })}
                  onClick={() =>
                    void run(
                      actions.remove(
                        { store: 'notes', record: n },
                        t(n.kind === 'clipping' ? 'undo.theClipping' : 'undo.theNote'),
                      ),
                    )
                  }
                >
                  {t('common.delete')}
                </button>
              </div>
              <Markdown source={n.body} render={renderMarkdown} />
              <select
                class="note-item"
                aria-label={t('lead.answersItem')}
                value={n.researchItem ?? ''}
                onChange={(e) => void run(upd('notes', n, { researchItem: e.currentTarget.value || null }))}
              >
                <option value="">{t('lead.notResearch')}</option>
                {RESEARCH_ITEMS.map((r) => (
                  <option key={r} value={r}>
                    {t('lead.answers', { item: researchLabel(r) })}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      </section>

      {contact && (
        <section class="card-section" aria-labelledby="contact-h">
          <h2 id="contact-h">{t('lead.contact')}</h2>
          <div class="grid2">
            <EditableField
              label={t('lead.name')}
              name="name"
              value={contact.name}
              onSave={(v) => upd('contacts', contact, { name: v })}
            />
            <EditableField
              label={t('lead.jobTitle')}
              name="jobTitle"
              value={contact.jobTitle ?? ''}
              onSave={(v) => upd('contacts', contact, { jobTitle: v || null })}
            />
            <EditableField
              label={t('lead.emails')}
              name="emails"
              value={contact.emails.join(', ')}
              onSave={(v) => upd('contacts', contact, { emails: lines(v) })}
            />
            <EditableField
              label={t('lead.phones')}
              name="phones"
              value={contact.phones.join(', ')}
              onSave={(v) => upd('contacts', contact, { phones: lines(v) })}
            />
            <EditableField
              label={t('lead.location')}
              name="location"
              value={contact.location ?? ''}
              onSave={(v) => upd('contacts', contact, { location: v || null })}
            />
            <EditableField
              label="LinkedIn"
              name="linkedin"
              type="url"
              value={contact.profiles.linkedin ?? ''}
              onSave={(v) => upd('contacts', contact, { profiles: { ...contact.profiles, linkedin: v || undefined } })}
            />
          </div>
          <p class="links">
            {contact.emails.map((e) => (
              <a key={e} href={`mailto:${e}`}>
                {e}
              </a>
            ))}
            {contact.phones.map((p) => (
              <a key={p} href={`tel:${p.replace(/\s/g, '')}`}>
                {p}
              </a>
            ))}
            {Object.entries(contact.profiles).map(([k, u]) => (
              <a key={k} href={u} target="_blank" rel="noopener noreferrer">
                {PROFILE_LABEL[k] ?? t('lead.website')}
              </a>
            ))}
          </p>
          <p class="section-actions">
            <button type="button" class="link danger" onClick={() => setDeletingContact(true)}>
              {t('del.confirm')}
            </button>
          </p>
          {deletingContact && (
            <DeleteContactDialog
              name={contact.name}
              dealCount={1 + data.otherDeals.length}
              onCancel={() => setDeletingContact(false)}
              onConfirm={(deals) => {
                setDeletingContact(false);
                void run(actions.remove({ store: 'contacts', record: contact, deals }, contact.name));
              }}
            />
          )}
        </section>
      )}

      {company && (
        <section class="card-section" aria-labelledby="company-h">
          <h2 id="company-h">{t('lead.company')}</h2>
          <div class="grid2">
            <EditableField
              label={t('lead.name')}
              name="companyName"
              value={company.name}
              onSave={(v) => upd('companies', company, { name: v })}
            />
            <EditableField
              label={t('lead.website')}
              name="website"
              type="url"
              value={company.website ?? ''}
              onSave={(v) => upd('companies', company, { website: v || null })}
            />
            <EditableField
              label={t('lead.industry')}
              name="industry"
              value={company.industry ?? ''}
              onSave={(v) => upd('companies', company, { industry: v || null })}
            />
            <EditableField
              label={t('lead.size')}
              name="size"
              value={company.size ?? ''}
              onSave={(v) => upd('companies', company, { size: v || null })}
            />
          </div>
          <EditableField
            label={t('lead.description')}
            name="description"
            multiline
            value={company.description ?? ''}
            onSave={(v) => upd('companies', company, { description: v || null })}
          />
          <p class="section-actions">
            <button
              type="button"
              class="link danger"
              onClick={() => void run(actions.remove({ store: 'companies', record: company }, company.name))}
            >
              {t('lead.deleteCompany')}
            </button>
          </p>
        </section>
      )}

      {contact && (customer || contact.lifecycle === 'churned') && (
        <section class="card-section" aria-labelledby="cust-h">
          <h2 id="cust-h">{t('lead.customer')}</h2>
          <NpsBlock
            answers={data.nps}
            locale={locale}
            onAdd={(score, comment) =>
              run(
                actions.create('nps', {
                  contactId: contact.id,
                  companyId: contact.companyId,
                  dealId: deal.id,
                  score,
                  comment,
                  at: now,
                }),
              )
            }
          />
          {customer && (
            <div class="actions">
              <NewDeal
                onCreate={(kind, title, value) => run(actions.newDeal(kind, title, value))}
                name={contact.name}
              />
              <Churn onChurn={(reason) => run(actions.churn(reason))} />
            </div>
          )}
          {contact.lifecycle === 'churned' && (
            <p class="muted">
              {t('lead.churnedOn', {
                date: contact.churnedAt ? formatDate(contact.churnedAt, locale) : '',
                reason: contact.churnReason ?? '',
              })}
            </p>
          )}
        </section>
      )}
    </article>
  );
  return <ReloadRecords.Provider value={actions.reload}>{article}</ReloadRecords.Provider>;
}

function AddFollowUp({
  onAdd,
}: {
  onAdd: (preset: 'later-today' | 'tomorrow-9' | 'in-3-days' | 'next-week', text: string) => void;
}) {
  const [text, setText] = useState('');
  const presets = [
    ['later-today', 'preset.laterToday'],
    ['tomorrow-9', 'preset.tomorrow9'],
    ['in-3-days', 'preset.in3Days'],
    ['next-week', 'preset.nextWeek'],
  ] as const;
  return (
    <div class="add-row">
      <input
        aria-label={t('lead.followUp')}
        placeholder={t('lead.followUpPlaceholder')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="chips">
        {presets.map(([p, l]) => (
          <button
            key={p}
            type="button"
            class="chip"
            onClick={() => {
              onAdd(p, text || t('generated.followUp'));
              setText('');
            }}
          >
            {t(l)}
          </button>
        ))}
      </div>
    </div>
  );
}

function LogActivity({ onLog }: { onLog: (kind: (typeof TOUCHPOINT_KINDS)[number], text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <div class="add-row">
      <input
        aria-label={t('lead.whatHappened')}
        placeholder={t('lead.whatHappenedPlaceholder')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="chips" role="group" aria-label={t('lead.logTouchpoint')}>
        {TOUCHPOINT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            class="chip"
            onClick={() => {
              onLog(k, text);
              setText('');
            }}
          >
            {activityLabel(k)}
          </button>
        ))}
      </div>
    </div>
  );
}

function AddObjection({
  playbook,
  onAdd,
}: {
  /** Playbook answers by stage, offered to fill in the answer. */
  playbook: { stage: string; answers: PlaybookAnswer[] }[];
  onAdd: (d: { category: ObjectionCategory; said: string; answer?: string }) => void;
}) {
  const [category, setCategory] = useState<ObjectionCategory>('price');
  const [said, setSaid] = useState('');
  const [answer, setAnswer] = useState('');
  return (
    <form
      class="add-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!said.trim()) return;
        onAdd({ category, said, answer: answer || undefined });
        setSaid('');
        setAnswer('');
      }}
    >
      <select
        aria-label={t('lead.objectionCategory')}
        value={category}
        onChange={(e) => setCategory(e.currentTarget.value as ObjectionCategory)}
      >
        {OBJECTION_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {objectionLabel(c)}
          </option>
        ))}
      </select>
      <input
        aria-label={t('lead.theySaid')}
        placeholder={t('lead.theySaid')}
        value={said}
        onInput={(e) => setSaid(e.currentTarget.value)}
      />
      {playbook.length > 0 && (
        <select
          aria-label={t('lead.usePlaybookAnswer')}
          value=""
          onChange={(e) => {
            const [g, i] = e.currentTarget.value.split(':').map(Number);
            const picked = playbook[g ?? -1]?.answers[i ?? -1];
            if (picked) setAnswer(picked.body);
            e.currentTarget.value = '';
          }}
        >
          <option value="">{t('lead.usePlaybookAnswerMenu')}</option>
          {playbook.map((group, g) => (
            <optgroup key={`${g}:${group.stage}`} label={group.stage}>
              {group.answers.map((a, i) => (
                <option key={`${i}:${a.title}`} value={`${g}:${i}`}>
                  {a.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
      <textarea
        aria-label={t('lead.yourAnswer')}
        placeholder={t('lead.yourAnswer')}
        rows={answer.includes('\n') || answer.length > 80 ? 4 : 1}
        value={answer}
        onInput={(e) => setAnswer(e.currentTarget.value)}
      />
      <button type="submit" class="secondary">
        {t('lead.addObjection')}
      </button>
    </form>
  );
}

/**
 * The note being written. What is typed is kept as a draft (per subject) until it is saved, so
 * a closed panel or browser does not lose it; a failed save keeps the text in the box too.
 * Checklists and playbook answers are appended to it through `insertRef`.
 */
function AddNote({
  subjectId,
  drafts,
  locale,
  textareaRef,
  insertRef,
  onAdd,
}: {
  subjectId: string;
  drafts?: NoteDrafts;
  locale?: string;
  textareaRef: { current: HTMLTextAreaElement | null };
  insertRef: { current: ((section: string) => void) | null };
  onAdd: (body: string, item?: ResearchItem) => Promise<boolean>;
}) {
  const [body, setBody] = useState('');
  const [item, setItem] = useState<ResearchItem | ''>('');
  const [restoredAt, setRestoredAt] = useState<number>();
  const typed = useRef(false);

  useEffect(() => {
    let live = true;
    void drafts?.load(subjectId).then((kept) => {
      // Only into an untouched box: never over what the rep began typing meanwhile.
      if (!live || !kept || typed.current) return;
      setBody(kept.value.body);
      setItem(kept.value.researchItem ?? '');
      setRestoredAt(kept.savedAt);
    });
    return () => {
      live = false;
    };
  }, [drafts, subjectId]);

  const keep = (nextBody: string, nextItem: ResearchItem | '') => {
    if (nextBody.trim()) drafts?.save(subjectId, { body: nextBody, researchItem: nextItem || undefined });
    else void drafts?.clear(subjectId);
  };
  const discard = () => {
    setBody('');
    setItem('');
    setRestoredAt(undefined);
    void drafts?.clear(subjectId);
  };
  insertRef.current = (section) => {
    typed.current = true;
    const next = appendSection(body, section);
    setBody(next);
    keep(next, item);
  };

  return (
    <form
      class="add-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) return;
        void onAdd(body, item || undefined).then((saved) => {
          if (saved) discard();
        });
      }}
    >
      {restoredAt !== undefined && (
        <p class="draft-hint" role="status" data-testid="draft-restored">
          {t('lead.draftRestored', { when: formatDateTime(restoredAt, locale) })}{' '}
          <button type="button" class="link" onClick={discard}>
            {t('lead.discardDraft')}
          </button>
        </p>
      )}
      <textarea
        ref={textareaRef}
        aria-label={t('lead.noteLabel')}
        name="note"
        rows={body.split('\n').length > 3 ? 8 : 3}
        placeholder={t('lead.notePlaceholder')}
        value={body}
        onInput={(e) => {
          typed.current = true;
          setBody(e.currentTarget.value);
          keep(e.currentTarget.value, item);
        }}
      />
      <select
        aria-label={t('lead.researchItem')}
        value={item}
        onChange={(e) => {
          const next = e.currentTarget.value as ResearchItem | '';
          setItem(next);
          keep(body, next);
        }}
      >
        <option value="">{t('lead.notResearch')}</option>
        {RESEARCH_ITEMS.map((r) => (
          <option key={r} value={r}>
            {researchLabel(r)}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('lead.addNote')}
      </button>
    </form>
  );
}

function NpsBlock({
  answers,
  locale,
  onAdd,
}: {
  answers: NpsAnswer[];
  locale?: string;
  onAdd: (score: number, comment: string) => void;
}) {
  const [comment, setComment] = useState('');
  return (
    <div>
      <h3>NPS</h3>
      <ul class="plain">
        {answers.map((a) => (
          <li key={a.id}>
            <b>{a.score}</b> <span class={`pill ${npsGroup(a.score)}`}>{t(NPS_GROUP_LABEL[npsGroup(a.score)])}</span>{' '}
            {a.comment} · <span class="muted">{formatDate(a.at, locale)}</span>
          </li>
        ))}
      </ul>
      <div class="add-row">
        <input
          aria-label={t('lead.npsComment')}
          placeholder={t('lead.npsCommentPlaceholder')}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        <div class="chips nps" role="group" aria-label={t('lead.npsRecord')}>
          {Array.from({ length: 11 }, (_, i) => (
            <button
              key={i}
              type="button"
              class={`chip ${npsGroup(i)}`}
              onClick={() => {
                onAdd(i, comment);
                setComment('');
              }}
            >
              {i}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function NewDeal({
  name,
  onCreate,
}: {
  name: string;
  onCreate: (kind: 'upsell' | 'cross-sell', title: string, value: number) => void;
}) {
  return (
    <>
      <button type="button" class="secondary" onClick={() => onCreate('upsell', t('lead.upsellTitle', { name }), 0)}>
        {t('lead.newUpsell')}
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => onCreate('cross-sell', t('lead.crossSellTitle', { name }), 0)}
      >
        {t('lead.newCrossSell')}
      </button>
    </>
  );
}

function Churn({ onChurn }: { onChurn: (reason: string) => void }) {
  return (
    <button
      type="button"
      class="secondary danger"
      onClick={() => {
        const reason = prompt(t('lead.churnPrompt'))?.trim();
        if (reason) onChurn(reason);
      }}
    >
      {t('lead.markChurned')}
    </button>
  );
}
