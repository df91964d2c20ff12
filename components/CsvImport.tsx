/**
 * CSV import: pick a file, check the column mapping Leadline detected (each column's field can
 * be changed), see the first rows as they will be imported, and every bad row with its line and
 * reason. Import stays off while there are bad rows, unless the rep explicitly chooses to skip
 * those lines; the background then checks the file again and writes it in one transaction.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  type ColumnMapping,
  type CsvImport as CsvImportResult,
  csvFileProblem,
  detectMapping,
  IMPORT_FIELDS,
  type ImportField,
  parseCsvImport,
  readCsv,
} from '../lib/csv';
import type { ImportSummary } from '../lib/data-service';
import { formatMoney, formatNumber } from '../lib/format';
import type { Settings } from '../lib/records';
import { errorText, type LabelKey, rich, t } from './i18n';
import { fileProblemText, importSummaryText } from './import-text';
import { type Notice, NoticeLine } from './NoticeLine';

/** How many bad lines and preview rows are listed on the page. */
const LISTED = 50;
const PREVIEW_ROWS = 5;

interface Loaded {
  name: string;
  text: string;
  headers: string[];
  /** The first data rows' cells, for the examples beside each column. */
  samples: string[][];
}

/** The fields a column can fill (lib/csv.ts `IMPORT_FIELDS`, whose labels are English), by id. */
const FIELD_LABEL: Record<ImportField, LabelKey> = {
  firstName: 'csvField.firstName',
  lastName: 'csvField.lastName',
  fullName: 'csvField.fullName',
  email: 'csvField.email',
  phone: 'csvField.phone',
  jobTitle: 'csvField.jobTitle',
  city: 'csvField.city',
  region: 'csvField.region',
  country: 'csvField.country',
  location: 'csvField.location',
  linkedin: 'csvField.linkedin',
  twitter: 'csvField.twitter',
  github: 'csvField.github',
  website: 'csvField.website',
  tags: 'csvField.tags',
  leadStatus: 'csvField.leadStatus',
  lifecycleStage: 'csvField.lifecycleStage',
  source: 'csvField.source',
  connectedOn: 'csvField.connectedOn',
  companyName: 'csvField.companyName',
  companyDomain: 'csvField.companyDomain',
  companyWebsite: 'csvField.companyWebsite',
  companyIndustry: 'csvField.companyIndustry',
  companySize: 'csvField.companySize',
  companyLinkedin: 'csvField.companyLinkedin',
  dealTitle: 'csvField.dealTitle',
  dealValue: 'csvField.dealValue',
  dealCurrency: 'csvField.dealCurrency',
  dealStage: 'csvField.dealStage',
  dealStatus: 'csvField.dealStatus',
  dealExpectedClose: 'csvField.dealExpectedClose',
};
const FIELD_OPTIONS = Object.keys(IMPORT_FIELDS) as ImportField[];

