/**
 * CSV in and out: import of the files other CRMs and LinkedIn export (HubSpot, Pipedrive,
 * Salesforce, Sales Navigator, LinkedIn connections), and export in the shape HubSpot's
 * importer accepts. Pure: text in, plain data out; the writes are the repository's.
 *
 * Import contract: `parseCsvImport` returns the good rows AND the bad ones, each bad one with
 * its line in the file and a reason a person understands. The caller must not write while
 * `errors` is non-empty, unless the rep explicitly chose to skip those lines: an import is
 * all-or-nothing by default, like a backup restore.
 */
import Papa from 'papaparse';
import { encodingProblem, overLimit, tooLargeMessage } from './import-file';
import { companyDomain, foldText, httpUrl, normalizeUrl } from './normalize';
import {
  type Company,
  type Contact,
  companySchema,
  contactSchema,
  type Deal,
  type DraftOf,
  dealSchema,
  LEAD_SOURCES,
  type LeadSource,
  type LeadStatus,
  type Stage,
} from './records';
import { splitLocation, splitName } from './vcard';

// ---------------------------------------------------------------------------------------------
// Fields and header recognition

/** The Leadline fields a CSV column can map to. */
export const IMPORT_FIELDS = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  email: 'Email',
  phone: 'Phone',
  jobTitle: 'Job title',
  city: 'City',
  region: 'Region / state',
  country: 'Country',
  location: 'Location',
  linkedin: 'LinkedIn profile',
  twitter: 'X / Twitter',
  github: 'GitHub',
  website: 'Personal website',
  tags: 'Tags',
  leadStatus: 'Lead status',
  lifecycleStage: 'Lifecycle stage',
  source: 'Lead source',
  connectedOn: 'Connected on (LinkedIn)',
  companyName: 'Company name',
  companyDomain: 'Company domain',
  companyWebsite: 'Company website',
  companyIndustry: 'Industry',
  companySize: 'Company size',
  companyLinkedin: 'Company LinkedIn page',
  dealTitle: 'Deal title',
  dealValue: 'Deal value',
  dealCurrency: 'Deal currency',
  dealStage: 'Deal stage',
  dealStatus: 'Deal status (open/won/lost)',
  dealExpectedClose: 'Expected close date',
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
/** For each column of the file, the field it fills, or `null` to ignore it. */
export type ColumnMapping = (ImportField | null)[];

/**
 * Header patterns, matched against the header with case, spaces and punctuation removed
 * ("Country/Region" → "countryregion", "Person - Email - Work" → "personemailwork").
 * First match wins, so the specific patterns come before the generic ones.
 */
