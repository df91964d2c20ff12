/**
 * Realistic, deterministic sample data (a seeded generator): for the demo, the benchmarks and
 * the scale tests. Records pass the same schemas as everything else.
 */
import { defaultSettings } from './defaults';
import type { Activity, Company, Contact, Deal, FollowUp, Note, Settings } from './records';
import { SCHEMAS } from './records';
import { FOLLOW_UP_KINDS, LEAD_SOURCES, LEAD_STATUSES, TIMELINES, TOUCHPOINT_KINDS } from './vocab';

export interface SeedCounts {
  deals: number;
  contacts?: number;
  activities?: number;
  followUps?: number;
  notes?: number;
  /** Share of follow-ups still open (the rest are done); a rep with years of data has few open. */
  openFollowUpShare?: number;
}

export interface SeedData {
  settings: Settings;
  companies: Company[];
  contacts: Contact[];
  deals: Deal[];
  activities: Activity[];
  followUps: FollowUp[];
  notes: Note[];
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Maria',
  'Luca',
  'Aisyah',
  'Tomás',
  'Priya',
  'Jonas',
  'Chen',
  'Fatima',
  'Olivia',
  'Kwame',
  'Sofia',
  'Marco',
  'Nur',
  'Elena',
  'Diego',
  'Hana',
  'Ibrahim',
  'Giulia',
  'Ahmad',
  'Lucía',
  'Noah',
  'Siti',
  'Pablo',
  'Anna',
];
const LAST = [
  'Rossi',
  'Bianchi',
  'Rahman',
  'Herrera',
  'Natarajan',
  'Becker',
  'Wei',
  'Haddad',
  'Smith',
  'Mensah',
  'García',
  'Ricci',
  'Hassan',
  'Novak',
  'López',
  'Tanaka',
  'Ali',
  'Conti',
  'Yusof',
  'Fernández',
  'Dubois',
  'Lim',
  'Moreno',
  'Kowalski',
];
const CO_A = [
  'Acme',
  'Lumen',
  'Brightforge',
  'Kedai',
  'Ferro',
  'Northwind',
  'Blue Harbor',
  'Pinecrest',
  'Solaria',
  'Vertex',
  'Orchid',
  'Granite',
  'Helix',
  'Nimbus',
  'Quarry',
  'Tidal',
];
const CO_B = [
  'Robotics',
  'Analytics',
  'Cloud',
  'Logistics',
  'Health',
  'Foods',
  'Energy',
  'Labs',
  'Systems',
  'Retail',
  'Media',
  'Finance',
];
const TITLES = [
  'Head of Procurement',
  'VP Sales',
  'CFO',
  'Operations Manager',
  'CTO',
  'Director of Partnerships',
  'Head of RevOps',
  'CEO',
  'IT Manager',
  'Chief Commercial Officer',
];
const CITIES = [
  'Milan, Italy',
  'Madrid, Spain',
  'Kuala Lumpur, Malaysia',
  'Lisbon, Portugal',
  'Berlin, Germany',
  'Rome, Italy',
  'Penang, Malaysia',
  'Valencia, Spain',
];

const DAY = 86_400_000;

