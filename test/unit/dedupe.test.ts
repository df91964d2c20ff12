import { describe, expect, it } from 'vitest';
import {
  type ClipDraft,
  companyMatch,
  companyNameKey,
  dedupeKeys,
  diffClip,
  findMatch,
  mergeClip,
  neverCaptureMatches,
} from '../../lib/dedupe';
import { clipDraftSchema, type ClipDraft as MessageDraft } from '../../lib/protocol';
import { type Company, type Contact, companySchema, contactSchema } from '../../lib/records';

const base = { createdAt: 1, updatedAt: 1, rev: 1 };

function contact(id: string, fields: Record<string, unknown>, updatedAt = 1): Contact {
  return contactSchema.parse({ ...base, updatedAt, id, ...fields });
}
function company(id: string, fields: Record<string, unknown>, createdAt = 1): Company {
  return companySchema.parse({ ...base, createdAt, id, ...fields });
}
function draft(person: Partial<ClipDraft['person']>, companyFields?: ClipDraft['company']): ClipDraft {
  return {
    person: { fullName: 'José Núñez', emails: [], phones: [], ...person },
    ...(companyFields ? { company: companyFields } : {}),
    sourceUrl: 'https://www.linkedin.com/in/jose-nunez/',
  };
}

const acme = company('co-acme', { name: 'Acme, Inc.', domain: 'acme.com' });
const globex = company('co-globex', { name: 'Globex', domain: 'globex.com' });
const companies = new Map([
  [acme.id, acme],
  [globex.id, globex],
]);

describe('dedupeKeys', () => {
  it('normalises emails and profile links and folds name and company', () => {
    const k = dedupeKeys(
      draft(
        {
          fullName: '  JOSÉ   núñez ',
          emails: ['Jose@Acme.com', 'mailto:jose@acme.com', 'not-an-email'],
          linkedin: 'https://it.linkedin.com/in/Jose-Nunez/?trk=abc',
          twitter: 'https://x.com/josen',
          website: 'https://jose.dev',
        },
        { name: 'ÁCME  Corp' },
      ),
    );
    expect(k.emails).toEqual(['jose@acme.com']);
    expect(k.profileKeys).toEqual(['linkedin.com/in/jose-nunez', 'twitter.com/josen']);
    expect(k.nameKey).toBe('jose nunez');
    expect(k.nameCompanyKey).toBe('jose nunez|acme corp');
  });

  it('uses the domain when the company has no name, and has no name key without a company', () => {
    expect(dedupeKeys(draft({}, { name: '', domain: 'WWW.Acme.com' })).nameCompanyKey).toBe('jose nunez|acme com');
    expect(dedupeKeys(draft({})).nameCompanyKey).toBeUndefined();
  });
});

describe('the capture message payload', () => {
  it('is a ClipDraft, so the background can dedupe what it parsed', () => {
    // Type-level contract: fails to compile if lib/protocol's draft stops fitting.
    const asDraft = (d: MessageDraft): ClipDraft => d;
    const parsed = clipDraftSchema.parse({
      person: { fullName: 'Ann Lee', emails: ['ANN@globex.com'] },
      company: { name: 'Globex' },
      sourceUrl: 'https://globex.com/team',
    });
    expect(dedupeKeys(asDraft(parsed))).toEqual({
      emails: ['ann@globex.com'],
      profileKeys: [],
      nameKey: 'ann lee',
      nameCompanyKey: 'ann lee|globex',
    });
  });
});