const HEADER_RULES: readonly [RegExp, ImportField][] = [
  // Deals (Pipedrive "Deal - Title", HubSpot "Deal Name", Salesforce "Opportunity Name"…)
  [/^(deal(title|name)?|opportunityname|opportunity)$/, 'dealTitle'],
  [/^(dealvalue|dealamount|amount|value|opportunityamount|amountincompanycurrency)$/, 'dealValue'],
  [/^(deal)?currency(code)?$/, 'dealCurrency'],
  [/^(dealstage|stage|opportunitystage|pipelinestage)$/, 'dealStage'],
  [/^dealstatus$/, 'dealStatus'],
  [/^(deal)?(expected)?closedate$|^dealexpectedclosedate$/, 'dealExpectedClose'],
  // Companies (HubSpot "Company Name"/"Company Domain Name", Salesforce "Account Name",
  // Pipedrive "Organization - Name", LinkedIn "Company")
  [
    /^(company|companyname|organi[sz]ation(name)?|account(name)?|employer|currentcompany|associatedcompany)$/,
    'companyName',
  ],
  [/^(personorgani[sz]ation|personcompany)$/, 'companyName'],
  [/^(company|organi[sz]ation)?(domain|domainname)$/, 'companyDomain'],
  // Not a bare "URL": LinkedIn's connections export uses that for the person's profile.
  [
    /^(company|organi[sz]ation|account)?(website|websiteurl)$|^(company|organi[sz]ation|account)(url|websiteurl)$/,
    'companyWebsite',
  ],
  [/^(company|organi[sz]ation|account)?industry$/, 'companyIndustry'],
  [/^(companysize|size|numberofemployees|employees|employeecount|headcount|companyheadcount)$/, 'companySize'],
  [/^(company|organi[sz]ation)linkedin(url|page|companypage)?$|^linkedincompanypage$/, 'companyLinkedin'],
  // Common German and French headers (Excel files written by hand in those languages)
  [/^(firma|unternehmen|societe|entreprise)$/, 'companyName'],
  [/^(vorname|prenom)$/, 'firstName'],
  [/^(nachname|nomdefamille)$/, 'lastName'],
  [/^(telefon|telefonnummer|handy|mobil|portable)$/, 'phone'],
  [/^(stadt|ort|ville)$/, 'city'],
  [/^(land|pays)$/, 'country'],
  // Person names
  [/^(person|contact)?(firstname|givenname|fname)$/, 'firstName'],
  [/^(person|contact)?(lastname|surname|familyname|lname)$/, 'lastName'],
  [/^(person|contact)?(name|fullname)$|^contact$/, 'fullName'],
  // Person details
  [
    /^(person|contact|work|personal|primary|secondary|other|additional|business|home)?e?mails?(address(es)?)?(work|home|other|personal|\d+)?$/,
    'email',
  ],
  [/^additional(email|emails|emailaddresses)$/, 'email'],
  [
    /^(person|contact|work|home|other|direct|business|mobile)?(phone|phones|phonenumber|phonenumbers|mobile|mobilephone|mobilephonenumber|cell|cellphone|telephone|tel)(work|home|mobile|other|\d+)?$/,
    'phone',
  ],
  [/^(other|additional)phonenumbers?$/, 'phone'],
  [/^(person|contact)?(jobtitle|title|position|role|headline)$/, 'jobTitle'],
  [/^(mailing|person|contact)?(city|town|locality)$/, 'city'],
  [/^(mailing|person|contact)?(state|region|stateregion|province|stateprovince|county)$/, 'region'],
  [/^(mailing|person|contact)?(country|countryregion)$/, 'country'],
  [/^(person|contact)?(location|geography)$/, 'location'],
  // LinkedIn connections call the profile link "URL"; Sales Navigator "Profile URL".
  [/^(person)?(linkedin|linkedinurl|linkedinprofile|linkedinprofileurl|profileurl|url)$/, 'linkedin'],
  [/^(person)?(twitter|twitterusername|twitterhandle|twitterurl|x|xurl|xhandle)$/, 'twitter'],
  [/^(person)?(github|githuburl|githubusername)$/, 'github'],
  [/^(personalwebsite|personwebsite|homepage|blog)$/, 'website'],
  [/^(person)?(tags?|labels?)$/, 'tags'],
  [/^(person)?(leadstatus|status)$/, 'leadStatus'],
  [/^(lifecyclestage|lifecycle)$/, 'lifecycleStage'],
  [/^(person)?(leadsource|source|originalsource|origin)$/, 'source'],
  [/^connectedon$/, 'connectedOn'],
];

function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

/** The field a single header maps to, or `null` when it is not one Leadline knows. */
export function fieldForHeader(header: string): ImportField | null {
  const key = headerKey(header);
  if (!key) return null;
  for (const [re, field] of HEADER_RULES) if (re.test(key)) return field;
  return null;
}

/**
 * For each column the Leadline field it fills: the headers HubSpot, Pipedrive, Salesforce and
 * LinkedIn use, case- and punctuation-insensitive; unknown columns map to `null`. Several
 * columns may fill `email`, `phone` and `tags`; for the other fields the first non-empty wins.
 */
export function detectMapping(headers: readonly string[]): ColumnMapping {
  return headers.map(fieldForHeader);
}

// ---------------------------------------------------------------------------------------------
// Reading the file

/**
 * What makes a file unreadable as CSV before any row is read, or `undefined`: too large (see
 * lib/import-file), empty, not UTF-8 text (UTF-16, a workbook, binary), or a JSON file (a
 * Leadline backup picked in the CSV import). Cheap: it looks at the size and the start only.
 */
export function checkCsvText(text: string): string | undefined {
  return csvFileProblem(text)?.message;
}

/** Why a file cannot be read as CSV: a code the UI words in its language, and the English message. */
export interface CsvFileProblem {
  code: 'too-large' | 'empty' | 'utf16' | 'binary' | 'backup' | 'json';
  /** For `binary`: what the file seems to be. */
  looksLike?: 'zip' | 'pdf';
  message: string;
}

