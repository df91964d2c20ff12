import { describe, expect, it } from 'vitest';
import {
  BACKUP_STORES,
  type BackupStores,
  emptyStores,
  MAX_ISSUES,
  type MergePlan,
  mergePlan,
  type ParseBackupResult,
  parseBackup,
  serializeBackup,
} from '../../lib/backup';
import { DB_VERSION } from '../../lib/db/migrations';
import { defaultSettings } from '../../lib/defaults';
import { type RecordOf, SCHEMAS, type StoreName } from '../../lib/records';

const NOW = Date.UTC(2024, 4, 1, 12);
const T0 = Date.UTC(2024, 0, 1);

function rec<S extends StoreName>(store: S, fields: Record<string, unknown>): RecordOf<S> {
  return SCHEMAS[store].parse({ createdAt: T0, updatedAt: T0, rev: 1, ...fields }) as RecordOf<S>;
}

/** A small database with every kind of record. */
function sample(): BackupStores {
  return {
    contacts: [
      rec('contacts', {
        id: 'c2',
        name: 'Grace Hopper',
        emails: ['grace@navy.example.mil'],
        profiles: { linkedin: 'https://www.linkedin.com/in/ghopper' },
        companyId: 'co1',
        tags: ['cobol', 'vip'],
      }),
      rec('contacts', {
        id: 'c1',
        name: 'Ada Lovelace',
        jobTitle: 'Analyst',
        location: 'London, UK',
        leadStatus: 'mql',
      }),
    ],
    companies: [rec('companies', { id: 'co1', name: 'US Navy', domain: 'navy.example.mil', industry: 'Defence' })],
    deals: [
      rec('deals', {
        id: 'd1',
        title: 'Compiler',
        contactId: 'c2',
        companyId: 'co1',
        stage: 'proposal',
        stageEnteredAt: T0,
        value: 1200.5,
        currency: 'usd',
        bant: { timeline: 'now' },
      }),
    ],
    activities: [
      rec('activities', {
        id: 'a1',
        kind: 'call',
        at: T0,
        text: 'Line one\nline "two"',
        dealId: 'd1',
        contactId: 'c2',
      }),
    ],
    notes: [rec('notes', { id: 'n1', subjectKind: 'contact', subjectId: 'c2', body: '# Research\n- ✓ done' })],
    followUps: [
      rec('followUps', { id: 'f1', dueAt: T0 + 86_400_000, dealId: 'd1', contactId: 'c2' }),
      rec('followUps', { id: 'f0', dueAt: T0, status: 'done', doneAt: T0 }),
    ],
    objections: [rec('objections', { id: 'o1', dealId: 'd1', contactId: 'c2', category: 'price', said: 'Too dear' })],
    nps: [rec('nps', { id: 'p1', contactId: 'c2', companyId: 'co1', score: 9, at: T0 })],
    settings: [defaultSettings(T0)],
  };
}

function expectError(r: ParseBackupResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(r).not.toHaveProperty('backup');
  return r.error;
}

describe('serializeBackup / parseBackup round trip', () => {
  it('export → import → export gives the same bytes', () => {
    const first = serializeBackup(sample(), NOW, DB_VERSION);
    const parsed = parseBackup(first);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const second = serializeBackup(parsed.backup.stores, parsed.backup.exportedAt, parsed.backup.schemaVersion);
    expect(second).toBe(first);
    expect(parsed.backup).toMatchObject({
      format: 'leadline-backup',
      version: 1,
      exportedAt: NOW,
      schemaVersion: DB_VERSION,
    });
  });

  it('is stable: record order and key order of the input do not matter', () => {
    const a = sample();
    const b = sample();
    b.contacts.reverse();
    b.followUps.reverse();
    const shuffled = Object.fromEntries(Object.entries(b.deals[0] as object).reverse());
    b.deals = [shuffled as RecordOf<'deals'>];
    expect(serializeBackup(b, NOW, 1)).toBe(serializeBackup(a, NOW, 1));
  });

  it('writes records sorted by id, id first, 2-space indent, without derived keys; parse recomputes them', () => {
    const text = serializeBackup(sample(), NOW, 1);
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['format', 'version', 'exportedAt', 'schemaVersion', 'stores']);
    expect(Object.keys(json.stores)).toEqual([...BACKUP_STORES]);
    expect(json.stores.contacts.map((c: { id: string }) => c.id)).toEqual(['c1', 'c2']);
    expect(Object.keys(json.stores.contacts[1])[0]).toBe('id');
    expect(text).toContain('\n  "format": "leadline-backup",\n');
    expect(text).not.toMatch(/"(profileKeys|nameKey|openDue)"/);
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const grace = parsed.backup.stores.contacts.find((c) => c.id === 'c2');
    expect(grace?.profileKeys).toEqual(['linkedin.com/in/ghopper']);
    expect(grace?.nameKey).toBe('grace hopper');
    expect(parsed.backup.stores.followUps.find((f) => f.id === 'f1')?.openDue).toBe(T0 + 86_400_000);
    expect(parsed.backup.stores.followUps.find((f) => f.id === 'f0')?.openDue).toBeUndefined();
  });

  it('reads a file with a BOM and treats a missing store as empty', () => {
    const json = JSON.parse(serializeBackup(sample(), NOW, 1));
    delete json.stores.nps;
    const r = parseBackup(`\uFEFF${JSON.stringify(json)}`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.backup.stores.nps).toEqual([]);
    expect(r.backup.stores.contacts).toHaveLength(2);
  });
});

