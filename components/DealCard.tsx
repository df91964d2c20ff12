/**
 * One deal on the board: who, value, temperature, days in stage and the next step. Fixed
 * height (the columns are virtualised). Draggable, and movable by keyboard from the board.
 */
import { formatMoney, formatNumber, formatRelative } from '../lib/format';
import type { Deal, Temperature } from '../lib/records';
import { exitItemLabel, t, temperatureLabel } from './i18n';
import { followUpText } from './record-text';

export interface DealCardView {
  deal: Deal;
  temperature: Temperature;
  daysInStage: number;
  rotting: boolean;
  /** Exit-checklist items of the stage not done yet. */
  missingExit: string[];
  next: { dueAt: number; overdue: boolean; text: string } | undefined;
  /** Closed deals need no next step. */
  open: boolean;
  score?: number;
}

export interface DealCardProps {
  view: DealCardView;
  now: number;
  locale?: string;
  focused: boolean;
  onOpen: () => void;
  onFocus: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onDragStart: (e: DragEvent) => void;
}

export function DealCard({ view, now, locale, focused, onOpen, onFocus, onKeyDown, onDragStart }: DealCardProps) {
  const { deal, next } = view;
  const [name, company] = deal.title.split(' — ');
  const temperature = temperatureLabel(view.temperature);
  const days = formatNumber(view.daysInStage, locale);
  const count = (n: number) => formatNumber(n, locale);
  return (
    <article
      class={`deal${view.rotting ? ' rotting' : ''}`}
      data-deal={deal.id}
      tabIndex={focused ? 0 : -1}
      draggable
      aria-roledescription={t('card.role')}
      aria-label={t('card.label', view.daysInStage, [days], {
        title: deal.title,
        value: formatMoney(deal.value, deal.currency, locale),
        temperature,
      })}
      onClick={onOpen}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      onDragStart={onDragStart}
    >
      <div class="deal-top">
        <span class="deal-name">{name}</span>
        {view.score !== undefined && (
          <span class="score" title={t('card.score')}>
            {view.score}
          </span>
        )}
      </div>
      <div class="deal-sub">
        {company && <span class="company">{company}</span>}
        <span class="value">{formatMoney(deal.value, deal.currency, locale)}</span>
      </div>
      <div class="deal-meta">
        <span class={`temp ${view.temperature}`}>{temperature}</span>
        <span class="days" title={t('card.daysTitle')}>
          {t('card.days', { days })}
        </span>
        {view.rotting && (
          <span class="flag rot" title={t('card.rottingTitle')}>
            {t('card.rotting')}
          </span>
        )}
        {view.missingExit.length > 0 && view.open && (
          <span class="flag exit" title={t('card.toLeave', { items: view.missingExit.map(exitItemLabel).join('; ') })}>
            {t('card.toDo', view.missingExit.length, [count(view.missingExit.length)])}
          </span>
        )}
      </div>
      {view.open &&
        (next ? (
          <div class={`next${next.overdue ? ' overdue' : ''}`}>
            {t(next.overdue ? 'card.overdue' : 'card.next', {
              text: next.text ? followUpText(next, count) : t('card.followUp'),
              when: formatRelative(next.dueAt, now, locale),
            })}
          </div>
        ) : (
          <div class="next none">{t('card.noNext')}</div>
        ))}
    </article>
  );
}