export function seed(counts: SeedCounts, now: number, seedValue = 42): SeedData {
  const r = rng(seedValue);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const settings = defaultSettings(now);
  const open = settings.stages.filter((s) => s.kind === 'open');
  const nContacts = counts.contacts ?? counts.deals;
  const nCompanies = Math.max(1, Math.ceil(nContacts / 4));
  const base = (i: string, at: number) => ({ id: i, createdAt: at, updatedAt: at, rev: 1 });

  const companies: Company[] = [];
  for (let i = 0; i < nCompanies; i++) {
    const name = `${pick(CO_A)} ${pick(CO_B)}${i >= CO_A.length * CO_B.length ? ` ${i}` : ''}`;
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
    companies.push(
      SCHEMAS.companies.parse({
        ...base(`co-${i}`, now - 400 * DAY),
        name,
        domain,
        website: `https://${domain}/`,
        industry: pick(CO_B),
        address: pick(CITIES),
      }),
    );
  }
  const contacts: Contact[] = [];
  for (let i = 0; i < nContacts; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const co = companies[i % nCompanies] as Company;
    const handle = `${first}.${last}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z.]/g, '');
    contacts.push(
      SCHEMAS.contacts.parse({
        ...base(`ct-${i}`, now - Math.floor(r() * 365) * DAY),
        name: `${first} ${last}`,
        jobTitle: pick(TITLES),
        emails: [`${handle}${i}@${co.domain}`],
        location: pick(CITIES),
        profiles: { linkedin: `https://www.linkedin.com/in/${handle.replace('.', '-')}-${i}/` },
        leadStatus: pick(LEAD_STATUSES),
        source: pick(LEAD_SOURCES),
        tags: r() < 0.3 ? [pick(['enterprise', 'smb', 'partner', 'event-2026'])] : [],
        companyId: co.id,
      }),
    );
  }
  const deals: Deal[] = [];
  for (let i = 0; i < counts.deals; i++) {
    const c = contacts[i % nContacts] as Contact;
    const roll = r();
    const stage = roll < 0.12 ? 'won' : roll < 0.22 ? 'lost' : (pick(open) as { id: string }).id;
    const created = now - Math.floor(r() * 300) * DAY;
    const entered = created + Math.floor(r() * Math.max(1, (now - created) / DAY)) * DAY;
    const closed = stage === 'won' || stage === 'lost';
    const close = new Date(now + Math.floor(r() * 120 - 20) * DAY).toISOString().slice(0, 10);
    const co = companies.find((x) => x.id === c.companyId);
    deals.push(
      SCHEMAS.deals.parse({
        ...base(`dl-${i}`, created),
        title: `${c.name} — ${co?.name ?? 'Unknown'}`,
        contactId: c.id,
        companyId: c.companyId,
        stage,
        stageEnteredAt: Math.min(entered, now),
        value: Math.round((1000 + r() * 49_000) / 100) * 100,
        currency: 'EUR',
        expectedClose: closed ? undefined : close,
        bant: r() < 0.5 ? { timeline: pick(TIMELINES), authority: r() < 0.5 ? 'decision-maker' : 'influencer' } : {},
        source: c.source,
        closedAt: closed ? Math.min(entered, now) : undefined,
        lostReason: stage === 'lost' ? pick(['Price', 'Went with a competitor', 'No budget', 'Timing']) : undefined,
      }),
    );
  }
  const activities: Activity[] = [];
  const nActivities = counts.activities ?? deals.length * 2;
  for (let i = 0; i < nActivities; i++) {
    const d = deals[i % deals.length] as Deal;
    const at = d.createdAt + Math.floor(r() * Math.max(1, now - d.createdAt));
    activities.push(
      SCHEMAS.activities.parse({
        ...base(`ac-${i}`, at),
        kind: pick(TOUCHPOINT_KINDS),
        at,
        dealId: d.id,
        contactId: d.contactId,
        text: 'Talked about next steps',
      }),
    );
  }
  const followUps: FollowUp[] = [];
  const nFollowUps = counts.followUps ?? Math.ceil(deals.length / 2);
  for (let i = 0; i < nFollowUps; i++) {
    const d = deals[i % deals.length] as Deal;
    const dueAt = now + Math.floor((r() * 30 - 10) * DAY);
    followUps.push(
      SCHEMAS.followUps.parse({
        ...base(`fu-${i}`, now - 20 * DAY),
        dueAt,
        kind: pick(FOLLOW_UP_KINDS),
        text: `Follow up with ${d.title.split(' — ')[0]}`,
        dealId: d.id,
        contactId: d.contactId,
        status: r() < (counts.openFollowUpShare ?? 0.8) ? 'open' : 'done',
      }),
    );
  }
  const notes: Note[] = [];
  for (let i = 0; i < (counts.notes ?? 0); i++) {
    const c = contacts[i % nContacts] as Contact;
    notes.push(
      SCHEMAS.notes.parse({
        ...base(`nt-${i}`, now - i * 1000),
        subjectKind: 'contact',
        subjectId: c.id,
        body: `Call notes for **${c.name}**: budget next quarter.`,
      }),
    );
  }
  return { settings, companies, contacts, deals, activities, followUps, notes };
}