describe('findMatch', () => {
  const byEmail = contact('c-email', { name: 'J. Nunez', emails: ['jose@acme.com'] });
  const byProfile = contact('c-profile', {
    name: 'Jose Nunez',
    profiles: { linkedin: 'https://www.linkedin.com/in/jose-nunez' },
  });
  const byName = contact('c-name', { name: 'jose  NUNEZ', companyId: 'co-acme' });

  it('prefers an email match over a profile or name match', () => {
    const m = findMatch(
      draft({ emails: ['JOSE@acme.com'], linkedin: 'https://linkedin.com/in/jose-nunez/' }, { name: 'Acme' }),
      { byEmail: [byEmail], byProfile: [byProfile], byName: [byName] },
      companies,
    );
    expect(m?.contact.id).toBe('c-email');
    expect(m?.reason).toBe('email');
  });

  it('matches by profile when no email matches', () => {
    const m = findMatch(
      draft({ emails: ['other@x.com'], linkedin: 'https://de.linkedin.com/in/JOSE-NUNEZ?x=1' }),
      { byEmail: [byEmail], byProfile: [byProfile], byName: [] },
      companies,
    );
    expect(m).toEqual({ contact: byProfile, reason: 'profile' });
  });

  it('matches a folded name only at the same company (by name or domain)', () => {
    const candidates = { byEmail: [], byProfile: [], byName: [byName] };
    expect(findMatch(draft({ fullName: 'José Núñez' }, { name: 'ACME' }), candidates, companies)?.reason).toBe(
      'name-company',
    );
    expect(
      findMatch(
        draft({ fullName: 'Jose Nunez' }, { name: 'Acme Europe', website: 'https://www.acme.com/eu' }),
        candidates,
        companies,
      )?.contact.id,
    ).toBe('c-name');
    expect(findMatch(draft({ fullName: 'José Núñez' }, { name: 'Globex' }), candidates, companies)).toBeUndefined();
    expect(findMatch(draft({ fullName: 'José Núñez' }), candidates, companies)).toBeUndefined();
  });

  it('re-checks candidates and picks the one sharing most keys, then the newest', () => {
    const stale = contact('c-a', { name: 'A', emails: ['jose@acme.com'] }, 5);
    const both = contact('c-b', { name: 'B', emails: ['jose@acme.com', 'jn@gmail.com'] }, 2);
    const unrelated = contact('c-c', { name: 'C', emails: ['zzz@acme.com'] }, 9);
    const m = findMatch(
      draft({ emails: ['jose@acme.com', 'jn@gmail.com'] }),
      { byEmail: [unrelated, stale, both], byProfile: [], byName: [] },
      companies,
    );
    expect(m?.contact.id).toBe('c-b');
    const newer = findMatch(
      draft({ emails: ['jose@acme.com'] }),
      { byEmail: [unrelated, both, stale], byProfile: [], byName: [] },
      companies,
    );
    expect(newer?.contact.id).toBe('c-a');
  });
});

describe('companyMatch', () => {
  it('matches by domain first, then by name with legal forms ignored', () => {
    expect(companyMatch({ name: 'Something else', website: 'https://www.acme.com' }, [acme], [])).toEqual({
      company: acme,
      reason: 'domain',
    });
    expect(companyMatch({ name: 'ACME' }, [], [acme])).toEqual({ company: acme, reason: 'name' });
    expect(companyNameKey('Acme, Inc.')).toBe('acme');
    expect(companyNameKey('Limited')).toBe('limited');
  });

  it('does not match two companies that share a name but not a domain', () => {
    expect(companyMatch({ name: 'Acme', domain: 'acme.io' }, [], [acme])).toBeUndefined();
    expect(companyMatch(undefined, [acme], [acme])).toBeUndefined();
  });
});

