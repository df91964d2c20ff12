/**
 * "Deleted … Undo" at the bottom of the panel, like the board's undo for moves. It goes away
 * by itself after a few seconds, but not while the pointer or the keyboard focus is on it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../lib/format';
import type { RemoveResult } from '../lib/protocol';
import type { StoreName } from '../lib/records';
import { t } from './i18n';

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
          {t('undo.undo')}
        </button>
      )}
      <button type="button" class="icon" aria-label={t('common.dismiss')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}

const count = (n: number, store: 'contacts' | 'deals' | 'notes' | 'followUps', locale?: string) =>
  t(`count.${store}`, n, [formatNumber(n, locale)]);

/**
 * "Deleted Ada Lovelace with 2 deals, 3 notes." and what was kept without it. `name` is already
 * in the UI's language ("the note", a contact's name).
 */
export function describeRemoval(name: string, store: StoreName, result: RemoveResult, locale?: string): string {
  const list = (items: string[], type: 'unit' | 'conjunction') => new Intl.ListFormat(locale, { type }).format(items);
  const also = (['deals', 'notes', 'followUps'] as const)
    .filter((s) => s !== store && (result.deleted[s] ?? 0) > 0)
    .map((s) => count(result.deleted[s] ?? 0, s, locale));
  const kept = (['contacts', 'deals'] as const)
    .filter((s) => s !== store && (result.detached[s] ?? 0) > 0)
    .map((s) => count(result.detached[s] ?? 0, s, locale));
  const text = also.length ? t('undo.deletedWith', { name, also: list(also, 'unit') }) : t('undo.deleted', { name });
  return kept.length ? t('undo.kept', { text, kept: list(kept, 'conjunction') }) : `${text}.`;
}