describe('parseBackup refuses bad files with a clear message and no data', () => {
  const good = serializeBackup(sample(), NOW, 1);

  it('a truncated file', () => {
    const e = expectError(parseBackup(good.slice(0, Math.floor(good.length / 2))));
    expect(e.problem).toBe('not-json');
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/truncated/);
  });

  it('a corrupted file, naming where', () => {
    const at = good.indexOf('"Ada Lovelace"');
    const corrupted = `${good.slice(0, at)}#${good.slice(at + 1)}`;
    const before = good.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const e = expectError(parseBackup(corrupted));
    expect(e.problem).toBe('not-json');
    expect(e.message).toContain(`line ${line}, column ${column}`);
    expect(e.message).toMatch(/corrupted/);
  });

  it('an empty file', () => {
    expect(expectError(parseBackup('  \n')).problem).toBe('empty');
  });

  it('JSON that is not a Leadline backup', () => {
    const other = expectError(parseBackup(JSON.stringify({ format: 'other-crm', version: 1 })));
    expect(other.problem).toBe('wrong-format');
    expect(other.message).toBe(
      'This is not a Leadline backup (its format is "other-crm"). Choose a file Leadline exported.',
    );
    expect(expectError(parseBackup('[1,2,3]')).problem).toBe('wrong-format');
  });

  it('a backup from a newer Leadline, or with no usable version', () => {
    const json = JSON.parse(good);
    const newer = expectError(parseBackup(JSON.stringify({ ...json, version: 2 })));
    expect(newer.problem).toBe('newer-version');
    expect(newer.message).toMatch(/made by a newer Leadline \(backup format 2; this one reads up to 1\)/);
    const newerSchema = expectError(parseBackup(JSON.stringify({ ...json, schemaVersion: DB_VERSION + 1 })));
    expect(newerSchema.problem).toBe('newer-version');
    expect(newerSchema.message).toContain(`database version ${DB_VERSION + 1}`);
    expect(expectError(parseBackup(JSON.stringify({ ...json, version: '1' }))).problem).toBe('bad-version');
    expect(expectError(parseBackup(JSON.stringify({ ...json, version: 0 }))).problem).toBe('bad-version');
  });

  it('an oversized file, by UTF-8 bytes', () => {
    const e = expectError(parseBackup(good, { maxBytes: 1000 }));
    expect(e.problem).toBe('too-large');
    expect(e.message).toMatch(/more than the 0 MB a backup may be/);
    // 400 characters, 1,200 bytes: over a 1,000-byte limit though under it in characters.
    expect(expectError(parseBackup('€'.repeat(400), { maxBytes: 1000 })).problem).toBe('too-large');
    expect(parseBackup(good, { maxBytes: new TextEncoder().encode(good).length }).ok).toBe(true);
    expect(parseBackup(good, { maxBytes: new TextEncoder().encode(good).length - 1 }).ok).toBe(false);
  });

  it('an invalid record deep inside, named by store, index, id, field and reason', () => {
    const stores = sample();
    for (let i = 0; i < 60; i++)
      stores.contacts.push(rec('contacts', { id: `x${String(i).padStart(3, '0')}`, name: `P ${i}` }));
    const json = JSON.parse(serializeBackup(stores, NOW, 1));
    // Sorted by id: c1, c2, x000… so x040 is at index 42.
    json.stores.contacts[42].emails = ['bob@'];
    json.stores.deals[0].stage = '';
    const e = expectError(parseBackup(JSON.stringify(json)));
    expect(e.problem).toBe('invalid-records');
    expect(e.issues).toEqual([
      { store: 'contacts', index: 42, id: 'x040', path: 'emails.0', message: '"bob@" is not an email address' },
      { store: 'deals', index: 0, id: 'd1', path: 'stage', message: expect.stringMatching(/>=1 characters/) },
    ]);
    expect(e.message.split('\n')).toEqual([
      '2 records in this backup are not valid, so nothing was imported:',
      'contacts[42] (id x040): emails.0: "bob@" is not an email address',
      expect.stringMatching(/^deals\[0\] \(id d1\): stage: /),
    ]);
  });

  it('lists the first 20 problems and counts the rest', () => {
    const json = JSON.parse(good);
    for (let i = 0; i < 25; i++) json.stores.notes.push({ id: `bad${i}`, body: 'x' });
    const e = expectError(parseBackup(JSON.stringify(json)));
    expect(e.issues).toHaveLength(MAX_ISSUES);
    expect(e.message).toMatch(/^25 records in this backup are not valid/);
    // Each bad note lacks 5 fields: 125 problems, 20 listed.
    expect(e.message).toMatch(/…and 105 more\.$/);
  });

  it('duplicate ids, two settings records, an unknown store, a store that is not a list', () => {
    const json = JSON.parse(good);
    const dup = expectError(
      parseBackup(
        JSON.stringify({
          ...json,
          stores: { ...json.stores, contacts: [json.stores.contacts[0], json.stores.contacts[0]] },
        }),
      ),
    );
    expect(dup.issues?.[0]).toMatchObject({
      store: 'contacts',
      index: 1,
      id: 'c1',
      message: 'the same id appears twice',
    });
    const twoSettings = { ...json.stores, settings: [json.stores.settings[0], json.stores.settings[0]] };
    expect(expectError(parseBackup(JSON.stringify({ ...json, stores: twoSettings }))).issues?.[0]?.message).toBe(
      'a backup holds one settings record',
    );
    const unknown = expectError(parseBackup(JSON.stringify({ ...json, stores: { ...json.stores, invoices: [] } })));
    expect(unknown.problem).toBe('wrong-format');
    expect(unknown.message).toContain('"invoices"');
    const notList = expectError(parseBackup(JSON.stringify({ ...json, stores: { ...json.stores, deals: {} } })));
    expect(notList.message).toContain('"deals" is not a list of records');
  });
});

