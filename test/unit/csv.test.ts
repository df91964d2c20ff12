import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { mergePlan } from '../../lib/backup';
import {
  type CsvImportOptions,
  companiesToCsv,
  contactsToCsv,
  dealsToCsv,
  detectMapping,
  guardCell,
  importRowsToRecords,
  mapLeadSource,
  mapLeadStatus,
  parseAmount,
  parseCsvImport,
  parseDate,
  preview,
  readCsv,
} from '../../lib/csv';
import { defaultSettings } from '../../lib/defaults';
import { type Company, type Contact, companySchema, contactSchema, dealSchema } from '../../lib/records';

const NOW = Date.UTC(2024, 4, 1, 12);
const settings = defaultSettings(NOW);
const opts: CsvImportOptions = { now: NOW, defaultCurrency: 'EUR', stages: settings.stages };
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/csv', name), 'utf8');

function importFile(name: string) {
  const text = fixture(name);
  return parseCsvImport(text, detectMapping(readCsv(text).headers), opts);
}

describe('detectMapping', () => {
  it('recognises HubSpot contact export headers', () => {
    const headers = readCsv(fixture('hubspot-contacts.csv')).headers;
    expect(detectMapping(headers)).toEqual([
      null, // Record ID
      'firstName',
      'lastName',
      'email',
      'phone',
      'jobTitle',
      'companyName',
      'companyWebsite',
      'lifecycleStage',
      'leadStatus',
      'city',
      'region',
      'country',
      'source',
      null, // Create Date
      null, // Contact owner
    ]);
  });

  it('recognises Pipedrive, Salesforce and LinkedIn headers, case- and punctuation-insensitive', () => {
    expect(
      detectMapping([
        'Deal - Title',
        'Deal - Value',
        'Deal - Currency',
        'Deal - Stage',
        'Deal - Status',
        'Deal - Expected close date',
        'Person - Name',
        'Person - Email - Work',
        'Organization - Name',
      ]),
    ).toEqual([
      'dealTitle',
      'dealValue',
      'dealCurrency',
      'dealStage',
      'dealStatus',
      'dealExpectedClose',
      'fullName',
      'email',
      'companyName',
    ]);
    expect(
      detectMapping(['FIRST NAME', 'last_name', 'Title', 'Account Name', 'Mobile', 'Lead Source', 'Mailing City']),
    ).toEqual(['firstName', 'lastName', 'jobTitle', 'companyName', 'phone', 'source', 'city']);
    expect(
      detectMapping(['First Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On', 'Profile URL']),
    ).toEqual(['firstName', 'linkedin', 'email', 'companyName', 'jobTitle', 'connectedOn', 'linkedin']);
    expect(detectMapping(['Company URL', 'Company Domain Name', 'Favourite colour', ''])).toEqual([
      'companyWebsite',
      'companyDomain',
      null,
      null,
    ]);
  });
});

