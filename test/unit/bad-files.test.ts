/**
 * Bad files: truncated, corrupted, wrong-version, wrongly encoded and oversized backups and CSV
 * files, each sent the way the options page sends it (a `data.import` message, handled by
 * lib/service → lib/data-service → lib/backup or lib/csv) into a database that holds data.
 * Each is refused with a message that names the problem, and the database is unchanged
 * record for record, in "replace" mode too (which would clear everything first).
 *
 * The size limit is 30 MiB (lib/import-file says why), checked before parsing.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type BackupStores, parseBackup, serializeBackup } from '../../lib/backup';
import { checkCsvText, detectMapping, parseCsvImport, readCsv } from '../../lib/csv';
import { readAllStores } from '../../lib/data-service';
import { DB_VERSION } from '../../lib/db/migrations';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { defaultSettings } from '../../lib/defaults';
import { IMPORT_MAX_BYTES } from '../../lib/import-file';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const OPTIONS: SenderInfo = { id: ID, url: `${ORIGIN}/options.html` };
const NOW = Date.UTC(2026, 10, 23, 9);

let db: Db;
let ctx: ServiceContext;

const PEOPLE = [
  ['Maria Rossi', 'maria@acme.example', 'Acme Robotics', 'https://acme.example/'],
  ['Luca Bianchi', 'luca@lumen.example', 'Lumen Analytics', 'https://lumen.example/'],
  ['Aisyah Rahman', 'aisyah@kedai.example', 'Kedai Cloud', 'https://kedai.example/'],
  ['Priya Natarajan', 'priya@acme.example', 'Acme Robotics', 'https://acme.example/'],
  ['Jonas Berg', 'jonas@fjord.example', 'Fjord Freight', 'https://fjord.example/'],
  ['Chen Wei', 'chen@lotus.example', 'Lotus Labs', 'https://lotus.example/'],
] as const;

/** Leads as clips make them: contacts, companies, deals, notes, activities and follow-ups. */
async function seed(): Promise<void> {
  for (const [name, email, company, website] of PEOPLE) {
    const { reply } = await handleMessage(
      {
        type: 'capture.save',
        draft: {
          person: { fullName: name, emails: [email], jobTitle: 'Head of Operations', location: 'Milan, Italy' },
          company: { name: company, website, description: `${company} builds things people need.` },
          sourceUrl: `${website}team`,
          pageTitle: `${company} team`,
          note: `Met ${name} at the summit; follow up about the pilot.`,
          followUp: 'tomorrow',
        },
      },
      OPTIONS,
      ctx,
    );
    if (!reply.ok) throw new Error(reply.error.message);
  }
}

const byId = (xs: { id: string }[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
async function snapshot(): Promise<BackupStores> {
  const all = await readAllStores(db);
  for (const k of Object.keys(all) as (keyof BackupStores)[]) (all[k] as { id: string }[]) = byId(all[k]);
  return all;
}

/** How a file saved as UTF-16 (Excel's "Unicode Text") reads when read as UTF-8, as `File.text()` does. */
const asUtf16ReadAsUtf8 = (s: string) =>
  new TextDecoder('utf-8').decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
/** The first bytes of an .xlsx workbook (a zip), read as UTF-8. */
const XLSX = new TextDecoder('utf-8').decode(
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee]),
    Buffer.from('[Content_Types].xml '),
    Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 73 + 11) % 256)),
  ]),
);
const OVER = IMPORT_MAX_BYTES + 1024;

/** The backup of the seeded database, and variations on it. */
let good = '';
const edit = (f: (o: Record<string, unknown>) => void) => {
  const o = JSON.parse(good) as Record<string, unknown>;
  f(o);
  return JSON.stringify(o, null, 2);
};
const stores = (o: Record<string, unknown>) => o.stores as Record<string, Record<string, unknown>[]>;
/** The first record of a store of a parsed backup (the seed has some of each kind edited here). */
const firstOf = (o: Record<string, unknown>, store: string): Record<string, unknown> => {
  const r = stores(o)[store]?.[0];
  if (!r) throw new Error(`the seeded backup has no ${store}`);
  return r;
};

