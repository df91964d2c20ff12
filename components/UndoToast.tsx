/**
 * "Deleted … Undo" at the bottom of the panel, like the board's undo for moves. It goes away
 * by itself after a few seconds, but not while the pointer or the keyboard focus is on it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RemoveResult } from '../lib/protocol';
import type { StoreName } from '../lib/records';

export interface UndoToastProps {
  label: string;
  /** Absent when the delete cannot be undone (its record of what was deleted could not be kept). */
  onUndo?: () => void;
  onClose: () => void;
  timeoutMs?: number;
}

export function UndoToast({ label, onUndo, onClose, timeoutMs = 8000 }: UndoToastProps) {
  const [held, setHeld] = useState(false);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (held) return;
    const t = setTimeout(() => close.current(), timeoutMs);
    return () => clearTimeout(t);
  }, [held, timeoutMs, label]);
  return (
    <div
      class="toast floating"
      role="status"
      data-testid="undo-toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)}
      onFocusOut={() => setHeld(false)}
    >
      <span>{label}</span>
      {onUndo && (
        <button type="button" class="link" onClick={onUndo}>
          Undo
        </button>
      )}
      <button type="button" class="icon" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

const NOUNS: Partial<Record<StoreName, [string, string]>> = {
  contacts: ['contact', 'contacts'],
  deals: ['deal', 'deals'],
  activities: ['activity', 'activities'],
  notes: ['note', 'notes'],
  followUps: ['follow-up', 'follow-ups'],
  objections: ['objection', 'objections'],
  nps: ['NPS answer', 'NPS answers'],
};
const count = (n: number, store: StoreName) => {
  const [one, many] = NOUNS[store] ?? [store, store];
  return `${n} ${n === 1 ? one : many}`;
};

/** "Deleted Ada Lovelace and 2 deals" / "Deleted Analytical Engines; 1 contact and 2 deals kept without it". */
export function describeRemoval(name: string, store: StoreName, result: RemoveResult): string {
  const also = (['deals', 'notes', 'followUps'] as const)
    .filter((s) => s !== store && (result.deleted[s] ?? 0) > 0)
    .map((s) => count(result.deleted[s] ?? 0, s));
  const kept = (['contacts', 'deals'] as const)
    .filter((s) => s !== store && (result.detached[s] ?? 0) > 0)
    .map((s) => count(result.detached[s] ?? 0, s));
  let text = `Deleted ${name}`;
  if (also.length) text += ` with ${also.join(', ')}`;
  if (kept.length) text += `; ${kept.join(' and ')} kept without it`;
  return `${text}.`;
}
