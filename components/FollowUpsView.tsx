/**
 * Follow-ups in three groups — Overdue, Today, Upcoming — with Done, Snooze and a link to the
 * lead. Props in, callbacks out.
 */
import { useState } from 'preact/hooks';
import { formatDateTime, formatRelative } from '../lib/format';
import type { FollowUp } from '../lib/records';
import { lazy } from './lazy';

// Opened on a click: fetched then, not at start-up.
const RescheduleForm = lazy(() => import('./RescheduleForm').then((m) => m.RescheduleForm));

export interface FollowUpsViewProps {
  groups: { overdue: FollowUp[]; today: FollowUp[]; upcoming: FollowUp[] };
  /** Deal titles by id, for the rows. */
  titles: Map<string, string>;
  now: number;
  locale?: string;
  onComplete: (f: FollowUp) => void;
  onSnooze: (f: FollowUp, preset: 'later-today' | 'tomorrow-9' | 'next-week') => void;
  /** A due time the rep picked; rejects with a message the form shows. */
  onReschedule: (f: FollowUp, dueAt: number) => Promise<unknown>;
  /** The rep's time zone: due times are shown and entered in it. */
  timeZone: string;
  onOpen: (dealId: string) => void;
  onExportIcs: () => void;
  /** "Who next": open deals by due follow-ups, then lead score (lib/pipeline whoNext). */
  whoNext: { dealId: string; title: string; score: number; bucket: 'overdue' | 'due-today' | 'by-score' }[];
}

const GROUPS = [
  ['overdue', 'Overdue'],
  ['today', 'Today'],
  ['upcoming', 'Upcoming'],
] as const;

export function FollowUpsView({
  groups,
  titles,
  now,
  locale,
  onComplete,
  onSnooze,
  onReschedule,
  timeZone,
  onOpen,
  onExportIcs,
  whoNext,
}: FollowUpsViewProps) {
  const total = groups.overdue.length + groups.today.length + groups.upcoming.length;
  const [rescheduling, setRescheduling] = useState<string>();
  return (
    <section class="followups" aria-labelledby="fu-h">
      <header class="view-head">
        <h1 id="fu-h">Follow-ups</h1>
        <button type="button" class="secondary" onClick={onExportIcs} disabled={!total}>
          Export .ics
        </button>
      </header>
      {whoNext.length > 0 && (
        <section class="who-next" aria-labelledby="who-h">
          <h2 id="who-h">Who next</h2>
          <ol>
            {whoNext.map((w) => (
              <li key={w.dealId}>
                <button type="button" class="link" onClick={() => onOpen(w.dealId)}>
                  {w.title}
                </button>{' '}
                <span class={`pill ${w.bucket === 'overdue' ? 'bad' : ''}`}>
                  {w.bucket === 'overdue' ? 'overdue' : w.bucket === 'due-today' ? 'due today' : `score ${w.score}`}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {total === 0 && (
        <div class="empty">
          <h2>Nothing to follow up</h2>
          <p>Follow-ups you plan on a lead, in the capture card, or that cadences suggest show up here by due date.</p>
        </div>
      )}
      {GROUPS.map(([key, title]) =>
        groups[key].length ? (
          <section key={key} class={`fu-group ${key}`} aria-labelledby={`fu-${key}`}>
            <h2 id={`fu-${key}`}>
              {title} <span class="count">{groups[key].length}</span>
            </h2>
            <ul class="plain">
              {groups[key].slice(0, 200).map((f) => (
                <li key={f.id} class="fu-row" data-follow-up={f.id}>
                  <div class="fu-main">
                    <b>{f.kind.replace('-', ' ')}</b> {f.text}
                    {f.dealId && (
                      <button type="button" class="link" onClick={() => onOpen(f.dealId as string)}>
                        {titles.get(f.dealId) ?? 'Open lead'}
                      </button>
                    )}
                    <div class={key === 'overdue' ? 'error' : 'muted'}>
                      {formatDateTime(f.dueAt, locale, timeZone)} · {formatRelative(f.dueAt, now, locale)}
                    </div>
                    {rescheduling === f.id && (
                      <RescheduleForm
                        dueAt={f.dueAt}
                        now={now}
                        timeZone={timeZone}
                        locale={locale}
                        onCancel={() => setRescheduling(undefined)}
                        onSave={(dueAt) => onReschedule(f, dueAt).then(() => setRescheduling(undefined))}
                      />
                    )}
                  </div>
                  <div class="fu-actions">
                    <button type="button" class="secondary" onClick={() => onComplete(f)}>
                      Done
                    </button>
                    <select
                      aria-label="Snooze"
                      value=""
                      onChange={(e) => {
                        const v = e.currentTarget.value as 'later-today' | 'tomorrow-9' | 'next-week' | '';
                        if (v) onSnooze(f, v);
                      }}
                    >
                      <option value="">Snooze…</option>
                      <option value="later-today">Later today</option>
                      <option value="tomorrow-9">Tomorrow 9:00</option>
                      <option value="next-week">Next week</option>
                    </select>
                    <button
                      type="button"
                      class="secondary"
                      aria-expanded={rescheduling === f.id}
                      onClick={() => setRescheduling((r) => (r === f.id ? undefined : f.id))}
                    >
                      Reschedule…
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </section>
  );
}
