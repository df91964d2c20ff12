import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import { contactSchema, followUpSchema, settingsSchema } from '../../lib/records';

const base = { id: 'c1', createdAt: 1, updatedAt: 1, rev: 1 };

describe('records', () => {
  it('normalises a contact on the way in', () => {
    const c = contactSchema.parse({
      ...base,
      name: '  José   Núñez ',
      emails: ['Jose@Example.COM', 'mailto:jose@example.com'],
      phones: ['+39 (0) 06 1234 5678'],
      profiles: { linkedin: 'https://it.linkedin.com/in/jose-nunez/?trk=x' },
    });
    expect(c.name).toBe('José Núñez');
    expect(c.emails).toEqual(['jose@example.com']);
    expect(c.phones).toEqual(['+390612345678']);
    expect(c.profileKeys).toEqual(['linkedin.com/in/jose-nunez']);
    expect(c.nameKey).toBe('jose nunez');
    expect(c.leadStatus).toBe('suspect');
  });

  it('refuses non-http links and bad emails with a clear message', () => {
    const r = contactSchema.safeParse({ ...base, name: 'x', profiles: { website: 'javascript:alert(1)' } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('not an http(s) link');
    const e = contactSchema.safeParse({ ...base, name: 'x', emails: ['nope'] });
    expect(e.success).toBe(false);
  });

  it('indexes only open follow-ups by due time', () => {
    const open = followUpSchema.parse({ ...base, dueAt: 5 });
    const done = followUpSchema.parse({ ...base, dueAt: 5, status: 'done', openDue: 5 });
    expect(open.openDue).toBe(5);
    expect('openDue' in done).toBe(false);
  });

  it('accepts the default settings and refuses a pipeline without Won', () => {
    const s = defaultSettings(0);
    expect(settingsSchema.parse(s).stages).toHaveLength(7);
    expect(settingsSchema.safeParse({ ...s, stages: s.stages.filter((x) => x.kind !== 'won') }).success).toBe(false);
  });
});
