/**
 * Restoring a backup file: it is checked in the page first (what it holds, or exactly what is
 * wrong with it), then the rep chooses to merge it into what is there or replace everything.
 */
import { useState } from 'preact/hooks';
import { BACKUP_STORES, type Backup, type ImportMode, parseBackup } from '../lib/backup';
import type { ImportSummary } from '../lib/data-service';
import { formatDateTime, formatNumber } from '../lib/format';
import { errorText, rich, t } from './i18n';
import { backupProblemText, importSummaryText, storeCount } from './import-text';
import { type Notice, NoticeLine } from './NoticeLine';

interface Picked {
  name: string;
  text: string;
  backup: Backup;
}

export function BackupRestore({
  readFile,
  onRestore,
  locale,
}: {
  readFile: (file: File) => Promise<string>;
  onRestore: (text: string, mode: ImportMode) => Promise<ImportSummary>;
  locale?: string;
}) {
  const [picked, setPicked] = useState<Picked>();
  const [mode, setMode] = useState<ImportMode>('merge');
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  // A new key empties the file input after a restore, so the same file can be chosen again.
  const [inputKey, setInputKey] = useState(0);
  const count = (n: number) => formatNumber(n, locale);

  async function pick(file: File | undefined) {
    setPicked(undefined);
    setNotice(undefined);
    if (!file) return;
    try {
      const text = await readFile(file);
      const r = parseBackup(text);
      if (r.ok) setPicked({ name: file.name, text, backup: r.backup });
      else setNotice({ kind: 'error', text: backupProblemText(r.error) });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  }

  async function restore() {
    if (!picked) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const summary = await onRestore(picked.text, mode);
      setNotice({ kind: 'ok', text: importSummaryText(summary, count) });
      setPicked(undefined);
      setInputKey((k) => k + 1);
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  const holds = picked
    ? BACKUP_STORES.filter((s) => s !== 'settings' && picked.backup.stores[s].length)
        .map((s) => storeCount(s, picked.backup.stores[s].length, count(picked.backup.stores[s].length)))
        .join(', ')
    : '';
  return (
    <div class="restore">
      <label class="file-pick">
        <span>{t('restore.pick')}</span>
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
            {rich(
              t(picked.backup.stores.settings.length ? 'restore.holdsSettings' : 'restore.holds', {
                file: '{file}',
                date: formatDateTime(picked.backup.exportedAt, locale),
                records: holds || t('restore.noRecords'),
              }),
              { file: <strong>{picked.name}</strong> },
            )}
          </p>
          <fieldset class="mode-choice">
            <legend class="sr-only">{t('restore.how')}</legend>
            <label class="radio">
              <input
                type="radio"
                name="restore-mode"
                value="merge"
                checked={mode === 'merge'}
                onChange={() => setMode('merge')}
              />
              <span>
                <strong>{t('restore.merge')}</strong>: {t('restore.mergeHelp')}
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
                <strong>{t('restore.replace')}</strong>: {t('restore.replaceHelp')}
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
              {busy
                ? t('restore.restoring')
                : mode === 'replace'
                  ? t('restore.replaceButton')
                  : t('restore.mergeButton')}
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
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <NoticeLine notice={notice} testid="restore" />
    </div>
  );
}
