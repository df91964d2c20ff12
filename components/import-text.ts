/**
 * What an import or restore did, and what is wrong with a backup file, in the UI's language.
 * lib/ reports both as data (`ImportSummary`, `BackupProblem`); its English sentences
 * (`describeImport`, the error's message) stay the reference for English.
 */
import type { BackupError } from '../lib/backup';
import type { CsvFileProblem } from '../lib/csv';
import type { ImportSummary } from '../lib/data-service';
import { IMPORT_MAX_BYTES, megabytes, utf8Bytes } from '../lib/import-file';
import type { StoreName } from '../lib/records';
import { type CountKey, type LabelKey, messagesLanguage, t } from './i18n';

/** The stores in the order lib/backup.ts lists them, with their names at the start of a line. */
const STORE_LABEL: Record<StoreName, LabelKey> = {
  contacts: 'store.contacts',
  companies: 'store.companies',
  deals: 'store.deals',
  activities: 'store.activities',
  notes: 'store.notes',
  followUps: 'store.followUps',
  objections: 'store.objections',
  nps: 'store.nps',
  settings: 'store.settings',
};

const STORE_COUNT: Record<StoreName, CountKey> = {
  contacts: 'count.contacts',
  companies: 'count.companies',
  deals: 'count.deals',
  activities: 'count.activities',
  notes: 'count.notes',
  followUps: 'count.followUps',
  objections: 'count.objections',
  nps: 'count.nps',
  settings: 'count.settings',
};

/** "4 contacts", "1 deal": a count of records of a store (`formatted` is `n` as the locale writes it). */
export function storeCount(store: StoreName, n: number, formatted: string): string {
  return t(STORE_COUNT[store], n, [formatted]);
}

/** The summary shown after an import: a head line, then one line per store that changed. */
export function importSummaryText(s: ImportSummary, format: (n: number) => string): string {
  const head =
    s.kind === 'csv' && s.rows
      ? s.rows.skipped
        ? t('import.csvSkipped', s.rows.total, [format(s.rows.total)], {
            imported: format(s.rows.imported),
            skipped: format(s.rows.skipped),
          })
        : t('import.csv', s.rows.total, [format(s.rows.total)], { imported: format(s.rows.imported) })
      : s.mode === 'replace'
        ? t('import.restored')
        : t('import.merged');
  const lines = (Object.keys(STORE_LABEL) as StoreName[]).flatMap((store) => {
    const c = s.counts[store];
    if (!c || (!c.added && !c.merged && !c.skipped)) return [];
    const parts = [
      c.added ? t('import.added', c.added, [format(c.added)]) : '',
      c.merged ? t('import.mergedInto', c.merged, [format(c.merged)]) : '',
      c.skipped ? t('import.already', c.skipped, [format(c.skipped)]) : '',
    ].filter(Boolean);
    return [t('import.line', { store: t(STORE_LABEL[store]), parts: parts.join(', ') })];
  });
  return [head, ...lines].join('\n');
}

/** Why a backup file cannot be restored. English keeps lib's message, which names the very line or record. */
export function backupProblemText(error: BackupError): string {
  if (messagesLanguage() === 'en') return error.message;
  switch (error.problem) {
    case 'too-large':
      return t('backupProblem.tooLarge');
    case 'empty':
      return t('backupProblem.empty');
    case 'not-text':
      return t('backupProblem.notText');
    case 'not-json':
      return t('backupProblem.notJson', { detail: error.message });
    case 'wrong-format':
      return t('backupProblem.wrongFormat');
    case 'bad-version':
      return t('backupProblem.badVersion');
    case 'newer-version':
      return t('backupProblem.newerVersion');
    default:
      return t('backupProblem.invalidRecords', { detail: error.message });
  }
}

/** Why a file cannot be read as CSV (lib/csv `csvFileProblem`). English keeps lib's message. */
export function fileProblemText(problem: CsvFileProblem, text: string): string {
  if (messagesLanguage() === 'en') return problem.message;
  switch (problem.code) {
    case 'too-large':
      return t('fileProblem.tooLarge', { size: megabytes(utf8Bytes(text)), max: megabytes(IMPORT_MAX_BYTES) });
    case 'empty':
      return t('backupProblem.empty');
    case 'utf16':
      return t('fileProblem.utf16');
    case 'binary':
      return t(
        problem.looksLike === 'zip'
          ? 'fileProblem.binaryZip'
          : problem.looksLike === 'pdf'
            ? 'fileProblem.binaryPdf'
            : 'fileProblem.binary',
      );
    case 'backup':
      return t('fileProblem.backup');
    default:
      return t('fileProblem.json');
  }
}