describe('parseCsvImport on real export shapes', () => {
  it('HubSpot contacts: names, company, location, lifecycle and source vocabularies', () => {
    const r = importFile('hubspot-contacts.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4]);
    const [ada, grace, linus] = r.rows;
    expect(ada?.contact).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['ada@analytical.co.uk'],
      phones: ['+442079460018'],
      jobTitle: 'Head of Engineering',
      location: 'London, United Kingdom',
      leadStatus: 'mql',
      source: 'inbound',
    });
    expect(ada?.company).toMatchObject({
      name: 'Analytical Engines, Ltd',
      domain: 'analytical.co.uk',
      website: 'https://www.analytical.co.uk/',
    });
    expect(grace?.contact).toMatchObject({
      leadStatus: 'sql',
      source: 'referral',
      location: 'Arlington, Virginia, United States',
    });
    expect(grace?.company?.domain).toBe('cobol.example.com');
    expect(linus?.contact).toMatchObject({ name: 'Linus', lifecycle: 'customer', leadStatus: 'sql', source: 'other' });
    expect(linus?.company).toBeUndefined();
    expect(ada?.deal).toBeUndefined();
  });

  it('Pipedrive deals: value, currency, stage synonyms, won status, unknown stage as a warning', () => {
    const r = importFile('pipedrive-deals.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(3);
    const [acme, globex, initech] = r.rows;
    expect(acme?.deal).toMatchObject({
      title: 'Acme renewal',
      value: 12500,
      currency: 'USD',
      stage: 'proposal',
      expectedClose: '2024-06-30',
      stageEnteredAt: NOW,
    });
    expect(acme?.contact).toMatchObject({ name: 'Wile E. Coyote', emails: ['wile@acme.example.com'] });
    expect(acme?.company?.name).toBe('Acme Corp');
    expect(globex?.deal).toMatchObject({ stage: 'won', value: 3000, currency: 'EUR', closedAt: NOW });
    expect(initech?.deal?.stage).toBe('prospecting');
    expect(r.warnings).toEqual([
      { line: 4, reason: 'deal stage "Mystery Stage" is not one of yours; put in Prospecting' },
    ]);
  });

  it('Salesforce leads: lead status and lead source vocabularies, two phone columns', () => {
    const r = importFile('salesforce-leads.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.contact.name, x.contact.leadStatus, x.contact.source])).toEqual([
      ['Marc Benioff', 'mql', 'event'],
      ['Parker Harris', 'sql', 'referral'],
      ['Jo Bloggs', 'suspect', 'purchased-list'],
    ]);
    expect(r.rows[0]?.contact.phones).toEqual(['415 555 0100', '415 555 0199']);
    expect(r.rows[0]?.contact.location).toBe('San Francisco, CA, USA');
    expect(r.rows[2]?.company?.name).toBe('Bloggs & Co');
  });

  it('LinkedIn connections: skips the notes before the header and counts their lines', () => {
    const text = fixture('linkedin-connections.csv');
    const table = readCsv(text);
    expect(table.headerLine).toBe(4);
    const r = parseCsvImport(text, detectMapping(table.headers), opts);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.line)).toEqual([5, 6]);
    expect(r.rows[0]?.contact).toMatchObject({
      name: 'Satya Nadella',
      emails: [],
      jobTitle: 'Chairman and CEO',
      source: 'social',
      profiles: { linkedin: 'https://www.linkedin.com/in/satyanadella' },
    });
    expect(r.rows[1]?.contact.jobTitle).toBe('Partner, Investor');
    expect(r.rows[1]?.company?.name).toBe('Greylock Partners');
  });

  it('Sales Navigator: profile URL, company URL as the domain, location as written', () => {
    const r = importFile('sales-navigator.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]?.contact).toMatchObject({
      name: 'Jane Doe',
      jobTitle: 'VP Sales',
      location: 'Lyon, Auvergne-Rhône-Alpes, France',
      profiles: { linkedin: 'https://www.linkedin.com/sales/lead/ACwAAA,NAME_SEARCH' },
    });
    expect(r.rows[0]?.company).toMatchObject({
      name: 'Northwind Traders',
      domain: 'northwind.example.com',
      industry: 'Retail',
    });
  });

  it('European Excel: BOM, semicolons, decimal commas, day-first dates', () => {
    const text = fixture('european-semicolon.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = readCsv(text);
    expect(table.delimiter).toBe(';');
    expect(table.headers[0]).toBe('Vorname');
    const r = parseCsvImport(text, detectMapping(table.headers), opts);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]?.contact.name).toBe('Jürgen Müller');
    expect(r.rows[0]?.company?.name).toBe('Beispiel; GmbH');
    expect(r.rows[0]?.deal).toMatchObject({
      value: 1234.5,
      currency: 'EUR',
      expectedClose: '2024-07-15',
      stage: 'prospecting',
    });
    expect(r.rows[1]?.deal).toMatchObject({ value: 2500, expectedClose: '2024-09-01' });
  });
});