type Case = [name: string, file: () => string, fragment: string | RegExp];

const BAD_BACKUPS: Case[] = [
  ['empty', () => '', 'The file is empty'],
  ['only white space', () => ' \n\t\n', 'The file is empty'],
  ['truncated at 10%', () => good.slice(0, Math.floor(good.length * 0.1)), 'looks truncated'],
  ['truncated at half', () => good.slice(0, Math.floor(good.length / 2)), 'looks truncated'],
  ['truncated by one byte', () => good.trimEnd().slice(0, -1), 'looks truncated'],
  ['truncated inside a string', () => good.slice(0, good.indexOf('Maria') + 3), 'looks truncated'],
  [
    'corrupted: a character changed',
    // A structural character (the colon after the first key in the second half), so the change
    // always breaks the JSON: a changed character inside a string value would not.
    () => {
      const at = good.indexOf('": ', Math.floor(good.length / 2)) + 1;
      return `${good.slice(0, at)}#${good.slice(at + 1)}`;
    },
    /not valid JSON at line \d+, column \d+/,
  ],
  [
    'corrupted: a NUL byte in the middle',
    () => `${good.slice(0, good.length - 200)}\u0000${good.slice(good.length - 200)}`,
    'not valid JSON',
  ],
  ['corrupted: binary (a workbook renamed .json)', () => XLSX, 'not a text file (it looks like an Excel workbook'],
  ['saved as UTF-16', () => asUtf16ReadAsUtf8(good), 'saved as UTF-16'],
  ['a CSV file', () => 'Name,Email\nMaria Rossi,maria@acme.example\n', 'not valid JSON'],
  ['a JSON list', () => '[1, 2, 3]', 'holds no backup object'],
  [
    'another program’s JSON',
    () => JSON.stringify({ format: 'hubspot-export', contacts: [] }),
    'not a Leadline backup (its format is "hubspot-export")',
  ],
  [
    'a newer backup format',
    () =>
      edit((o) => {
        o.version = 2;
      }),
    'made by a newer Leadline (backup format 2',
  ],
  [
    'a newer database version',
    () =>
      edit((o) => {
        o.schemaVersion = DB_VERSION + 7;
      }),
    `database version ${DB_VERSION + 7}`,
  ],
  [
    'version as text',
    () =>
      edit((o) => {
        o.version = '1';
      }),
    'no valid format version',
  ],
  [
    'no version',
    () =>
      edit((o) => {
        delete o.version;
      }),
    'no valid format version',
  ],
  [
    'version 0',
    () =>
      edit((o) => {
        o.version = 0;
      }),
    'no valid format version',
  ],
  [
    'no schema version',
    () =>
      edit((o) => {
        delete o.schemaVersion;
      }),
    'no valid schema version',
  ],
  [
    'no records',
    () =>
      edit((o) => {
        delete o.stores;
      }),
    '"stores" is missing',
  ],
  [
    'a store this Leadline does not know',
    () =>
      edit((o) => {
        stores(o).invoices = [];
      }),
    'records of a kind this Leadline does not know ("invoices")',
  ],
  [
    'the last record invalid (all or nothing)',
    () =>
      edit((o) => {
        const list = stores(o).contacts as Record<string, unknown>[];
        (list[list.length - 1] as Record<string, unknown>).emails = ['not-an-email'];
      }),
    /One record in this backup is not valid.*\ncontacts\[5\].*emails.*"not-an-email" is not an email address/,
  ],
  [
    'a record without an id',
    () =>
      edit((o) => {
        delete firstOf(o, 'deals').id;
      }),
    /deals\[0\]: id:/,
  ],
  [
    'the same id twice',
    () =>
      edit((o) => {
        stores(o).companies?.push({ ...firstOf(o, 'companies') });
      }),
    'the same id appears twice',
  ],
  [
    'two settings records',
    () =>
      edit((o) => {
        const s = defaultSettings(NOW);
        stores(o).settings = [s as unknown as Record<string, unknown>, s as unknown as Record<string, unknown>];
      }),
    'a backup holds one settings record',
  ],
  [
    'a store that is not a list',
    () =>
      edit((o) => {
        stores(o).notes = { a: 1 } as never;
      }),
    '"notes" is not a list of records',
  ],
  [
    'oversized (30 MiB + 1 KiB)',
    () =>
      edit((o) => {
        // Valid JSON up to the last byte: only its size is wrong.
        firstOf(o, 'notes').body = 'x'.repeat(OVER);
      }),
    'more than the 30 MB a backup may be',
  ],
];

