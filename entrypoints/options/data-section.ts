/**
 * The options page's data section, browser side: reading the stores for an export (one
 * readonly transaction), downloads through an object URL, reading picked files, the storage
 * estimate, and the `data.import` / `data.wipe` messages. The section's components get these
 * as `DataApi` callbacks and never touch the browser or the database themselves.
 */
import type { DataApi, StorageInfo } from '../../components/DataSection';
import { t } from '../../components/i18n';
import { BACKUP_STORES, serializeBackup } from '../../lib/backup';
import { type ExportKind, exportText, readAllStores } from '../../lib/data-service';
import { DB_VERSION } from '../../lib/db/migrations';
import { IMPORT_MAX_BYTES, megabytes } from '../../lib/import-file';
import type { StoreName } from '../../lib/records';
import { db, onChange, send } from '../sidepanel/data';

/** `YYYY-MM-DD` in the rep's own zone: the day the file was made, as they would name it. */
export function dayStamp(instant: number): string {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Saves `text` as a file the browser downloads. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click is handled; give it a moment anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const FILES: Record<ExportKind, { name: string; type: string }> = {
  'contacts.csv': { name: 'contacts', type: 'text/csv;charset=utf-8' },
  'companies.csv': { name: 'companies', type: 'text/csv;charset=utf-8' },
  'deals.csv': { name: 'deals', type: 'text/csv;charset=utf-8' },
  'contacts.vcf': { name: 'contacts', type: 'text/vcard;charset=utf-8' },
};

async function storage(): Promise<StorageInfo> {
  const d = await db();
  const tx = d.transaction([...BACKUP_STORES], 'readonly');
  const counts = await Promise.all(BACKUP_STORES.map((s) => tx.objectStore(s).count()));
  const records = Object.fromEntries(BACKUP_STORES.map((s, i) => [s, counts[i] ?? 0])) as Record<StoreName, number>;
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return { records, usage: estimate?.usage, quota: estimate?.quota };
}

/** The data section's callbacks, bound to this page's database and the background. */
export const dataApi: DataApi = {
  storage,
  async exportBackup() {
    const now = Date.now();
    const name = `leadline-backup-${dayStamp(now)}.json`;
    download(name, serializeBackup(await readAllStores(await db()), now, DB_VERSION), 'application/json');
    return name;
  },
  async exportFile(kind) {
    const now = Date.now();
    const file = FILES[kind];
    const name = `leadline-${file.name}-${dayStamp(now)}.${kind.split('.')[1]}`;
    download(name, exportText(await readAllStores(await db()), kind, now), file.type);
    return name;
  },
  async readFile(file) {
    // Refused before it is read: see lib/import-file for the limit and why.
    if (file.size > IMPORT_MAX_BYTES) {
      throw new Error(
        t('data.fileTooLarge', { name: file.name, size: megabytes(file.size), max: megabytes(IMPORT_MAX_BYTES) }),
      );
    }
    return file.text();
  },
  importBackup: (text, mode) => send({ type: 'data.import', kind: 'backup', mode, text }),
  importCsv: (text, mapping, skipInvalid) =>
    send({ type: 'data.import', kind: 'csv', mode: 'merge', text, mapping: [...mapping], skipInvalid }),
  wipe: () => send({ type: 'data.wipe', confirm: 'WIPE' }),
  onChange: (listener) => onChange(() => listener()),
};