describe('bad rows and quoted multi-line cells', () => {
  const text = fixture('multiline-bad.csv');
  const r = parseCsvImport(text, detectMapping(readCsv(text).headers), opts);

  it('reports each bad row with its line in the file, counting lines inside quoted cells', () => {
    expect(r.errors).toEqual([
      { line: 5, reason: '"bob@" is not an email address' },
      { line: 8, reason: 'no name' },
    ]);
    expect(r.rows.map((x) => [x.line, x.contact.name])).toEqual([
      [2, 'Alice Ample'],
      [6, 'Carol Clean'],
      [9, 'Dan Deal'],
    ]);
    expect(r.total).toBe(5);
  });

  it('keeps quoted commas and newlines inside a cell', () => {
    expect(r.rows[0]?.company?.name).toBe('Ample, Inc.');
    const table = readCsv(text);
    expect(table.rows[0]?.cells[4]).toBe('Met at the fair;\nsaid "call me in May"\nand more');
  });

  it('handles CRLF files the same way', () => {
    const crlf = parseCsvImport(text.replace(/\n/g, '\r\n'), detectMapping(readCsv(text).headers), opts);
    expect(crlf.errors.map((e) => e.line)).toEqual([5, 8]);
    expect(crlf.rows.map((x) => x.line)).toEqual([2, 6, 9]);
  });

  it('preview maps only the first rows', () => {
    const p = preview(text, detectMapping(readCsv(text).headers), opts, 2);
    expect(p.total).toBe(2);
    expect(p.rows.map((x) => x.contact.name)).toEqual(['Alice Ample']);
    expect(p.errors).toHaveLength(1);
  });

  it('names a bad amount and a bad date', () => {
    const csv = 'Name,Email,Amount,Close Date\nEve,eve@x.example.com,lots,2024-02-30\n';
    const out = parseCsvImport(csv, detectMapping(['Name', 'Email', 'Amount', 'Close Date']), opts);
    expect(out.rows).toEqual([]);
    expect(out.errors).toEqual([{ line: 2, reason: '"lots" is not an amount; "2024-02-30" is not a date' }]);
  });
});

