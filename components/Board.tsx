/**
 * The pipeline board: a column per stage with its count, total and weighted value, cards in
 * a virtualised list. Deals move by drag and drop, or by keyboard alone: arrows move the
 * focus, Shift+← / Shift+→ move the focused deal, Enter opens it; every move is announced.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoneyShort, formatPercent } from '../lib/format';
import type { Stage } from '../lib/records';
import { DealCard, type DealCardView } from './DealCard';
import { errorText, type LabelKey, stageName, t } from './i18n';
import { VirtualList } from './VirtualList';

export interface ColumnSummary {
  count: number;
  total: number;
  weighted: number;
}

export interface BoardProps {
  stages: Stage[];
  /** Cards per stage id, already filtered and sorted. */
  columns: Map<string, DealCardView[]>;
  summaries: Map<string, ColumnSummary>;
  currency: string;
  now: number;
  locale?: string;
  /** Moves a deal; rejects with a message the board shows. */
  onMove: (dealId: string, stageId: string, lostReason?: string) => Promise<void>;
  onOpen: (dealId: string) => void;
}

export const CARD_HEIGHT = 104;
const DRAG_TYPE = 'application/x-leadline-deal';

export function Board({ stages, columns, summaries, currency, now, locale, onMove, onOpen }: BoardProps) {
  const [focus, setFocus] = useState<{ col: number; row: number }>({ col: 0, row: 0 });
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string>();
  const [pendingLost, setPendingLost] = useState<{ dealId: string; stageId: string; name: string }>();
  const [undo, setUndo] = useState<{ dealId: string; from: string; label: string }>();
  const [dropTarget, setDropTarget] = useState<string>();
  const boardRef = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);

  // After a keyboard move, keep the focus on the moved card in its new column.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const col = stages[focus.col];
    const id = col && columns.get(col.id)?.[focus.row]?.deal.id;
    const el = id ? boardRef.current?.querySelector<HTMLElement>(`[data-deal="${id}"]`) : null;
    el?.focus();
  });

  const stageIndex = (id: string) => stages.findIndex((s) => s.id === id);

  async function move(dealId: string, stageId: string, lostReason?: string) {
    const stage = stages.find((s) => s.id === stageId);
    if (!stage) return;
    let from: string | undefined;
    let name = '';
    for (const [sid, list] of columns) {
      const v = list.find((x) => x.deal.id === dealId);
      if (v) {
        from = sid;
        name = v.deal.title.split(' — ')[0] ?? v.deal.title;
      }
    }
    if (!from || from === stageId) return;
    if (stage.kind === 'lost' && !lostReason) {
      setPendingLost({ dealId, stageId, name });
      return;
    }
    setError(undefined);
    try {
      await onMove(dealId, stageId, lostReason);
      const fromStage = stages.find((s) => s.id === from);
      const fromName = fromStage ? stageName(fromStage) : from;
      setAnnouncement(t('board.moved', { name, from: fromName, to: stageName(stage) }));
      setUndo({ dealId, from, label: t('board.movedToast', { name, to: stageName(stage) }) });
    } catch (e) {
      setError(errorText(e));
    }
  }

  function onCardKey(e: KeyboardEvent, col: number, row: number, view: DealCardView) {
    const list = (i: number) => columns.get(stages[i]?.id ?? '') ?? [];
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(view.deal.id);
    } else if (e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      const to = stages[col + (e.key === 'ArrowRight' ? 1 : -1)];
      if (!to) return;
      refocus.current = true;
      const newCol = stageIndex(to.id);
      void move(view.deal.id, to.id).then(() => {
        const idx = list(newCol).findIndex((v) => v.deal.id === view.deal.id);
        setFocus({ col: newCol, row: Math.max(0, idx) });
      });
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const r = Math.max(0, Math.min(list(col).length - 1, row + (e.key === 'ArrowDown' ? 1 : -1)));
      refocus.current = true;
      setFocus({ col, row: r });
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      let c = col;
      do c += e.key === 'ArrowRight' ? 1 : -1;
      while (c >= 0 && c < stages.length && list(c).length === 0);
      if (c < 0 || c >= stages.length) return;
      refocus.current = true;
      setFocus({ col: c, row: Math.min(row, list(c).length - 1) });
    }
  }

  return (
    <div class="board-wrap">
      <p class="sr-only" aria-live="polite" data-testid="announce">
        {announcement}
      </p>
      {error && (
        <p class="banner error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => setError(undefined)}>
            {t('common.dismiss')}
          </button>
        </p>
      )}
      <div class="board" ref={boardRef}>
        {stages.map((s, col) => {
          const list = columns.get(s.id) ?? [];
          const sum = summaries.get(s.id) ?? { count: 0, total: 0, weighted: 0 };
          return (
            <section
              key={s.id}
              class={`column ${s.kind}${dropTarget === s.id ? ' drop' : ''}`}
              data-stage={s.id}
              aria-labelledby={`col-${s.id}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDropTarget(s.id);
              }}
              onDragLeave={() => setDropTarget((t) => (t === s.id ? undefined : t))}
              onDrop={(e) => {
                e.preventDefault();
                setDropTarget(undefined);
                const id = e.dataTransfer?.getData(DRAG_TYPE);
                if (id) void move(id, s.id);
              }}
            >
              <header>
                <h2 id={`col-${s.id}`}>
                  {stageName(s)} <span class="count">{sum.count}</span>
                </h2>
                <p class="sums">
                  <span title={t('board.totalValue')}>{formatMoneyShort(sum.total, currency, locale)}</span>
                  {s.kind === 'open' && (
                    <span title={t('board.weightedTitle', { percent: formatPercent(s.probability, locale) })}>
                      {' '}
                      · {t('board.weighted', { amount: formatMoneyShort(sum.weighted, currency, locale) })}
                    </span>
                  )}
                </p>
              </header>
              {list.length ? (
                <VirtualList
                  class="cards"
                  label={t('board.columnLabel', { stage: stageName(s) })}
                  items={list}
                  rowHeight={CARD_HEIGHT}
                  getKey={(v) => v.deal.id}
                  scrollToIndex={focus.col === col ? focus.row : undefined}
                  renderRow={(v, row) => (
                    <DealCard
                      view={v}
                      now={now}
                      locale={locale}
                      focused={focus.col === col && focus.row === row}
                      onOpen={() => onOpen(v.deal.id)}
                      onFocus={() => setFocus({ col, row })}
                      onKeyDown={(e) => onCardKey(e, col, row, v)}
                      onDragStart={(e) => {
                        e.dataTransfer?.setData(DRAG_TYPE, v.deal.id);
                        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                      }}
                    />
                  )}
                />
              ) : (
                <p class="column-empty">{s.kind === 'open' ? t('board.dropHere') : t('board.noneYet')}</p>
              )}
            </section>
          );
        })}
      </div>
      {pendingLost && (
        <LostReasonDialog
          name={pendingLost.name}
          onCancel={() => setPendingLost(undefined)}
          onConfirm={(reason) => {
            const p = pendingLost;
            setPendingLost(undefined);
            void move(p.dealId, p.stageId, reason);
          }}
        />
      )}
      {undo && (
        <div class="toast" role="status">
          <span>{undo.label}</span>
          <button
            type="button"
            class="link"
            onClick={() => {
              const u = undo;
              setUndo(undefined);
              void onMove(u.dealId, u.from)
                .then(() => setAnnouncement(t('board.undone')))
                .catch((e: unknown) => setError(errorText(e)));
            }}
          >
            {t('board.undo')}
          </button>
          <button type="button" class="icon" aria-label={t('common.dismiss')} onClick={() => setUndo(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

const LOST_REASONS: LabelKey[] = [
  'lostReason.price',
  'lostReason.competitor',
  'lostReason.noBudget',
  'lostReason.timing',
  'lostReason.features',
  'lostReason.silent',
];

function LostReasonDialog({
  name,
  onCancel,
  onConfirm,
}: {
  name: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="lost-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <h2 id="lost-title">{t('lost.title', { name })}</h2>
        <p class="muted">{t('lost.hint')}</p>
        <div class="chips">
          {LOST_REASONS.map((k) => {
            const r = t(k);
            return (
              <button key={k} type="button" class={`chip${reason === r ? ' on' : ''}`} onClick={() => setReason(r)}>
                {r}
              </button>
            );
          })}
        </div>
        <label>
          <span>{t('lost.reason')}</span>
          <input name="lostReason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <footer>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="primary" disabled={!reason.trim()}>
            {t('lost.confirm')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
