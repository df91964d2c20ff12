/**
 * Follow-ups in three groups — Overdue, Today, Upcoming — with Done, Snooze and a link to the
 * lead. Props in, callbacks out.
 */
import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, formatRelative } from '../lib/format';
import type { FollowUp } from '../lib/records';
import { followUpKindLabel, t } from './i18n';
import { lazy } from './lazy';
import { followUpText } from './record-text';

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
  ['overdue', 'fu.overdue'],
  ['today', 'fu.today'],
  ['upcoming', 'fu.upcoming'],
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
  const count = (n: number) => formatNumber(n, locale);
  const [rescheduling, setRescheduling] = useState<string>();
  return (
    <section class="followups" aria-labelledby="fu-h">
      <header class="view-head">
        <h1 id="fu-h">{t('fu.title')}</h1>
        <button type="button" class="secondary" onClick={onExportIcs} disabled={!total}>
          {t('fu.exportIcs')}
        </button>
      </header>
      {whoNext.length > 0 && (
        <section class="who-next" aria-labelledby="who-h">
          <h2 id="who-h">{t('fu.whoNext')}</h2>
          <ol>
            {whoNext.map((w) => (
              <li key={w.dealId}>
                <button type="button" class="link" onClick={() => onOpen(w.dealId)}>
                  {w.title}
                </button>{' '}
                <span class={`pill ${w.bucket === 'overdue' ? 'bad' : ''}`}>
                  {w.bucket === 'overdue'
                    ? t('fu.bucketOverdue')
                    : w.bucket === 'due-today'
                      ? t('fu.bucketToday')
                      : t('fu.bucketScore', { score: w.score })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {total === 0 && (
        <div class="empty">
          <h2>{t('fu.emptyTitle')}</h2>
          <p>{t('fu.emptyText')}</p>
        </div>
      )}
      {GROUPS.map(([key, title]) =>
        groups[key].length ? (
          <section key={key} class={`fu-group ${key}`} aria-labelledby={`fu-${key}`}>
            <h2 id={`fu-${key}`}>
              {t(title)} <span class="count">{count(groups[key].length)}</span>
            </h2>
            <ul class="plain">
              {groups[key].slice(0, 200).map((f) => (
                <li key={f.id} class="fu-row" data-follow-up={f.id}>
                  <div class="fu-main">
                    <b>{followUpKindLabel(f.kind)}</b> {followUpText(f, count)}
                    {f.dealId && (
                      <button type="button" class="link" onClick={() => onOpen(f.dealId as string)}>
                        {titles.get(f.dealId) ?? t('fu.openLead')}
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
                      {t('fu.done')}
                    </button>
                    <select
                      aria-label={t('fu.snooze')}
                      value=""
                      onChange={(e) => {
                        const v = e.currentTarget.value as 'later-today' | 'tomorrow-9' | 'next-week' | '';
                        if (v) onSnooze(f, v);
                      }}
                    >
                      <option value="">{t('fu.snoozeMenu')}</option>
                      <option value="later-today">{t('preset.laterToday')}</option>
                      <option value="tomorrow-9">{t('preset.tomorrow9')}</option>
                      <option value="next-week">{t('preset.nextWeek')}</option>
                    </select>
                    <button
                      type="button"
                      class="secondary"
                      aria-expanded={rescheduling === f.id}
                      onClick={() => setRescheduling((r) => (r === f.id ? undefined : f.id))}
                    >
                      {t('fu.reschedule')}
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
