/**
 * One deal on the board: who, value, temperature, days in stage and the next step. Fixed
 * height (the columns are virtualised). Draggable, and movable by keyboard from the board.
 */
import { formatMoney, formatRelative } from '../lib/format';
import type { Deal, Temperature } from '../lib/records';

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

const TEMP_LABEL: Record<Temperature, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };

export function DealCard({ view, now, locale, focused, onOpen, onFocus, onKeyDown, onDragStart }: DealCardProps) {
  const { deal, next } = view;
  const [name, company] = deal.title.split(' — ');
  return (
    <article
      class={`deal${view.rotting ? ' rotting' : ''}`}
      data-deal={deal.id}
      tabIndex={focused ? 0 : -1}
      draggable
      aria-roledescription="deal card"
      aria-label={`${deal.title}, ${formatMoney(deal.value, deal.currency, locale)}, ${TEMP_LABEL[view.temperature]}, ${view.daysInStage} days in stage`}
      onClick={onOpen}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      onDragStart={onDragStart}
    >
      <div class="deal-top">
        <span class="deal-name">{name}</span>
        {view.score !== undefined && (
          <span class="score" title="Lead score">
            {view.score}
          </span>
        )}
      </div>
      <div class="deal-sub">
        {company && <span class="company">{company}</span>}
        <span class="value">{formatMoney(deal.value, deal.currency, locale)}</span>
      </div>
      <div class="deal-meta">
        <span class={`temp ${view.temperature}`}>{TEMP_LABEL[view.temperature]}</span>
        <span class="days" title="Days in this stage">
          {view.daysInStage}d
        </span>
        {view.rotting && (
          <span class="flag rot" title="Longer in this stage than it allows">
            Rotting
          </span>
        )}
        {view.missingExit.length > 0 && view.open && (
          <span class="flag exit" title={`To leave this stage: ${view.missingExit.join('; ')}`}>
            {view.missingExit.length} to do
          </span>
        )}
      </div>
      {view.open &&
        (next ? (
          <div class={`next${next.overdue ? ' overdue' : ''}`}>
            {next.overdue ? 'Overdue' : 'Next'}: {next.text || 'follow-up'} · {formatRelative(next.dueAt, now, locale)}
          </div>
        ) : (
          <div class="next none">No next step planned</div>
        ))}
    </article>
  );
}
