/**
 * A field edited in place: it saves on Enter or when it loses focus, shows the background's
 * refusal (a bad email, a stale version) beside it, and Escape puts the old value back.
 *
 * Two panels on one record: what the rep types is never replaced by a change that arrives from
 * elsewhere while they type, and their save is made against the version they started from, so
 * if someone else changed this field meanwhile the background refuses it as stale instead of
 * overwriting. The refusal offers Reload, which keeps the typed text to apply again.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from './i18n';

/** Re-reads the records the fields show (the lead view provides it); resolves once re-read. */
export const ReloadRecords = createContext<(() => Promise<unknown>) | undefined>(undefined);

export interface EditableFieldProps {
  label: string;
  value: string;
  onSave: (value: string) => Promise<unknown>;
  type?: 'text' | 'email' | 'url' | 'number' | 'date' | 'tel';
  placeholder?: string;
  multiline?: boolean;
  /** A list edited as comma-separated text (emails, phones, tags). */
  list?: boolean;
  name?: string;
}

type Problem = { message: string; stale: boolean };

export function EditableField({
  label,
  value,
  onSave,
  type = 'text',
  placeholder,
  multiline,
  name,
}: EditableFieldProps) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<Problem>();
  const [reloaded, setReloaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const reload = useContext(ReloadRecords);
  // Set while the rep has typed something not yet saved: the value shown then and the save
  // callback of that render (which carries the record's version the rep was looking at).
  const base = useRef<{ value: string; onSave: typeof onSave } | undefined>(undefined);
  const dirty = useRef(false);
  useEffect(() => {
    if (!dirty.current) setDraft(value);
  }, [value]);

  function settle() {
    dirty.current = false;
    base.current = undefined;
    setProblem(undefined);
    setReloaded(false);
  }

  async function commit() {
    // Saving again cannot succeed until the rep reloads (or drops the text with Escape).
    if (problem?.stale) return;
    if (draft === value) {
      settle();
      return;
    }
    // This field changed elsewhere since the rep began: save against the version they saw, so
    // the background refuses it as stale. Other fields' changes are no conflict: the patch
    // touches this field only, and the newest version takes it.
    const b = base.current;
    const save = b && b.value !== value ? b.onSave : onSave;
    setSaving(true);
    setProblem(undefined);
    try {
      await save(draft);
      settle();
    } catch (e) {
      setReloaded(false);
      setProblem({
        message: errorText(e),
        stale: (e as { code?: unknown })?.code === 'stale',
      });
    } finally {
      setSaving(false);
    }
  }

  async function onReload() {
    await reload?.();
    // Apply the kept text to the version just read: the next save is made against it.
    base.current = undefined;
    setProblem(undefined);
    setReloaded(true);
  }

  const onInput = (text: string) => {
    if (!base.current) base.current = { value, onSave };
    dirty.current = true;
    setDraft(text);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      settle();
      setDraft(value);
    } else if (e.key === 'Enter' && !multiline) {
      (e.currentTarget as HTMLInputElement).blur();
    }
  };
  return (
    <label class={`field${saving ? ' saving' : ''}`}>
      <span>{label}</span>
      {multiline ? (
        <textarea
          rows={3}
          name={name}
          value={draft}
          placeholder={placeholder}
          aria-invalid={problem ? true : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => void commit()}
          onKeyDown={onKeyDown}
        />
      ) : (
        <input
          type={type as 'text'}
          name={name}
          value={draft}
          placeholder={placeholder}
          aria-invalid={problem ? true : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => void commit()}
          onKeyDown={onKeyDown}
        />
      )}
      {problem && (
        <small class="error" role="alert" data-stale={problem.stale || undefined}>
          {problem.message}
          {problem.stale && reload && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void onReload()}>
                {t('field.reload')}
              </button>
            </>
          )}
        </small>
      )}
      {reloaded && (
        <small class="hint" role="status">
          {t('field.reloaded', { value: `“${value}”` })}
        </small>
      )}
    </label>
  );
}
