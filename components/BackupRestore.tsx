/**
 * Restoring a backup file: it is checked in the page first (what it holds, or exactly what is
 * wrong with it), then the rep chooses to merge it into what is there or replace everything.
 */
import { useState } from 'preact/hooks';
import { BACKUP_STORES, type Backup, type ImportMode, parseBackup } from '../lib/backup';
import { describeImport, type ImportSummary } from '../lib/data-service';
import { formatDateTime } from '../lib/format';
import { type Notice, NoticeLine } from './NoticeLine';

interface Picked {
  name: string;
  text: string;
  backup: Backup;
}

const LABELS: Record<(typeof BACKUP_STORES)[number], string> = {
  contacts: 'contacts',
  companies: 'companies',
  deals: 'deals',
  activities: 'activities',
  notes: 'notes',
  followUps: 'follow-ups',
  objections: 'objections',
  nps: 'NPS answers',
  settings: 'settings',
};

export function BackupRestore({
  readFile,
  onRestore,
}: {
  readFile: (file: File) => Promise<string>;
  onRestore: (text: string, mode: ImportMode) => Promise<ImportSummary>;
}) {
  const [picked, setPicked] = useState<Picked>();
  const [mode, setMode] = useState<ImportMode>('merge');
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  // A new key empties the file input after a restore, so the same file can be chosen again.
  const [inputKey, setInputKey] = useState(0);

  async function pick(file: File | undefined) {
    setPicked(undefined);
    setNotice(undefined);
    if (!file) return;
    try {
      const text = await readFile(file);
      const r = parseBackup(text);
      if (r.ok) setPicked({ name: file.name, text, backup: r.backup });
      else setNotice({ kind: 'error', text: r.error.message });
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  async function restore() {
    if (!picked) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const summary = await onRestore(picked.text, mode);
      setNotice({ kind: 'ok', text: describeImport(summary) });
      setPicked(undefined);
      setInputKey((k) => k + 1);
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const holds = picked
    ? BACKUP_STORES.filter((s) => s !== 'settings' && picked.backup.stores[s].length)
        .map((s) => `${picked.backup.stores[s].length.toLocaleString()} ${LABELS[s]}`)
        .join(', ')
    : '';
  return (
    <div class="restore">
      <label class="file-pick">
        <span>Restore from a backup file</span>
        <input
          key={inputKey}
          type="file"
          accept=".json,application/json"
          data-testid="backup-file"
          onChange={(e) => void pick(e.currentTarget.files?.[0])}
        />
      </label>
      {picked && (
        <div class="restore-plan" data-testid="backup-plan">
          <p>
            <strong>{picked.name}</strong>, made {formatDateTime(picked.backup.exportedAt)}, holds{' '}
            {holds || 'no records'}
            {picked.backup.stores.settings.length ? ' and your settings' : ''}.
          </p>
          <fieldset class="mode-choice">
            <legend class="sr-only">How to restore</legend>
            <label class="radio">
              <input
                type="radio"
                name="restore-mode"
                value="merge"
                checked={mode === 'merge'}
                onChange={() => setMode('merge')}
              />
              <span>
                <strong>Merge</strong> into what you have: duplicates are combined, nothing is deleted.
              </span>
            </label>
            <label class="radio">
              <input
                type="radio"
                name="restore-mode"
                value="replace"
                checked={mode === 'replace'}
                onChange={() => setMode('replace')}
              />
              <span>
                <strong>Replace everything</strong>: what Leadline holds now is deleted and the backup takes its place.
              </span>
            </label>
          </fieldset>
          <div class="actions">
            <button
              type="button"
              class={mode === 'replace' ? 'secondary danger' : 'primary'}
              data-testid="restore"
              disabled={busy}
              onClick={() => void restore()}
            >
              {busy ? 'Restoring…' : mode === 'replace' ? 'Replace with this backup' : 'Merge this backup'}
            </button>
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() => {
                setPicked(undefined);
                setInputKey((k) => k + 1);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <NoticeLine notice={notice} testid="restore" />
    </div>
  );
}