const HEADER = 'First Name,Last Name,Email,Job Title,Company Name,Company Domain Name';
const CSV_ROWS = [
  'Grace,Hopper,grace@navy.example,Rear Admiral,US Navy,navy.example',
  'Ada,Lovelace,ada@engine.example,Analyst,Analytical Engines,engine.example',
  'Alan,Turing,alan@bletchley.example,"Cryptanalyst, Hut 8",Bletchley Park,bletchley.example',
];
const goodCsv = [HEADER, ...CSV_ROWS].join('\r\n');

const BAD_CSVS: Case[] = [
  ['empty', () => '', 'The file is empty'],
  ['only a BOM and blank lines', () => '\uFEFF\r\n\r\n', 'The file is empty'],
  ['a header and no rows', () => `${HEADER}\r\n`, 'no rows below its header'],
  [
    'truncated inside a quoted cell',
    () => goodCsv.slice(0, goodCsv.indexOf('Hut 8')),
    'Line 4 opens a quoted cell that is never closed',
  ],
  [
    'a quote opened and never closed mid-file (the rows after it would vanish)',
    () =>
      [HEADER, 'Grace,Hopper,grace@navy.example,"Rear Admiral,US Navy,navy.example', ...CSV_ROWS.slice(1)].join('\n'),
    // The quote closes only at the next quote, two lines on, with text after it.
    "Line 2 has text after a quoted cell's closing quote",
  ],
  [
    'truncated in the middle of an email',
    () => `${HEADER}\n${CSV_ROWS[0]}\nAda,Lovelace,ada@`,
    'Line 3: "ada@" is not an email address',
  ],
  ['corrupted: binary (a workbook renamed .csv)', () => XLSX, 'not a text file (it looks like an Excel workbook'],
  ['corrupted: NUL bytes', () => goodCsv.replace('Ada', 'A\u0000\u0000a'), 'not a text file'],
  ['saved as UTF-16', () => asUtf16ReadAsUtf8(goodCsv), 'saved as UTF-16'],
  ['a Leadline backup', () => good, 'This is a Leadline backup, not a CSV file'],
  ['JSON', () => '[{"name": "Ada"}]', 'holds JSON, not CSV'],
  ['a row without a name', () => `${HEADER}\n,,nameless@x.example,CTO,,`, 'Line 2: no name'],
  [
    'oversized (30 MiB + 1 KiB)',
    () => {
      const row = `Bob,Smith,bob@x.example,${'x'.repeat(200)},X,x.example\r\n`;
      return `${goodCsv}\r\n${row.repeat(Math.ceil(OVER / row.length))}`;
    },
    'more than the 30 MB Leadline imports at once',
  ],
];

const tally = { files: 0, refused: 0, written: 0 };