describe('value parsers', () => {
  it.each([
    ['1,234.56', false, 1234.56],
    ['1.234,56', false, 1234.56],
    ['1,234', false, 1234],
    ['1,5', false, 1.5],
    ['1.234', true, 1234],
    ['1.5', false, 1.5],
    ['$1,200', false, 1200],
    ['5 000', false, 5000],
    ['1,000,000', false, 1000000],
  ])('parseAmount(%s, european=%s) = %s', (raw, eu, value) => {
    expect(parseAmount(raw, eu)?.value).toBe(value);
  });
  it('reads a currency from the amount and refuses non-amounts', () => {
    expect(parseAmount('€ 12.000,00')).toEqual({ value: 12000, currency: 'EUR' });
    expect(parseAmount('12000 GBP')).toEqual({ value: 12000, currency: 'GBP' });
    expect(parseAmount('-5')).toBeUndefined();
    expect(parseAmount('n/a')).toBeUndefined();
  });
  it.each([
    ['2024-03-15', '2024-03-15'],
    ['2024-03-15 10:22', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['03/15/2024', '2024-03-15'],
    ['15/03/2024', '2024-03-15'],
    ['12 Mar 2021', '2021-03-12'],
    ['2023-02-29', undefined],
    ['soon', undefined],
  ])('parseDate(%s) = %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });
  it('maps other CRMs’ status and source values, leaving unknown ones', () => {
    expect(mapLeadStatus('Marketing Qualified Lead')).toBe('mql');
    expect(mapLeadStatus('salesqualifiedlead')).toBe('sql');
    expect(mapLeadStatus('Attempted to contact')).toBe('suspect');
    expect(mapLeadStatus('Purple')).toBeUndefined();
    const both = parseCsvImport(
      'Name,Lead Status,Lifecycle Stage\nEve,New,salesqualifiedlead\n',
      detectMapping(['Name', 'Lead Status', 'Lifecycle Stage']),
      opts,
    );
    expect(both.rows[0]?.contact.leadStatus).toBe('sql');
    expect(mapLeadSource('Webinar')).toBe('event');
    expect(mapLeadSource('Paid Social')).toBe('social');
    expect(mapLeadSource('live-chat')).toBe('live-chat');
    expect(mapLeadSource('zzz')).toBeUndefined();
  });
});

describe('export', () => {
  const base = { createdAt: NOW, updatedAt: NOW, rev: 1 };
  const company: Company = companySchema.parse({
    ...base,
    id: 'co1',
    name: 'Acme, Inc.',
    domain: 'acme.example.com',
    website: 'https://acme.example.com',
    industry: '=cmd|" /C calc"!A0',
  });
  const contact: Contact = contactSchema.parse({
    ...base,
    id: 'c1',
    name: 'Ludwig van Beethoven',
    emails: ['ludwig@acme.example.com', 'lvb@example.org'],
    phones: ['+49 30 123456'],
    jobTitle: '@SUM(1+1)*cmd|" /C calc"!A0',
    location: 'Bonn, Germany',
    companyId: 'co1',
    leadStatus: 'mql',
    source: 'event',
    tags: ['vip', 'music'],
    profiles: { linkedin: 'https://www.linkedin.com/in/lvb' },
  });
  const companies = new Map([[company.id, company]]);

  it('guards cells that a spreadsheet would run as formulas', () => {
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('+cmd')).toBe("'+cmd");
    expect(guardCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\t=1')).toBe("'\t=1");
    expect(guardCell('+4930123456')).toBe('+4930123456');
    expect(guardCell('Plain')).toBe('Plain');
  });

  it('writes contacts with HubSpot headers, guarded, and reads back to the same contact', () => {
    const csv = contactsToCsv([contact], companies);
    expect(csv.startsWith('\uFEFFFirst Name,Last Name,Email,')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { header: false, skipEmptyLines: true }).data;
    const row = Object.fromEntries((parsed[0] ?? []).map((h, i) => [h, parsed[1]?.[i]]));
    expect(row).toMatchObject({
      'First Name': 'Ludwig',
      'Last Name': 'van Beethoven',
      Email: 'ludwig@acme.example.com',
      'Phone Number': '+4930123456',
      'Job Title': `'@SUM(1+1)*cmd|" /C calc"!A0`,
      'Company Name': 'Acme, Inc.',
      'Company Domain Name': 'acme.example.com',
      City: 'Bonn',
      'Country/Region': 'Germany',
      'Lifecycle Stage': 'Marketing Qualified Lead',
    });
    const back = parseCsvImport(csv, detectMapping(readCsv(csv).headers), opts);
    expect(back.errors).toEqual([]);
    expect(back.rows[0]?.contact).toMatchObject({
      name: contact.name,
      emails: contact.emails,
      phones: contact.phones,
      jobTitle: contact.jobTitle,
      location: contact.location,
      leadStatus: 'mql',
      source: 'event',
      tags: ['vip', 'music'],
      profiles: { linkedin: 'https://www.linkedin.com/in/lvb' },
    });
    expect(back.rows[0]?.company).toMatchObject({ name: 'Acme, Inc.', domain: 'acme.example.com' });
  });

  it('writes companies and deals with HubSpot headers', () => {
    const companiesCsv = companiesToCsv([company]);
    expect(companiesCsv.split('\r\n')[0]).toBe(
      '\uFEFFCompany name,Company Domain Name,Website URL,Industry,Company Size,Description,Address,Phone Number,LinkedIn Company Page,Tags',
    );
    expect(companiesCsv).toContain(`"'=cmd|"" /C calc""!A0"`);
    const deal = dealSchema.parse({
      ...base,
      id: 'd1',
      title: 'Symphony no. 9',
      contactId: 'c1',
      companyId: 'co1',
      stage: 'proposal',
      stageEnteredAt: NOW,
      value: 9000.5,
      currency: 'EUR',
      expectedClose: '2024-06-30',
    });
    const dealsCsv = dealsToCsv([deal], new Map([[contact.id, contact]]), companies, settings.stages);
    const lines = dealsCsv.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFDeal Name,Pipeline,Deal Stage,Amount,Currency,Close Date,Deal Type,Contact Name,Email,Company Name,Company Domain Name,Lead Source,Closed Lost Reason',
    );
    expect(lines[1]).toBe(
      'Symphony no. 9,Sales Pipeline,Proposal,9000.5,EUR,2024-06-30,New Business,Ludwig van Beethoven,ludwig@acme.example.com,"Acme, Inc.",acme.example.com,other,',
    );
  });
});

describe('import rows into a merge plan', () => {
  it('dedupes the companies of a file and the contacts already in the database', () => {
    let n = 0;
    const newId = () => `id${++n}`;
    const r = importFile('sales-navigator.csv');
    const records = importRowsToRecords(r.rows, NOW, newId);
    expect(records.companies).toHaveLength(2);
    const existingJane = contactSchema.parse({
      id: 'jane',
      createdAt: 1,
      updatedAt: 1,
      rev: 3,
      name: 'J. Doe',
      emails: ['JANE@northwind.example.com'],
    });
    const plan = mergePlan({ contacts: [existingJane] }, records, 'merge', NOW);
    expect(plan.counts.companies).toEqual({ added: 1, merged: 0, skipped: 1 });
    expect(plan.counts.contacts).toEqual({ added: 1, merged: 1, skipped: 0 });
    const jane = plan.puts.contacts.find((c) => c.id === 'jane');
    expect(jane).toMatchObject({ name: 'J. Doe', jobTitle: 'VP Sales', rev: 4, companyId: 'id1' });
    const john = plan.puts.contacts.find((c) => c.name === 'John Smith');
    expect(john?.companyId).toBe('id1');
  });
});