describe('diffClip', () => {
  const existing = contact('c1', {
    name: 'José Núñez',
    jobTitle: 'VP Sales',
    location: 'Madrid',
    emails: ['jose@acme.com'],
    phones: ['+34911234567'],
    companyId: 'co-acme',
    profiles: { linkedin: 'https://www.linkedin.com/in/jose-nunez/' },
  });

  it('sees no change when values differ only in case, accents, spacing or link form', () => {
    const d = diffClip(
      existing,
      acme,
      draft(
        {
          fullName: 'jose  nunez',
          jobTitle: 'vp  sales',
          location: 'MADRID',
          emails: ['JOSE@ACME.COM'],
          phones: ['+34 91 123 45 67'],
          linkedin: 'https://es.linkedin.com/in/jose-nunez?trk=1',
        },
        { name: 'ACME Inc' },
      ),
    );
    expect(d).toEqual({ changes: [], jobChange: false });
  });

  it('flags a new title as a job change', () => {
    const d = diffClip(existing, acme, draft({ jobTitle: 'Chief Revenue Officer' }, { name: 'Acme' }));
    expect(d.jobChange).toBe(true);
    expect(d.changes).toEqual([{ field: 'jobTitle', before: 'VP Sales', after: 'Chief Revenue Officer' }]);
  });

  it('flags a new company as a job change, and lists new emails as added', () => {
    const d = diffClip(
      existing,
      acme,
      draft({ emails: ['jose@globex.com'] }, { name: 'Globex', domain: 'globex.com' }),
    );
    expect(d.jobChange).toBe(true);
    expect(d.changes).toEqual([
      { field: 'company', before: 'Acme, Inc.', after: 'Globex' },
      { field: 'emails', before: ['jose@acme.com'], after: ['jose@acme.com', 'jose@globex.com'] },
    ]);
  });

  it('does not call filling an empty title or company a job change, nor an empty draft field a removal', () => {
    const bare = contact('c2', { name: 'Ann Lee' });
    const d = diffClip(bare, undefined, draft({ fullName: 'Ann Lee', jobTitle: 'CTO' }, { name: 'Globex' }));
    expect(d.jobChange).toBe(false);
    expect(d.changes.map((c) => c.field)).toEqual(['jobTitle', 'company']);
    expect(diffClip(existing, acme, draft({ jobTitle: '', location: '  ' })).changes).toEqual([]);
  });
});

describe('mergeClip', () => {
  const existing = contact('c1', {
    name: 'José Núñez',
    jobTitle: 'VP Sales',
    emails: ['jose@acme.com', 'jn@gmail.com'],
    phones: ['+34911234567'],
    profiles: { linkedin: 'https://www.linkedin.com/in/jose-nunez/' },
    companyId: 'co-acme',
  });

  it('keeps old emails and phones and adds the new ones, updating title, location and company', () => {
    const patch = mergeClip(
      existing,
      draft(
        {
          fullName: 'JOSE NUNEZ',
          jobTitle: 'CRO',
          location: 'Lisbon',
          emails: ['jose@globex.com', 'JOSE@ACME.COM'],
          phones: ['+351 21 000 0000'],
          github: 'https://github.com/josen',
        },
        { name: 'Globex' },
      ),
      1_000,
      { companyId: 'co-globex' },
    );
    expect(patch).toEqual({
      clippedAt: 1_000,
      clippedFrom: 'https://www.linkedin.com/in/jose-nunez/',
      jobTitle: 'CRO',
      location: 'Lisbon',
      emails: ['jose@acme.com', 'jn@gmail.com', 'jose@globex.com'],
      phones: ['+34911234567', '+351210000000'],
      profiles: { linkedin: 'https://www.linkedin.com/in/jose-nunez/', github: 'https://github.com/josen' },
      companyId: 'co-globex',
    });
    expect('rev' in patch).toBe(false);
  });

  it('changes nothing but the clip time when the draft has nothing new', () => {
    const patch = mergeClip(existing, { ...draft({ jobTitle: 'vp sales' }), sourceUrl: 'javascript:alert(1)' }, 5, {
      companyId: 'co-acme',
    });
    expect(patch).toEqual({ clippedAt: 5 });
  });
});

describe('neverCaptureMatches', () => {
  const list = ['bank.com', 'https://intranet.acme.com/x', ' *.Health.org ', 'www.mail.example'];

  it.each([
    ['https://bank.com/login', true],
    ['https://www.bank.com/', true],
    ['https://secure.bank.com/a?b', true],
    ['https://notbank.com/', false],
    ['https://bank.com.evil.net/', false],
    ['https://intranet.acme.com/other/page', true],
    ['https://www.acme.com/', false],
    ['https://portal.health.org/', true],
    ['https://mail.example/inbox', true],
    ['https://BANK.COM./x', true],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(neverCaptureMatches(url, list)).toBe(expected);
  });

  it('matches nothing with an empty list or blank entries', () => {
    expect(neverCaptureMatches('https://bank.com', [])).toBe(false);
    expect(neverCaptureMatches('https://bank.com', ['', '  '])).toBe(false);
  });
});
