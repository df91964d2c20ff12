import { describe, expect, it } from 'vitest';
import { companySchema, contactSchema, noteSchema } from '../../lib/records';
import { buildIndex, searchAll, updateIndex } from '../../lib/search';

const base = { createdAt: 1, updatedAt: 1, rev: 1 };
const contacts = [
  contactSchema.parse({
    ...base,
    id: 'c1',
    name: 'Jonathan Smith',
    jobTitle: 'VP Sales',
    location: 'Berlin',
    emails: ['jon@globex.com'],
  }),
  contactSchema.parse({ ...base, id: 'c2', name: 'José Núñez', jobTitle: 'CTO', emails: ['jose@acme.com'] }),
  contactSchema.parse({ ...base, id: 'c3', name: 'Maria Rossi', jobTitle: 'Head of Sales', tags: ['conference'] }),
  contactSchema.parse({ ...base, id: 'c4', name: "Liam O'Neil", location: 'Dublin' }),
];
const companies = [
  companySchema.parse({ ...base, id: 'co1', name: 'Acme Corporation', domain: 'acme.com', industry: 'Software' }),
  companySchema.parse({ ...base, id: 'co2', name: 'Globex', domain: 'globex.com' }),
];
const notes = [
  noteSchema.parse({
    ...base,
    id: 'n1',
    subjectKind: 'company',
    subjectId: 'co1',
    body: 'Acme raised a Series B; **Kubernetes** migration planned for Q3.',
    pageTitle: 'Acme funding news',
  }),
];
const index = () => buildIndex({ contacts, companies, notes });
const ids = (hits: { kind: string; id: string }[]) => hits.map((h) => `${h.kind}:${h.id}`);

describe('searchAll', () => {
  it('finds by prefix of the word being typed', () => {
    expect(ids(searchAll(index(), 'jonat'))).toEqual(['contact:c1']);
    expect(ids(searchAll(index(), 'maria ros'))).toEqual(['contact:c3']);
  });

  it('forgives a short typo', () => {
    expect(ids(searchAll(index(), 'jonathn'))).toEqual(['contact:c1']);
    expect(ids(searchAll(index(), 'kubernets'))).toEqual(['note:n1']);
    // Short words are not fuzzy: "cto" must not find "co…" words by one edit.
    expect(ids(searchAll(index(), 'cto'))).toEqual(['contact:c2']);
  });

  it('folds accents, case and apostrophes, on both sides', () => {
    expect(ids(searchAll(index(), 'JOSE nunez'))).toEqual(['contact:c2']);
    expect(ids(searchAll(index(), 'oneil'))).toEqual(['contact:c4']);
    expect(ids(searchAll(index(), 'núñ'))).toEqual(['contact:c2']);
  });

  it('needs every word, and ranks names above other fields', () => {
    expect(ids(searchAll(index(), 'sales berlin'))).toEqual(['contact:c1']);
    const acme = ids(searchAll(index(), 'acme'));
    expect(acme[0]).toBe('company:co1');
    expect(acme).toEqual(expect.arrayContaining(['company:co1', 'contact:c2', 'note:n1']));
    expect(acme).toHaveLength(3);
  });

  it('handles a one- or two-letter last word without expanding it over the whole index', () => {
    expect(ids(searchAll(index(), 'maria r'))).toEqual(['contact:c3']);
    expect(ids(searchAll(index(), 'maria x'))).toEqual([]);
    expect(ids(searchAll(index(), 'jo'))).toEqual(expect.arrayContaining(['contact:c1', 'contact:c2']));
    expect(ids(searchAll(index(), 'vp'))).toEqual(['contact:c1']);
  });

  it('lists names with a word starting with a lone short word, alphabetically, then whole-word hits elsewhere', () => {
    // Name words starting with "a": "acme" (co1), "acme" in the note title (n1); "ber" is not a name.
    expect(ids(searchAll(index(), 'a'))).toEqual(['company:co1', 'note:n1']);
    // "jo": Jonathan (c1) sorts before José (c2, folded "jose"): "jon" < "jos".
    expect(ids(searchAll(index(), 'jo'))).toEqual(['contact:c1', 'contact:c2']);
    expect(ids(searchAll(index(), 'o'))).toEqual(['contact:c4']);
    expect(searchAll(index(), 'jo', 1)).toHaveLength(1);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchAll(index(), '  ')).toEqual([]);
    expect(searchAll(index(), 'acme', 1)).toHaveLength(1);
    const hit = searchAll(index(), 'globex')[0];
    expect(hit?.kind).toBe('company');
    expect(hit?.id).toBe('co2');
    expect(hit?.score).toBeGreaterThan(0);
  });
});

describe('typos', () => {
  const people = ['Jonathan Reyes', 'Jonathon Reyes'].map((name, i) =>
    contactSchema.parse({ ...base, id: `p${i}`, name }),
  );
  it('come after every exact match', () => {
    const idx = buildIndex({ contacts: people });
    expect(ids(searchAll(idx, 'jonathan reyes'))).toEqual(['contact:p0', 'contact:p1']);
    expect(ids(searchAll(idx, 'jonathan reyes', 1))).toEqual(['contact:p0']);
    expect(ids(searchAll(idx, 'jonathon'))).toEqual(['contact:p1', 'contact:p0']);
  });
});

describe('updateIndex', () => {
  it('replaces changed records and drops removed ones', () => {
    const idx = index();
    const renamed = contactSchema.parse({ ...base, id: 'c1', name: 'Johanna Schmidt' });
    const added = contactSchema.parse({ ...base, id: 'c9', name: 'Zoë Adams' });
    updateIndex(idx, { contacts: [renamed, added] }, [
      { kind: 'company', id: 'co2' },
      { kind: 'note', id: 'never-indexed' },
    ]);
    expect(searchAll(idx, 'jonathan')).toEqual([]);
    expect(ids(searchAll(idx, 'johanna'))).toEqual(['contact:c1']);
    expect(ids(searchAll(idx, 'zoe'))).toEqual(['contact:c9']);
    expect(ids(searchAll(idx, 'globex'))).toEqual([]);
    expect(ids(searchAll(idx, 'johanna s'))).toEqual(['contact:c1']);
    // The short-word list follows too: the old name's words are gone, the new ones are in.
    expect(ids(searchAll(idx, 'jo'))).toEqual(['contact:c1', 'contact:c2']);
    expect(ids(searchAll(idx, 'sc'))).toEqual(['contact:c1']);
    expect(searchAll(idx, 'gl')).toEqual([]);
    expect(ids(searchAll(idx, 'z'))).toEqual(['contact:c9']);
    // New words are found by their start too.
    expect(ids(searchAll(idx, 'zo'))).toEqual(['contact:c9']);
    expect(ids(searchAll(idx, 'schm'))).toEqual(['contact:c1']);
    updateIndex(idx, { contacts: [contactSchema.parse({ ...base, id: 'c1', name: 'Ann Lee' })] });
    expect(ids(searchAll(idx, 'jo'))).toEqual(['contact:c2']);
  });
});