/** `checkCsvText` with the reason's code. */
export function csvFileProblem(text: string): CsvFileProblem | undefined {
  if (overLimit(text)) return { code: 'too-large', message: tooLargeMessage(text) };
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { code: 'empty', message: 'The file is empty. Nothing was imported.' };
  const encoding = encodingProblem(body);
  if (encoding) return { code: encoding.problem, looksLike: encoding.looksLike, message: encoding.message };
  const start = body.trimStart().slice(0, 300);
  if (/^\{[\s\S]*"format"\s*:\s*"leadline-backup"/.test(start)) {
    return {
      code: 'backup',
      message:
        'This is a Leadline backup, not a CSV file: restore it under “Restore from a backup file”. Nothing was imported.',
    };
  }
  if (/^[{[]\s*["{[\]}]/.test(start)) {
    return { code: 'json', message: 'This file holds JSON, not CSV. Nothing was imported.' };
  }
  return undefined;
}

/** A data row of a CSV file, with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}
export interface CsvTable {
  headers: string[];
  /** 1-based line of the header row (not 1 when the file starts with notes, as LinkedIn's does). */
  headerLine: number;
  rows: CsvRow[];
  delimiter: string;
  /**
   * The first row whose quotes are broken: a quoted cell that opens and is never closed
   * (`unclosed`: every line after it was read into that cell), or text after a closing quote
   * (`stray`: a quote that should have been doubled, so the cells around it are misread). The
   * file is truncated or corrupted, and none of it can be trusted.
   */
  quoteProblem?: { line: number; kind: 'unclosed' | 'stray' };
}

/**
 * Reads CSV text into rows with their line numbers. Handles a BOM, CRLF/CR line ends, quoted
 * fields with delimiters, quotes and line breaks, and `;`/tab-delimited files (Excel in
 * European locales). Blank lines are skipped. The header is the first of the first 10 rows
 * that maps at least two known fields (LinkedIn's connections export begins with notes),
 * else the first non-blank row.
 */
export function readCsv(text: string, opts: { limit?: number } = {}): CsvTable {
  // One line-end form, so Papa's newline guess cannot leave a stray \r on the last cell.
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const raw: CsvRow[] = [];
  let delimiter = ',';
  let offset = 0;
  let line = 1;
  let headerAt = -1;
  let quoteProblem: CsvTable['quoteProblem'];
  Papa.parse<string[]>(src, {
    header: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (result, parser) => {
      const start = offset;
      offset = result.meta.cursor;
      delimiter = result.meta.delimiter || delimiter;
      // The cursor is just past this row's line break, so `line` is where the row starts; then
      // count the breaks inside it (a quoted cell may span several lines).
      const startLine = line;
      for (let i = start; i < offset; i++) if (src.charCodeAt(i) === 10) line++;
      if (quoteProblem === undefined) {
        const e = result.errors.find((x) => x.code === 'MissingQuotes' || x.code === 'InvalidQuotes');
        if (e) quoteProblem = { line: startLine, kind: e.code === 'MissingQuotes' ? 'unclosed' : 'stray' };
      }
      const cells = result.data;
      if (cells.every((c) => c.trim() === '')) return;
      raw.push({ line: startLine, cells });
      if (headerAt < 0 && raw.length <= 10 && detectMapping(cells).filter(Boolean).length >= 2) {
        headerAt = raw.length - 1;
      }
      if (opts.limit !== undefined && headerAt >= 0 && raw.length - 1 - headerAt >= opts.limit) parser.abort();
    },
  });
  if (headerAt < 0) headerAt = 0;
  const header = raw[headerAt];
  return {
    headers: header ? header.cells.map((h) => h.trim()) : [],
    headerLine: header?.line ?? 1,
    rows: raw.slice(headerAt + 1),
    delimiter,
    ...(quoteProblem ? { quoteProblem } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Values

/** HubSpot/Salesforce lead status and lifecycle values that obviously mean one of ours. */
const STATUS_WORDS: readonly [RegExp, LeadStatus][] = [
  [/^(sql|salesqualified(lead)?|opportunity|opendeal|qualified|closedconverted|converted|qualifiedtobuy)$/, 'sql'],
  [/^(mql|marketingqualified(lead)?|inprogress|working|workingcontacted|nurturing|engaged|interested)$/, 'mql'],
  [
    /^(suspect|new|open|opennotcontacted|subscriber|lead|attemptedtocontact|unqualified|badtiming|connected|closednotconverted|other)$/,
    'suspect',
  ],
];

/** A lead status from another CRM's vocabulary, or `undefined` when it means none of ours. */
export function mapLeadStatus(value: string): LeadStatus | undefined {
  const key = headerKey(value);
  for (const [re, status] of STATUS_WORDS) if (re.test(key)) return status;
  return undefined;
}

/** A lead source from another CRM's vocabulary (HubSpot original source, Salesforce lead source). */
export function mapLeadSource(value: string): LeadSource | undefined {
  const folded = foldText(value);
  if (!folded) return undefined;
  const asId = folded.replace(/ /g, '-');
  if ((LEAD_SOURCES as readonly string[]).includes(asId)) return asId as LeadSource;
  const rules: readonly [RegExp, LeadSource][] = [
    [/closed lost|revival|revived/, 'closed-lost-revival'],
    [/existing customer|upsell|cross sell|customer/, 'existing-customer'],
    [/referr|word of mouth|partner|recommend/, 'referral'],
    [/trade show|event|webinar|seminar|conference|fair|meetup/, 'event'],
    [/social|linkedin|twitter|facebook|instagram|sales navigator/, 'social'],
    [/chat/, 'live-chat'],
    [/purchased|bought list|list/, 'purchased-list'],
    [/outbound|cold|prospecting/, 'outbound'],
    [/organic|search|web|inbound|content|email marketing|direct traffic|advertis|paid|seo|blog/, 'inbound'],
    [/other|offline|phone inquiry|unknown/, 'other'],
  ];
  for (const [re, source] of rules) if (re.test(folded)) return source;
  return undefined;
}

/**
 * A money amount as files write it: "$1,200", "1.234,56 €", "5 000", "EUR 12000". With both
 * `.` and `,` the last one is the decimal mark; with one of them repeated it groups thousands;
 * a single `,` or `.` before exactly three digits groups thousands, except that a single `.`
 * is a decimal point unless the file is European (`;`-delimited). `undefined` if not a number.
 */
export function parseAmount(raw: string, european = false): { value: number; currency?: string } | undefined {
  let s = raw.trim();
  if (!s) return undefined;
  let currency: string | undefined;
  const code = s.match(/\b([A-Za-z]{3})\b/);
  if (code?.[1]) currency = code[1].toUpperCase();
  else if (s.includes('€')) currency = 'EUR';
  else if (s.includes('£')) currency = 'GBP';
  else if (s.includes('$')) currency = 'USD';
  else if (s.includes('¥')) currency = 'JPY';
  s = s.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(s) || s.startsWith('-')) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normal: string;
  if (dots && commas) {
    normal = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (commas) {
    normal = commas > 1 || (/^\d{1,3}(,\d{3})+$/.test(s) && !european) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (dots) {
    normal = dots > 1 || (european && /^\d{1,3}(\.\d{3})+$/.test(s)) ? s.replace(/\./g, '') : s;
  } else normal = s;
  const value = Number(normal);
  return Number.isFinite(value) && /^\d+(\.\d+)?$/.test(normal) ? { value, currency } : undefined;
}

/**
 * A calendar date as `YYYY-MM-DD`: ISO (with or without a time), `15.03.2024` (day first),
 * `03/15/2024` (month first, as US exports write it, unless the first number is over 12),
 * `15 Mar 2024`. `undefined` when it is not a real date.
 */
export function parseDate(raw: string): string | undefined {
  const parts = dateParts(raw.trim());
  if (!parts) return undefined;
  const [y, m, d] = parts;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Year, month, day as written, not yet checked to be a real date. */
function dateParts(s: string): [number, number, number] | undefined {
  const iso = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dotted = s.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: .*)?$/);
  if (dotted) return [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  const slashed = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    return a > 12 ? [Number(slashed[3]), b, a] : [Number(slashed[3]), a, b];
  }
  const named = s.match(/^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})$/);
  if (named) {
    const month = MONTHS.indexOf((named[2] ?? '').toLowerCase());
    return month < 0 ? undefined : [Number(named[3]), month + 1, Number(named[1])];
  }
  return undefined;
}
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Other pipelines' stage names (HubSpot ids and labels, Pipedrive defaults) → our default stage ids. */
const STAGE_WORDS: readonly [RegExp, string][] = [
  [/^(closedwon|won|dealwon)$/, 'won'],
  [/^(closedlost|lost|deallost)$/, 'lost'],
  [/^(negotiation|negotiationsstarted|negotiating|decisionmakerboughtin|contractsent|verbal)/, 'negotiation'],
  [/^(proposal|proposalmade|proposalsent|quote|quotesent|presentationscheduled)/, 'proposal'],
  [/^(meeting|appointmentscheduled|demo|demoscheduled|discovery|meetingscheduled)/, 'meeting'],
  [/^(qualification|qualified|qualifiedtobuy|contactmade|needsanalysis)/, 'qualification'],
  [/^(prospecting|prospect|leadin|new|lead)/, 'prospecting'],
];

/** The stage a file's stage value names: ours by id or name, else a known synonym; `undefined` if none. */
export function matchStage(value: string, stages: readonly Stage[]): Stage | undefined {
  const key = headerKey(value);
  if (!key) return undefined;
  const own = stages.find((s) => headerKey(s.id) === key || headerKey(s.name) === key);
  if (own) return own;
  for (const [re, id] of STAGE_WORDS) {
    if (!re.test(key)) continue;
    if (id === 'won' || id === 'lost') return stages.find((s) => s.kind === id);
    return stages.find((s) => s.id === id);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** A contact draft as import builds it: the company is linked when the rows are written. */
export type ContactDraft = Omit<DraftOf<'contacts'>, 'companyId'>;
export type CompanyDraft = DraftOf<'companies'>;
/** A deal draft: contact and company are linked when the rows are written. */
export type DealDraft = Omit<DraftOf<'deals'>, 'contactId' | 'companyId'>;

/** One good row of the file: what it creates, and the line it came from. */
export interface ImportRow {
  line: number;
  contact: ContactDraft;
  company?: CompanyDraft;
  deal?: DealDraft;
}
/** A line of the file and why it was refused (or, for a warning, what was assumed). */
export interface LineProblem {
  line: number;
  reason: string;
}
export interface CsvImport {
  rows: ImportRow[];
  errors: LineProblem[];
  /** Rows that were imported with an assumption the rep may want to check (an unknown stage…). */
  warnings: LineProblem[];
  headers: string[];
  /** Data rows read (good and bad). */
  total: number;
  /**
   * A problem of the whole file (see `CsvTable.quoteProblem`): nothing may be imported,
   * not even with the bad lines skipped, since the lines after it were not read as lines.
   */
  fileProblem?: string;
}
export interface CsvImportOptions {
  now: number;
  defaultCurrency: string;
  stages: readonly Stage[];
  /** Read at most this many data rows (for a preview). */
  limit?: number;
}

const PLACEHOLDER = { id: 'import', createdAt: 0, updatedAt: 0, rev: 1 };

/**
 * The schema output each draft of `parseCsvImport` came from. Derived keys depend on the fields
 * alone, so `importRowsToRecords` reuses them instead of running the schemas a second time
 * (zod is most of an import's CPU time); drafts built elsewhere are parsed as usual.
 */
const parsedContacts = new WeakMap<object, Contact>();
const parsedCompanies = new WeakMap<object, Company>();

/** Undoes the formula guard of our own export ("'=x" → "=x"), so export → import round-trips. */
function unguard(cell: string): string {
  const s = cell.trim();
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function splitList(cell: string): string[] {
  return cell
    .split(/[;,|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Maps the rows of a CSV file to contact, company and deal drafts, each validated through the
 * record schemas. Bad rows are reported with their line in the file (the header counts, a
 * quoted cell spanning lines counts each line) and a reason; see the module note on writing.
 */
export function parseCsvImport(text: string, mapping: ColumnMapping, opts: CsvImportOptions): CsvImport {
  const table = readCsv(text, { limit: opts.limit });
  const european = table.delimiter === ';';
  const out: CsvImport = { rows: [], errors: [], warnings: [], headers: table.headers, total: 0 };
  const q = table.quoteProblem;
  if (q) {
    out.fileProblem =
      q.kind === 'unclosed'
        ? `Line ${q.line} opens a quoted cell that is never closed, so everything after it reads as one cell: the file looks truncated or corrupted. Nothing was imported.`
        : `Line ${q.line} has text after a quoted cell's closing quote (a quote inside a cell must be doubled: ""), so its cells cannot be told apart: the file looks corrupted. Nothing was imported.`;
  }
  const memo: FileMemo = { companies: new Map(), statuses: new Map(), sources: new Map() };
  for (const row of table.rows) {
    out.total++;
    const result = mapRow(row, mapping, opts, european, memo);
    if ('reasons' in result) {
      out.errors.push({ line: row.line, reason: result.reasons.join('; ') });
    } else {
      out.rows.push(result.row);
      for (const w of result.warnings) out.warnings.push({ line: row.line, reason: w });
    }
  }
  return out;
}

/** The first `n` data rows mapped, for the import dialog's preview. */
export function preview(text: string, mapping: ColumnMapping, opts: CsvImportOptions, n = 5): CsvImport {
  return parseCsvImport(text, mapping, { ...opts, limit: n });
}

type RowResult = { row: ImportRow; warnings: string[] } | { reasons: string[] };

/**
 * What a file repeats, worked out once per distinct value: the company drafts checked (by
 * their fields: a file lists a company on every row of its people), and the lead status and
 * source each distinct cell means.
 */
interface FileMemo {
  companies: Map<string, { company: CompanyDraft } | { reasons: string[] }>;
  statuses: Map<string, LeadStatus | undefined>;
  sources: Map<string, LeadSource | undefined>;
}

function memoized<K, V>(map: Map<K, V>, key: K, make: (key: K) => V): V {
  if (map.has(key)) return map.get(key) as V;
  const v = make(key);
  map.set(key, v);
  return v;
}

function mapRow(
  row: CsvRow,
  mapping: ColumnMapping,
  opts: CsvImportOptions,
  european: boolean,
  memo: FileMemo,
): RowResult {
  const one = new Map<ImportField, string>();
  const many = { email: [] as string[], phone: [] as string[], tags: [] as string[] };
  mapping.forEach((field, i) => {
    if (!field) return;
    const cell = unguard(row.cells[i] ?? '');
    if (!cell) return;
    if (field === 'email' || field === 'phone' || field === 'tags') many[field].push(...splitList(cell));
    else if (!one.has(field)) one.set(field, cell);
  });
  const get = (f: ImportField) => one.get(f);
  const reasons: string[] = [];
  const warnings: string[] = [];

  // Name: "Full name", else first + last.
  const name = get('fullName') ?? [get('firstName'), get('lastName')].filter(Boolean).join(' ');
  const location =
    get('location') ?? ([get('city'), get('region'), get('country')].filter(Boolean).join(', ') || undefined);
  const profiles: Record<string, string> = {};
  const website = get('website');
  if (website) profiles.website = website;
  for (const net of ['linkedin', 'twitter', 'github'] as const) {
    const v = get(net);
    if (!v) continue;
    const url = profileUrl(net, v);
    // A generic "URL" column that is not a LinkedIn link is the person's website.
    if (net === 'linkedin' && url && !/(^|\.)linkedin\.com$/.test(hostOf(url))) {
      if (!profiles.website) profiles.website = url;
    } else profiles[net] = url ?? v;
  }
  const contactDraft: Record<string, unknown> = {
    name,
    emails: many.email,
    phones: many.phone,
    profiles,
    tags: many.tags,
  };
  if (get('jobTitle')) contactDraft.jobTitle = get('jobTitle');
  if (location) contactDraft.location = location;
  const status = get('leadStatus');
  const lifecycle = get('lifecycleStage');
  // Lead status and lifecycle stage can both speak; the one further along wins.
  const rank = { suspect: 0, mql: 1, sql: 2 } as const;
  const statusOf = (v: string) => memoized(memo.statuses, v, mapLeadStatus);
  const mapped = [status && statusOf(status), lifecycle && statusOf(lifecycle)]
    .filter((x): x is LeadStatus => !!x)
    .sort((a, b) => rank[b] - rank[a])[0];
  if (mapped) contactDraft.leadStatus = mapped;
  if (lifecycle && /^(customer|evangelist)$/.test(headerKey(lifecycle))) {
    contactDraft.lifecycle = 'customer';
    contactDraft.leadStatus = 'sql';
  }
  const sourceRaw = get('source');
  const source = sourceRaw
    ? memoized(memo.sources, sourceRaw, mapLeadSource)
    : get('connectedOn')
      ? 'social'
      : undefined;
  if (source) contactDraft.source = source;

  let contact: ContactDraft | undefined;
  if (!name.trim()) reasons.push('no name');
  const c = contactSchema.safeParse({ ...PLACEHOLDER, ...contactDraft });
  if (c.success) {
    contact = stripContact(c.data);
    parsedContacts.set(contact, c.data);
  } else reasons.push(...issueReasons(c.error.issues, name.trim() ? [] : ['name']));

  // Company: a name, or the domain (from its own column or the website) standing in for one.
  let company: CompanyDraft | undefined;
  const companyWebsite = get('companyWebsite');
  const domain = get('companyDomain') ?? (companyWebsite ? companyDomain(companyWebsite) : undefined);
  const companyName = get('companyName') ?? domain;
  if (companyName) {
    const draft: Record<string, unknown> = { name: companyName };
    if (domain) draft.domain = companyDomain(domain) ?? domain;
    if (companyWebsite) draft.website = companyWebsite;
    if (get('companyIndustry')) draft.industry = get('companyIndustry');
    if (get('companySize')) draft.size = get('companySize');
    const li = get('companyLinkedin');
    if (li) draft.profiles = { linkedin: li };
    const key = JSON.stringify(draft);
    let checked = memo.companies.get(key);
    if (!checked) {
      const r = companySchema.safeParse({ ...PLACEHOLDER, ...draft });
      if (r.success) {
        checked = { company: stripCompany(r.data) };
        parsedCompanies.set(checked.company, r.data);
      } else checked = { reasons: issueReasons(r.error.issues).map((s) => `company ${s}`) };
      memo.companies.set(key, checked);
    }
    if ('company' in checked) company = checked.company;
    else reasons.push(...checked.reasons);
  }

  // Deal: only when a deal column has a value.
  let deal: DealDraft | undefined;
  const dealFields: ImportField[] = ['dealTitle', 'dealValue', 'dealStage', 'dealStatus', 'dealExpectedClose'];
  if (dealFields.some((f) => one.has(f))) {
    const draft: Record<string, unknown> = {
      title: get('dealTitle') ?? companyName ?? name,
      stageEnteredAt: opts.now,
      source: source ?? 'other',
    };
    const valueRaw = get('dealValue');
    let currency = get('dealCurrency');
    if (valueRaw) {
      const amount = parseAmount(valueRaw, european);
      if (!amount) reasons.push(`"${valueRaw}" is not an amount`);
      else {
        draft.value = amount.value;
        currency ??= amount.currency;
      }
    }
    draft.currency = currency ?? opts.defaultCurrency;
    const stage = pickStage(get('dealStage'), get('dealStatus'), opts.stages, warnings);
    if (stage) {
      draft.stage = stage.id;
      if (stage.kind !== 'open') draft.closedAt = opts.now;
    } else reasons.push('your pipeline has no open stage to put the deal in');
    const close = get('dealExpectedClose');
    if (close) {
      const iso = parseDate(close);
      if (iso) draft.expectedClose = iso;
      else reasons.push(`"${close}" is not a date`);
    }
    if (reasons.length === 0) {
      const r = dealSchema.safeParse({ ...PLACEHOLDER, ...draft });
      if (r.success) deal = stripDeal(r.data);
      else reasons.push(...issueReasons(r.error.issues).map((s) => `deal ${s}`));
    }
  }

  if (reasons.length || !contact) return { reasons: reasons.length ? reasons : ['not a contact'] };
  return { row: { line: row.line, contact, company, deal }, warnings };
}

function pickStage(
  stageRaw: string | undefined,
  statusRaw: string | undefined,
  stages: readonly Stage[],
  warnings: string[],
): Stage | undefined {
  const status = statusRaw ? headerKey(statusRaw) : '';
  // Pipedrive's "Deal - Status" says won/lost even when the stage is still the last open one.
  if (status === 'won' || status === 'lost') {
    const closed = stages.find((s) => s.kind === status);
    if (closed) return closed;
  }
  const firstOpen = stages.find((s) => s.kind === 'open');
  if (!stageRaw) return firstOpen;
  const stage = matchStage(stageRaw, stages);
  if (stage) return stage;
  if (firstOpen) warnings.push(`deal stage "${stageRaw}" is not one of yours; put in ${firstOpen.name}`);
  return firstOpen;
}

function profileUrl(net: 'linkedin' | 'twitter' | 'github', value: string): string | undefined {
  const handle = value.trim().replace(/^@/, '');
  if (net !== 'linkedin' && /^[A-Za-z0-9_-]{1,39}$/.test(handle)) {
    return `https://${net === 'twitter' ? 'twitter.com' : 'github.com'}/${handle}`;
  }
  return normalizeUrl(value);
}

function hostOf(url: string): string {
  return httpUrl(url)?.hostname.toLowerCase() ?? '';
}

/** Zod issues as short reasons: the schema's messages already quote the bad value. */
function issueReasons(issues: readonly { path: PropertyKey[]; message: string }[], skipPaths: string[] = []): string[] {
  const out: string[] = [];
  for (const i of issues) {
    const path = i.path.map(String);
    if (path[0] && skipPaths.includes(path[0])) continue;
    const custom = /is not an? /.test(i.message);
    out.push(custom || path.length === 0 ? i.message : `${path.join('.')}: ${i.message}`);
  }
  return out;
}

function stripContact(c: Contact): ContactDraft {
  const { id: _i, createdAt: _c, updatedAt: _u, rev: _r, profileKeys: _p, nameKey: _n, companyId: _co, ...rest } = c;
  return rest;
}
function stripCompany(c: Company): CompanyDraft {
  const { id: _i, createdAt: _c, updatedAt: _u, rev: _r, nameKey: _n, ...rest } = c;
  return rest;
}
function stripDeal(d: Deal): DealDraft {
  const { id: _i, createdAt: _c, updatedAt: _u, rev: _r, contactId: _ct, companyId: _co, ...rest } = d;
  return rest;
}

/**
 * Good rows as records ready for `mergePlan` (lib/backup), which dedupes them against the
 * database and against each other (ten rows of one company make one company): a contact per
 * row, linked to its row's company and deal.
 */
export function importRowsToRecords(
  rows: readonly ImportRow[],
  now: number,
  newId: () => string,
): { contacts: Contact[]; companies: Company[]; deals: Deal[] } {
  const out = { contacts: [] as Contact[], companies: [] as Company[], deals: [] as Deal[] };
  const stamp = () => ({ id: newId(), createdAt: now, updatedAt: now, rev: 1 });
  for (const row of rows) {
    let companyId: string | undefined;
    if (row.company) {
      const parsed = parsedCompanies.get(row.company);
      const company = parsed ? { ...parsed, ...stamp() } : companySchema.parse({ ...row.company, ...stamp() });
      out.companies.push(company);
      companyId = company.id;
    }
    const parsed = parsedContacts.get(row.contact);
    const contact: Contact = parsed
      ? { ...parsed, ...stamp(), ...(companyId ? { companyId } : {}) }
      : contactSchema.parse({ ...row.contact, ...stamp(), companyId });
    out.contacts.push(contact);
    // Deals carry no derived keys; a draft from parseCsvImport was validated already.
    if (row.deal) out.deals.push(dealSchema.parse({ ...row.deal, ...stamp(), contactId: contact.id, companyId }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Guards a cell against formula injection (OWASP "CSV injection"): text that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a spreadsheet shows it as
 * text instead of running it. Page data is hostile. Plain numbers (a phone as `+4930123456`)
 * cannot run anything and are left as they are.
 */
export function guardCell(value: string): string {
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[+-]?\d[\d .]*$/.test(value)) return value;
  return `'${value}`;
}

function toCsv(header: readonly string[], rows: readonly (string | number | undefined)[][]): string {
  const data = rows.map((r) => r.map((v) => (v === undefined ? '' : typeof v === 'number' ? String(v) : guardCell(v))));
  // A BOM, so Excel reads the file as UTF-8 and accents survive; importers (HubSpot, ours) skip it.
  return `\uFEFF${Papa.unparse({ fields: [...header], data }, { newline: '\r\n' })}\r\n`;
}

const LIFECYCLE_LABEL: Record<LeadStatus, string> = {
  suspect: 'Lead',
  mql: 'Marketing Qualified Lead',
  sql: 'Sales Qualified Lead',
};

/** Contacts as CSV with the headers HubSpot's contact import recognises (and ours re-reads). */
export function contactsToCsv(contacts: readonly Contact[], companiesById: ReadonlyMap<string, Company>): string {
  const header = [
    'First Name',
    'Last Name',
    'Email',
    'Additional Emails',
    'Phone Number',
    'Other Phone Numbers',
    'Job Title',
    'Company Name',
    'Company Domain Name',
    'Website URL',
    'City',
    'State/Region',
    'Country/Region',
    'LinkedIn URL',
    'Twitter Username',
    'Lifecycle Stage',
    'Lead Source',
    'Tags',
  ];
  const rows = contacts.map((c) => {
    const company = c.companyId ? companiesById.get(c.companyId) : undefined;
    const { first, last } = splitName(c.name);
    const loc = splitLocation(c.location ?? '');
    return [
      first,
      last,
      c.emails[0],
      c.emails.slice(1).join(';'),
      c.phones[0],
      c.phones.slice(1).join(';'),
      c.jobTitle,
      company?.name,
      company?.domain,
      company?.website,
      loc.city,
      loc.region,
      loc.country,
      c.profiles.linkedin,
      c.profiles.twitter,
      c.lifecycle === 'customer' ? 'Customer' : LIFECYCLE_LABEL[c.leadStatus],
      c.source,
      c.tags.join(';'),
    ];
  });
  return toCsv(header, rows);
}

/** Companies as CSV with the headers HubSpot's company import recognises. */
export function companiesToCsv(companies: readonly Company[]): string {
  const header = [
    'Company name',
    'Company Domain Name',
    'Website URL',
    'Industry',
    'Company Size',
    'Description',
    'Address',
    'Phone Number',
    'LinkedIn Company Page',
    'Tags',
  ];
  const rows = companies.map((c) => [
    c.name,
    c.domain,
    c.website,
    c.industry,
    c.size,
    c.description,
    c.address,
    c.phones[0],
    c.profiles.linkedin,
    c.tags.join(';'),
  ]);
  return toCsv(header, rows);
}

/**
 * Deals as CSV with the headers HubSpot's deal import recognises; the contact's email and the
 * company's domain let HubSpot associate them. Stages are written by name.
 */
export function dealsToCsv(
  deals: readonly Deal[],
  contactsById: ReadonlyMap<string, Contact>,
  companiesById: ReadonlyMap<string, Company>,
  stages: readonly Stage[],
): string {
  const header = [
    'Deal Name',
    'Pipeline',
    'Deal Stage',
    'Amount',
    'Currency',
    'Close Date',
    'Deal Type',
    'Contact Name',
    'Email',
    'Company Name',
    'Company Domain Name',
    'Lead Source',
    'Closed Lost Reason',
  ];
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const rows = deals.map((d) => {
    const contact = d.contactId ? contactsById.get(d.contactId) : undefined;
    const company = d.companyId ? companiesById.get(d.companyId) : undefined;
    return [
      d.title,
      'Sales Pipeline',
      stageName.get(d.stage) ?? d.stage,
      d.value,
      d.currency,
      d.expectedClose,
      d.kind === 'new' ? 'New Business' : 'Existing Business',
      contact?.name,
      contact?.emails[0],
      company?.name,
      company?.domain,
      d.source,
      d.lostReason,
    ];
  });
  return toCsv(header, rows);
}
