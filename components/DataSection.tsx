/**
 * The options page's data section: what is stored and how much room it takes, a whole backup
 * out and back in, CSV import from other tools, CSV and vCard exports, and wiping everything.
 * Props in, callbacks out: the page's `DataApi` does the downloads, file reads and messages.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ImportMode } from '../lib/backup';
import type { ColumnMapping } from '../lib/csv';
import type { ExportKind, ImportSummary } from '../lib/data-service';
import { formatNumber } from '../lib/format';
import type { Settings, StoreName } from '../lib/records';
import { BackupRestore } from './BackupRestore';
import { CsvImport } from './CsvImport';
import { errorText, type LabelKey, t } from './i18n';
import { storeCount } from './import-text';
import { type Notice, NoticeLine } from './NoticeLine';

/** What the section shows about storage: records per store, and the browser's own estimate. */
export interface StorageInfo {
  records: Record<StoreName, number>;
  /** Bytes this extension's origin uses (all its storage, not only the records). */
  usage?: number;
  quota?: number;
}

/** Everything the section asks of the page. Each promise rejects with a message for the rep. */
export interface DataApi {
  storage(): Promise<StorageInfo>;
  /** Downloads the backup; resolves with the file's name. */
  exportBackup(): Promise<string>;
  exportFile(kind: ExportKind): Promise<string>;
  readFile(file: File): Promise<string>;
  importBackup(text: string, mode: ImportMode): Promise<ImportSummary>;
  importCsv(text: string, mapping: ColumnMapping, skipInvalid: boolean): Promise<ImportSummary>;
  wipe(): Promise<{ deleted: number }>;
  /** Called after any write anywhere in Leadline; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function formatBytes(n: number, locale?: string): string {
  if (n < 1024) return `${formatNumber(n, locale)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = v < 10 ? 1 : 0;
  const value = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${value.format(v)} ${units[i]}`;
}

/** The stores the storage line names; the others only once they hold something. */
const SHOWN: { store: StoreName; always?: boolean }[] = [
  { store: 'contacts', always: true },
  { store: 'companies', always: true },
  { store: 'deals', always: true },
  { store: 'activities' },
  { store: 'notes' },
  { store: 'followUps' },
];

const EXPORTS: { kind: ExportKind; label: LabelKey; ext: string }[] = [
  { kind: 'contacts.csv', label: 'store.contacts', ext: '.csv' },
  { kind: 'companies.csv', label: 'store.companies', ext: '.csv' },
  { kind: 'deals.csv', label: 'store.deals', ext: '.csv' },
  { kind: 'contacts.vcf', label: 'store.contacts', ext: '.vcf' },
];

export function DataSection({ api, settings, locale }: { api: DataApi; settings: Settings; locale?: string }) {
  const [storage, setStorage] = useState<StorageInfo>();
  const [exportNotice, setExportNotice] = useState<Notice>();
  const [backupNotice, setBackupNotice] = useState<Notice>();
  const [wipeWord, setWipeWord] = useState('');
  const [wipeNotice, setWipeNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const refresh = () => void api.storage().then(setStorage, () => undefined);
    refresh();
    return api.onChange(refresh);
  }, [api]);

  async function run<T>(fn: () => Promise<T>, done: (v: T) => Notice, set: (n?: Notice) => void): Promise<void> {
    setBusy(true);
    set(undefined);
    try {
      set(done(await fn()));
    } catch (e) {
      set({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  const total = storage ? Object.values(storage.records).reduce((a, b) => a + b, 0) : 0;
  const count = (n: number) => formatNumber(n, locale);
  const saved = (name: string): Notice => ({ kind: 'ok', text: t('data.savedFile', { name }) });
  return (
    <section aria-labelledby="data-h" class="data-section" data-testid="data-section">
      <div>
        <h2 id="data-h">{t('data.title')}</h2>
        <p class="muted">{t('data.intro')}</p>
      </div>

      <div class="storage-card" data-testid="storage">
        <div class="storage-figure">
          <strong>{storage?.usage !== undefined ? formatBytes(storage.usage, locale) : '…'}</strong>
          <span class="muted">{t('data.used')}</span>
        </div>
        <div class="storage-detail">
          <p class="storage-records">
            {storage ? (
              <>
                <strong>{count(total)}</strong> {t('data.records', total)}
                {SHOWN.map(({ store, always }) => {
                  const n = storage.records[store];
                  if (!n && !always) return null;
                  return (
                    <span key={store} class="count-chip">
                      {storeCount(store, n, count(n))}
                    </span>
                  );
                })}
              </>
            ) : (
              t('data.counting')
            )}
          </p>
          <p class="muted small">{t('data.storageHelp')}</p>
        </div>
      </div>

      <div class="data-block">
        <h3>{t('data.backup')}</h3>
        <p class="muted">{t('data.backupHelp')}</p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            data-testid="export-backup"
            disabled={busy}
            onClick={() => void run(api.exportBackup, saved, setBackupNotice)}
          >
            {t('data.download')}
          </button>
        </div>
        <NoticeLine notice={backupNotice} testid="backup-export" />
        <BackupRestore readFile={api.readFile} onRestore={api.importBackup} locale={locale} />
      </div>

      <div class="data-block">
        <h3>{t('data.csv')}</h3>
        <p class="muted">{t('data.csvHelp')}</p>
        <CsvImport settings={settings} readFile={api.readFile} onImport={api.importCsv} locale={locale} />
      </div>

      <div class="data-block">
        <h3>{t('data.export')}</h3>
        <p class="muted">{t('data.exportHelp')}</p>
        <div class="actions">
          {EXPORTS.map(({ kind, label, ext }) => (
            <button
              key={kind}
              type="button"
              class="secondary"
              data-testid={`export-${kind.replace('.', '-')}`}
              disabled={busy}
              onClick={() => void run(() => api.exportFile(kind), saved, setExportNotice)}
            >
              {t(label)} ({ext})
            </button>
          ))}
        </div>
        <NoticeLine notice={exportNotice} testid="export" />
      </div>

      <div class="data-block danger-zone">
        <h3>{t('data.wipe')}</h3>
        <p class="muted">{t('data.wipeHelp')}</p>
        <form
          class="wipe-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (wipeWord !== 'WIPE') return;
            void run(
              api.wipe,
              (r) => {
                setWipeWord('');
                return { kind: 'ok', text: t('data.wiped', r.deleted, [count(r.deleted)]) };
              },
              setWipeNotice,
            );
          }}
        >
          <label>
            <span>{t('data.wipeConfirm')}</span>
            <input
              name="wipe-confirm"
              autocomplete="off"
              spellcheck={false}
              value={wipeWord}
              onInput={(e) => setWipeWord(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="secondary danger" data-testid="wipe" disabled={busy || wipeWord !== 'WIPE'}>
            {t('data.wipeButton')}
          </button>
        </form>
        <NoticeLine notice={wipeNotice} testid="wipe" />
      </div>
    </section>
  );
}