/** What the repository would hold after writing `plan` over `existing`. */
function apply(existing: BackupStores, plan: MergePlan): BackupStores {
  const out = emptyStores();
  for (const store of BACKUP_STORES) {
    const map = new Map<string, unknown>(plan.clearFirst ? [] : existing[store].map((r) => [r.id, r]));
    for (const r of plan.puts[store]) map.set(r.id, SCHEMAS[store].parse(r));
    (out[store] as unknown[]) = [...map.values()];
  }
  return out;
}

describe('mergePlan', () => {
  it('replace: clears first and puts every incoming record as it is', () => {
    const incoming = sample();
    const plan = mergePlan({ contacts: [rec('contacts', { id: 'old', name: 'Old' })] }, incoming, 'replace', NOW);
    expect(plan.clearFirst).toBe(true);
    expect(plan.puts).toEqual(incoming);
    expect(plan.counts.contacts).toEqual({ added: 2, merged: 0, skipped: 0 });
    expect(
      apply(emptyStores(), plan)
        .contacts.map((c) => c.id)
        .sort(),
    ).toEqual(['c1', 'c2']);
  });

  it('merge: dedupes contacts and companies and remaps the records that point at them', () => {
    const existing = sample();
    const incoming: Partial<BackupStores> = {
      companies: [
        // Same domain → the Navy; brings a website.
        rec('companies', {
          id: 'in-co1',
          name: 'Navy',
          domain: 'navy.example.mil',
          website: 'https://navy.example.mil',
        }),
        // Same folded name, no domain → the Navy; nothing new.
        rec('companies', { id: 'in-co2', name: 'us-navy', industry: 'Other' }),
        // Same name but another domain → a different company.
        rec('companies', { id: 'in-co3', name: 'US Navy', domain: 'navy.example.uk' }),
      ],
      contacts: [
        // Same email (different case) → Grace.
        rec('contacts', {
          id: 'in-c1',
          name: 'Grace B. Hopper',
          emails: ['GRACE@navy.example.mil'],
          phones: ['+1 555 010 0100'],
        }),
        // Same LinkedIn profile, written another way → Grace; nothing new.
        rec('contacts', { id: 'in-c2', name: 'G. Hopper', profiles: { linkedin: 'http://linkedin.com/in/GHopper/' } }),
        // Same folded name at the same company (after the company remap) → Grace.
        rec('contacts', { id: 'in-c3', name: 'grace hopper', companyId: 'in-co1', tags: ['admiral'] }),
        // Same name, no company → a new person.
        rec('contacts', { id: 'in-c4', name: 'Grace Hopper' }),
        // Same email as the new in-c4? No: a new person twice in the file → merged into the first.
        rec('contacts', { id: 'in-c5', name: 'Alan Turing', emails: ['alan@example.org'] }),
        rec('contacts', { id: 'in-c6', name: 'A. M. Turing', emails: ['alan@example.org'], jobTitle: 'Mathematician' }),
      ],
      deals: [
        rec('deals', {
          id: 'in-d1',
          title: 'Training',
          contactId: 'in-c1',
          companyId: 'in-co2',
          stage: 'meeting',
          stageEnteredAt: T0,
        }),
        rec('deals', { id: 'in-d2', title: 'Enigma', contactId: 'in-c6', stage: 'meeting', stageEnteredAt: T0 }),
      ],
      activities: [rec('activities', { id: 'in-a1', kind: 'email', at: T0, dealId: 'in-d1', contactId: 'in-c2' })],
      notes: [
        rec('notes', { id: 'in-n1', subjectKind: 'company', subjectId: 'in-co2', body: 'x' }),
        rec('notes', { id: 'in-n2', subjectKind: 'contact', subjectId: 'in-c6', body: 'y' }),
      ],
      followUps: [rec('followUps', { id: 'in-f1', dueAt: T0, contactId: 'in-c3', dealId: 'in-d1' })],
      objections: [
        rec('objections', { id: 'in-o1', dealId: 'in-d1', contactId: 'in-c1', category: 'timing', said: 'Later' }),
      ],
      nps: [rec('nps', { id: 'in-p1', contactId: 'in-c3', companyId: 'in-co1', score: 3, at: T0 })],
    };
    const plan = mergePlan(existing, incoming, 'merge', NOW);
    expect(plan.clearFirst).toBe(false);
    expect(plan.idMap).toEqual({
      companies: { 'in-co1': 'co1', 'in-co2': 'co1' },
      contacts: { 'in-c1': 'c2', 'in-c2': 'c2', 'in-c3': 'c2', 'in-c6': 'in-c5' },
    });
    expect(plan.counts.companies).toEqual({ added: 1, merged: 1, skipped: 1 });
    expect(plan.counts.contacts).toEqual({ added: 2, merged: 3, skipped: 1 });
    expect(plan.counts.deals).toEqual({ added: 2, merged: 0, skipped: 0 });

    const navy = plan.puts.companies.find((c) => c.id === 'co1');
    expect(navy).toMatchObject({
      name: 'US Navy',
      website: 'https://navy.example.mil/',
      industry: 'Defence',
      rev: 2,
      updatedAt: NOW,
    });
    const grace = plan.puts.contacts.find((c) => c.id === 'c2');
    expect(grace).toMatchObject({
      name: 'Grace Hopper',
      emails: ['grace@navy.example.mil'],
      phones: ['+15550100100'],
      tags: ['cobol', 'vip', 'admiral'],
      rev: 2,
      nameKey: 'grace hopper',
    });
    const alan = plan.puts.contacts.find((c) => c.id === 'in-c5');
    expect(alan).toMatchObject({ name: 'Alan Turing', jobTitle: 'Mathematician', rev: 1 });

    const d1 = plan.puts.deals.find((d) => d.id === 'in-d1');
    expect(d1).toMatchObject({ contactId: 'c2', companyId: 'co1' });
    expect(plan.puts.deals.find((d) => d.id === 'in-d2')?.contactId).toBe('in-c5');
    expect(plan.puts.activities[0]).toMatchObject({ dealId: 'in-d1', contactId: 'c2' });
    expect(plan.puts.notes.map((n) => n.subjectId)).toEqual(['co1', 'in-c5']);
    expect(plan.puts.followUps[0]?.contactId).toBe('c2');
    expect(plan.puts.objections[0]?.contactId).toBe('c2');
    expect(plan.puts.nps[0]).toMatchObject({ contactId: 'c2', companyId: 'co1' });
    // Every record to put passes its schema.
    for (const store of BACKUP_STORES)
      for (const r of plan.puts[store]) expect(SCHEMAS[store].safeParse(r).success).toBe(true);

    // Merging the same file again changes nothing.
    const after = apply(existing, plan);
    const again = mergePlan(after, incoming, 'merge', NOW + 1);
    for (const store of BACKUP_STORES) expect(again.puts[store]).toEqual([]);
    expect(again.counts.contacts).toEqual({ added: 0, merged: 0, skipped: 6 });
  });

  it('merge: the newer copy of a record by the same id wins, with its rev past the stored one', () => {
    const existing = sample();
    const newerDeal = { ...(existing.deals[0] as RecordOf<'deals'>), value: 5000, updatedAt: T0 + 10, rev: 1 };
    const olderNote = { ...(existing.notes[0] as RecordOf<'notes'>), body: 'old', updatedAt: T0 - 10 };
    const existingDeal = { ...(existing.deals[0] as RecordOf<'deals'>), rev: 4 };
    const plan = mergePlan(
      { ...existing, deals: [existingDeal] },
      { deals: [newerDeal], notes: [olderNote] },
      'merge',
      NOW,
    );
    expect(plan.puts.deals).toEqual([{ ...newerDeal, rev: 5, updatedAt: NOW }]);
    expect(plan.counts.deals).toEqual({ added: 0, merged: 1, skipped: 0 });
    expect(plan.puts.notes).toEqual([]);
    expect(plan.counts.notes).toEqual({ added: 0, merged: 0, skipped: 1 });
  });

  it('merge: adds an open stage the database lacks, and maps a Won stage to its own', () => {
    const existing = sample();
    const theirs = defaultSettings(T0);
    theirs.stages.splice(3, 0, {
      id: 'demo',
      name: 'Demo',
      probability: 0.3,
      kind: 'open',
      exitChecklist: [],
      answers: [],
    });
    theirs.stages = theirs.stages.map((s) => (s.id === 'won' ? { ...s, id: 'closed-won' } : s));
    const plan = mergePlan(
      existing,
      {
        settings: [theirs],
        deals: [
          rec('deals', { id: 'x1', title: 'A', stage: 'demo', stageEnteredAt: T0 }),
          rec('deals', { id: 'x2', title: 'B', stage: 'closed-won', stageEnteredAt: T0 }),
          rec('deals', { id: 'x3', title: 'C', stage: 'nowhere', stageEnteredAt: T0 }),
        ],
        activities: [
          rec('activities', { id: 'x4', kind: 'stage-change', at: T0, fromStage: 'demo', toStage: 'closed-won' }),
        ],
      },
      'merge',
      NOW,
    );
    expect(plan.stageMap).toEqual({ 'closed-won': 'won', nowhere: 'prospecting' });
    expect(plan.puts.settings[0]?.stages.map((s) => s.id)).toEqual([
      'prospecting',
      'qualification',
      'meeting',
      'demo',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(plan.puts.settings[0]?.rev).toBe(2);
    expect(plan.counts.settings).toEqual({ added: 0, merged: 1, skipped: 0 });
    expect(plan.puts.deals.map((d) => d.stage)).toEqual(['demo', 'won', 'prospecting']);
    expect(plan.puts.activities[0]).toMatchObject({ fromStage: 'demo', toStage: 'won' });
    expect(SCHEMAS.settings.safeParse(plan.puts.settings[0]).success).toBe(true);
  });
});
