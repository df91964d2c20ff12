/**
 * A field edited in place: it saves on Enter or when it loses focus, shows the background's
 * refusal (a bad email, a stale version) beside it, and Escape puts the old value back.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText } from './i18n';

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
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(value), [value]);

  async function commit() {
    if (draft === value) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave(draft);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      setDraft(value);
      setError(undefined);
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
          aria-invalid={error ? true : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => void commit()}
          onKeyDown={onKeyDown}
        />
      ) : (
        <input
          type={type as 'text'}
          name={name}
          value={draft}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => void commit()}
          onKeyDown={onKeyDown}
        />
      )}
      {error && (
        <small class="error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}
