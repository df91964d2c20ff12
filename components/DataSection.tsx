/**
 * The options page's data section: what is stored and how much room it takes, a whole backup
 * out and back in, CSV import from other tools, CSV and vCard exports, and wiping everything.
 * Props in, callbacks out: the page's `DataApi` does the downloads, file reads and messages.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ImportMode } from '../lib/backup';
import type { ColumnMapping } from '../lib/csv';
import type { ExportKind, ImportSummary } from '../lib/data-service';
import type { Settings, StoreName } from '../lib/records';
import { BackupRestore } from './BackupRestore';
import { CsvImport } from './CsvImport';
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** The stores the storage line names; the others only once they hold something. */
const SHOWN: { store: StoreName; one: string; many: string; always?: boolean }[] = [
  { store: 'contacts', one: 'contact', many: 'contacts', always: true },
  { store: 'companies', one: 'company', many: 'companies', always: true },
  { store: 'deals', one: 'deal', many: 'deals', always: true },
  { store: 'activities', one: 'activity', many: 'activities' },
  { store: 'notes', one: 'note', many: 'notes' },
  { store: 'followUps', one: 'follow-up', many: 'follow-ups' },
];

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'contacts.csv', label: 'Contacts (.csv)' },
  { kind: 'companies.csv', label: 'Companies (.csv)' },
  { kind: 'deals.csv', label: 'Deals (.csv)' },
  { kind: 'contacts.vcf', label: 'Contacts (.vcf)' },
];

export function DataSection({ api, settings }: { api: DataApi; settings: Settings }) {
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
      set({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const total = storage ? Object.values(storage.records).reduce((a, b) => a + b, 0) : 0;
  return (
    <section aria-labelledby="data-h" class="data-section" data-testid="data-section">
      <div>
        <h2 id="data-h">Your data</h2>
        <p class="muted">
          Everything Leadline knows lives in this browser, nowhere else. Take it out whole whenever you like, bring it
          back, or bring in what your other tools exported.
        </p>
      </div>

      <div class="storage-card" data-testid="storage">
        <div class="storage-figure">
          <strong>{storage?.usage !== undefined ? formatBytes(storage.usage) : '…'}</strong>
          <span class="muted">used on this computer</span>
        </div>
        <div class="storage-detail">
          <p class="storage-records">
            {storage ? (
              <>
                <strong>{total.toLocaleString()}</strong> {total === 1 ? 'record' : 'records'}
                {SHOWN.map(({ store, one, many, always }) => {
                  const n = storage.records[store];
                  if (!n && !always) return null;
                  return (
                    <span key={store} class="count-chip">
                      {n.toLocaleString()} {n === 1 ? one : many}
                    </span>
                  );
                })}
              </>
            ) : (
              'Counting…'
            )}
          </p>
          <p class="muted small">
            Unlimited storage is on: the browser never clears Leadline’s data to make room. If the disk itself is full,
            a save is refused whole and Leadline tells you; nothing is ever half-written.
          </p>
        </div>
      </div>

      <div class="data-block">
        <h3>Back up and restore</h3>
        <p class="muted">
          One JSON file with every record and your settings: keep it safe, or move Leadline to another browser.
        </p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            data-testid="export-backup"
            disabled={busy}
            onClick={() =>
              void run(api.exportBackup, (name) => ({ kind: 'ok', text: `Saved ${name}.` }), setBackupNotice)
            }
          >
            Download backup
          </button>
        </div>
        <NoticeLine notice={backupNotice} testid="backup-export" />
        <BackupRestore readFile={api.readFile} onRestore={api.importBackup} />
      </div>

      <div class="data-block">
        <h3>Import from CSV</h3>
        <p class="muted">
          Contacts, with their companies and deals, exported from HubSpot, Pipedrive, Salesforce, LinkedIn or a
          spreadsheet. Columns are matched for you; people you already have are merged, not doubled.
        </p>
        <CsvImport settings={settings} readFile={api.readFile} onImport={api.importCsv} />
      </div>

      <div class="data-block">
        <h3>Export</h3>
        <p class="muted">
          CSV files with the column names HubSpot’s importer accepts, and your contacts as vCards for any address book.
        </p>
        <div class="actions">
          {EXPORTS.map(({ kind, label }) => (
            <button
              key={kind}
              type="button"
              class="secondary"
              data-testid={`export-${kind.replace('.', '-')}`}
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.exportFile(kind),
                  (name) => ({ kind: 'ok', text: `Saved ${name}.` }),
                  setExportNotice,
                )
              }
            >
              {label}
            </button>
          ))}
        </div>
        <NoticeLine notice={exportNotice} testid="export" />
      </div>

      <div class="data-block danger-zone">
        <h3>Wipe all data</h3>
        <p class="muted">
          Deletes every contact, company, deal, note and follow-up, and resets your settings. Download a backup first:
          this cannot be undone.
        </p>
        <form
          class="wipe-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (wipeWord !== 'WIPE') return;
            void run(
              api.wipe,
              (r) => {
                setWipeWord('');
                return { kind: 'ok', text: `Deleted ${r.deleted.toLocaleString()} records. Leadline is empty.` };
              },
              setWipeNotice,
            );
          }}
        >
          <label>
            <span>Type WIPE to confirm</span>
            <input
              name="wipe-confirm"
              autocomplete="off"
              spellcheck={false}
              value={wipeWord}
              onInput={(e) => setWipeWord(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="secondary danger" data-testid="wipe" disabled={busy || wipeWord !== 'WIPE'}>
            Wipe everything
          </button>
        </form>
        <NoticeLine notice={wipeNotice} testid="wipe" />
      </div>
    </section>
  );
}