export function CsvImport({
  settings,
  readFile,
  onImport,
  locale,
}: {
  settings: Pick<Settings, 'stages' | 'defaultCurrency'>;
  readFile: (file: File) => Promise<string>;
  onImport: (text: string, mapping: ColumnMapping, skipInvalid: boolean) => Promise<ImportSummary>;
  locale?: string;
}) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [inputKey, setInputKey] = useState(0);
  const count = (n: number) => formatNumber(n, locale);

  // The whole file is checked on every mapping change, so the errors listed are all of them.
  const result = useMemo<CsvImportResult | undefined>(
    () =>
      loaded
        ? parseCsvImport(loaded.text, mapping, {
            now: Date.now(),
            defaultCurrency: settings.defaultCurrency,
            stages: settings.stages,
          })
        : undefined,
    [loaded, mapping, settings],
  );

  async function pick(file: File | undefined) {
    setLoaded(undefined);
    setNotice(undefined);
    setSkip(false);
    if (!file) return;
    try {
      const text = await readFile(file);
      const unreadable = csvFileProblem(text);
      if (unreadable) {
        setNotice({ kind: 'error', text: `“${file.name}”: ${fileProblemText(unreadable, text)}` });
        return;
      }
      const table = readCsv(text, { limit: 3 });
      if (!table.headers.length) {
        setNotice({ kind: 'error', text: t('csv.noRows', { name: file.name }) });
        return;
      }
      setMapping(detectMapping(table.headers));
      setLoaded({ name: file.name, text, headers: table.headers, samples: table.rows.map((r) => r.cells) });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  }

  function reset() {
    setLoaded(undefined);
    setSkip(false);
    setInputKey((k) => k + 1);
  }

  async function run() {
    if (!loaded) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const summary = await onImport(loaded.text, mapping, skip);
      setNotice({ kind: 'ok', text: importSummaryText(summary, count) });
      reset();
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  const errors = result?.errors ?? [];
  const good = result?.rows.length ?? 0;
  const blocked = !result || !!result.fileProblem || good === 0 || (errors.length > 0 && !skip);
  const mapped = mapping.filter(Boolean).length;
  // The first rows of the file in order, good or bad, as they will be imported.
  const previewLines = result
    ? [
        ...result.rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, row: r, reason: undefined })),
        ...errors.slice(0, PREVIEW_ROWS).map((e) => ({ line: e.line, row: undefined, reason: e.reason })),
      ]
        .sort((a, b) => a.line - b.line)
        .slice(0, PREVIEW_ROWS)
    : [];

  return (
    <div class="csv-import">
      <label class="file-pick">
        <span>{t('csv.pick')}</span>
        <input
          key={inputKey}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          data-testid="csv-file"
          onChange={(e) => void pick(e.currentTarget.files?.[0])}
        />
      </label>

      {loaded && result && (
        <div class="csv-review" data-testid="csv-review">
          <p class="csv-summary">
            {rich(
              t('csv.summary', result.total, [count(result.total)], {
                file: '{file}',
                mapped: count(mapped),
                columns: count(loaded.headers.length),
              }),
              { file: <strong>{loaded.name}</strong> },
            )}
          </p>

          <details class="mapping" open>
            <summary>{t('csv.columns')}</summary>
            <table class="mapping-table">
              <thead>
                <tr>
                  <th scope="col">{t('csv.column')}</th>
                  <th scope="col">{t('csv.example')}</th>
                  <th scope="col">{t('csv.field')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.headers.map((h, i) => {
                  const example = loaded.samples.map((r) => r[i]?.trim()).find(Boolean) ?? '';
                  return (
                    <tr key={`${i}-${h}`} class={mapping[i] ? '' : 'ignored'}>
                      <th scope="row">{h || t('csv.columnN', { n: i + 1 })}</th>
                      <td class="example" title={example}>
                        {example}
                      </td>
                      <td>
                        <select
                          aria-label={t('csv.fieldFor', { column: h || i + 1 })}
                          value={mapping[i] ?? ''}
                          onChange={(e) => {
                            const v = e.currentTarget.value as ImportField | '';
                            setMapping((m) => m.map((f, j) => (j === i ? v || null : f)));
                          }}
                        >
                          <option value="">{t('csv.ignore')}</option>
                          {FIELD_OPTIONS.map((id) => (
                            <option key={id} value={id}>
                              {t(FIELD_LABEL[id])}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </details>

          <div class="preview">
            <h4>{t('csv.preview')}</h4>
            <table class="preview-table" data-testid="csv-preview">
              <thead>
                <tr>
                  <th scope="col">{t('csv.lineHeader')}</th>
                  <th scope="col">{t('lead.name')}</th>
                  <th scope="col">{t('cap.email')}</th>
                  <th scope="col">{t('lead.jobTitle')}</th>
                  <th scope="col">{t('lead.company')}</th>
                  <th scope="col">{t('lead.deal')}</th>
                </tr>
              </thead>
              <tbody>
                {previewLines.map(({ line, row, reason }) =>
                  row ? (
                    <tr key={line}>
                      <td class="line">{line}</td>
                      <td>{row.contact.name}</td>
                      <td>{row.contact.emails?.[0] ?? ''}</td>
                      <td>{row.contact.jobTitle ?? ''}</td>
                      <td>{row.company?.name ?? ''}</td>
                      <td>
                        {row.deal
                          ? `${row.deal.title}${row.deal.value ? ` · ${formatMoney(row.deal.value, row.deal.currency ?? settings.defaultCurrency, locale)}` : ''}`
                          : ''}
                      </td>
                    </tr>
                  ) : (
                    <tr key={line} class="bad">
                      <td class="line">{line}</td>
                      <td colSpan={5}>{reason}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>

          {result.fileProblem && (
            <p class="import-problems" role="alert" data-testid="csv-file-problem">
              {result.fileProblem}
            </p>
          )}
          {errors.length > 0 && (
            <div class="import-problems" role="alert" data-testid="csv-errors">
              <p>
                <strong>{t('csv.badLines', errors.length, [count(errors.length)])}</strong>{' '}
                {t('csv.badLinesHelp', errors.length)}
              </p>
              <ul>
                {errors.slice(0, LISTED).map((e) => (
                  <li key={e.line}>
                    <span class="line">{t('csv.line', { n: e.line })}</span> {e.reason}
                  </li>
                ))}
              </ul>
              {errors.length > LISTED && (
                <p class="muted">{t('csv.more', errors.length - LISTED, [count(errors.length - LISTED)])}</p>
              )}
              {good > 0 && (
                <label class="check">
                  <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.currentTarget.checked)} />
                  <span>{t('csv.skip', errors.length, [count(errors.length)], { good: count(good) })}</span>
                </label>
              )}
            </div>
          )}

          {result.warnings.length > 0 && (
            <details class="import-warnings">
              <summary>{t('csv.warnings', result.warnings.length, [count(result.warnings.length)])}</summary>
              <ul>
                {result.warnings.slice(0, LISTED).map((w) => (
                  <li key={`${w.line}-${w.reason}`}>
                    <span class="line">{t('csv.line', { n: w.line })}</span> {w.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}

          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="csv-import"
              disabled={busy || blocked}
              onClick={() => void run()}
            >
              {busy ? t('csv.importing') : t('csv.import', good, [count(good)])}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={reset}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <NoticeLine notice={notice} testid="csv" />
    </div>
  );
}