beforeEach(async () => {
  db = await openLeadlineDb();
  ctx = { db, now: NOW, extensionId: ID, extensionOrigin: ORIGIN, version: '0.1.0', timeZone: 'Europe/Rome' };
  await seed();
  good = serializeBackup(await readAllStores(db), NOW, DB_VERSION);
});
afterAll(() => {
  console.log(`bad files: ${tally.files} tried, ${tally.refused} refused, ${tally.written} records written`);
});

async function refusedUnchanged(req: Record<string, unknown>, fragment: string | RegExp): Promise<void> {
  const before = await snapshot();
  tally.files++;
  const { reply, changes } = await handleMessage(req, OPTIONS, ctx);
  expect(reply.ok, 'the bad file was accepted').toBe(false);
  if (reply.ok) return;
  tally.refused++;
  expect(reply.error.code).toBe('invalid');
  if (typeof fragment === 'string') expect(reply.error.message).toContain(fragment);
  else expect(reply.error.message).toMatch(fragment);
  const after = await snapshot();
  tally.written += changes.length;
  expect(changes).toEqual([]);
  expect(after).toEqual(before);
}

describe('bad backup files are refused, naming the problem, and nothing is written', () => {
  it('the good backup of the same data restores (the bad ones below are variations of it)', async () => {
    expect(good.length).toBeGreaterThan(4000);
    const { reply } = await handleMessage(
      { type: 'data.import', kind: 'backup', mode: 'replace', text: good },
      OPTIONS,
      ctx,
    );
    expect(reply).toMatchObject({ ok: true });
  });

  it.each(BAD_BACKUPS)('%s', async (_, file, fragment) => {
    const text = file();
    // lib/backup alone, as the options page checks a file before sending it…
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      if (typeof fragment === 'string') expect(parsed.error.message).toContain(fragment);
      else expect(parsed.error.message).toMatch(fragment);
    }
    // …and the background, whoever sent it: replace would clear everything first, merge would add.
    await refusedUnchanged({ type: 'data.import', kind: 'backup', mode: 'replace', text }, fragment);
    await refusedUnchanged({ type: 'data.import', kind: 'backup', mode: 'merge', text }, fragment);
  });
});

describe('bad CSV files are refused, naming the problem, and nothing is written', () => {
  it('the good CSV imports (the bad ones below are variations of it)', async () => {
    const { reply } = await handleMessage({ type: 'data.import', kind: 'csv', text: goodCsv }, OPTIONS, ctx);
    expect(reply).toMatchObject({ ok: true, value: { rows: { total: 3, imported: 3 } } });
  });

  it.each(BAD_CSVS)('%s', async (_, file, fragment) => {
    const text = file();
    // What the options page checks before it shows the file: the text, then every row.
    const early = checkCsvText(text);
    const stages = defaultSettings(NOW).stages;
    const parsed = early
      ? undefined
      : parseCsvImport(text, detectMapping(readCsv(text, { limit: 0 }).headers), {
          now: NOW,
          defaultCurrency: 'EUR',
          stages,
        });
    const shown = early ?? parsed?.fileProblem ?? parsed?.errors.map((e) => `Line ${e.line}: ${e.reason}`).join('\n');
    if (shown || parsed?.rows.length) {
      if (typeof fragment === 'string' && !/no rows below/.test(fragment)) expect(shown).toContain(fragment);
    }
    await refusedUnchanged({ type: 'data.import', kind: 'csv', text }, fragment);
    // "Skip the bad lines" cannot get a truncated, unreadable or oversized file in either.
    if (early || parsed?.fileProblem || !parsed?.rows.length) {
      // (Skipping is offered only when some row is good; the background refuses it the same.)
      await refusedUnchanged({ type: 'data.import', kind: 'csv', text, skipInvalid: true }, fragment);
    }
  });

  it('a mapping to a field Leadline does not have is refused', async () => {
    await refusedUnchanged(
      { type: 'data.import', kind: 'csv', text: goodCsv, mapping: ['firstName', 'lastName', 'email', '__proto__'] },
      'which is not a Leadline field',
    );
  });
});
