/**
 * The records Leadline keeps, schema first: every read and write passes these zod schemas, and
 * the TypeScript types are inferred from them. Values are normalised on the way in (emails
 * lower-cased, phones folded, only http(s) URLs), so what is stored is always canonical.
 *
 * Keep this module free of UI code: zod is heavy, and the side panel imports only types.
 */
import { z } from 'zod';
import { cleanText, foldText, normalizeEmail, normalizePhone, normalizeUrl, profileKey } from './normalize';
import {
  ACTIVITY_KINDS,
  AUTHORITIES,
  DEAL_KINDS,
  FOLLOW_UP_KINDS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLES,
  OBJECTION_CATEGORIES,
  RESEARCH_ITEMS,
  TEMPERATURES,
  TIMELINES,
} from './vocab';

// ---------------------------------------------------------------------------------------------
// Field types

/** Limits on free text so a hostile page cannot fill the database through one field. */
export const LIMITS = { short: 300, long: 5_000, note: 100_000, list: 50 } as const;

const shortText = z
  .string()
  .max(LIMITS.short * 4)
  .transform((s) => cleanText(s, LIMITS.short));
const longText = z
  .string()
  .max(LIMITS.long * 2)
  .transform((s) => s.trim().slice(0, LIMITS.long));

export const emailField = z.string().transform((s, ctx) => {
  const v = normalizeEmail(s);
  if (!v) ctx.addIssue({ code: 'custom', message: `"${cleanText(s, 60)}" is not an email address` });
  return v ?? z.NEVER;
});
export const phoneField = z.string().transform((s, ctx) => {
  const v = normalizePhone(s);
  if (!v) ctx.addIssue({ code: 'custom', message: `"${cleanText(s, 60)}" is not a phone number` });
  return v ?? z.NEVER;
});
export const urlField = z.string().transform((s, ctx) => {
  const v = normalizeUrl(s);
  if (!v) ctx.addIssue({ code: 'custom', message: `"${cleanText(s, 60)}" is not an http(s) link` });
  return v ?? z.NEVER;
});

/** A list with duplicates removed, kept in order. */
const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .max(LIMITS.list)
    .transform((xs) => [...new Set(xs as string[])]);

/** ISO calendar date, `YYYY-MM-DD` (expected close dates are days, not instants). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** An instant, as milliseconds since the epoch. */
export const instant = z.number().int().nonnegative();
export const id = z.string().min(1).max(64);

const base = {
  id,
  createdAt: instant,
  updatedAt: instant,
  /** Bumped on every write; a write that names an older `rev` is refused. */
  rev: z.number().int().positive(),
};

// ---------------------------------------------------------------------------------------------
// Vocabularies (DESIGN.md: the sales process)

export {
  ACTIVITY_KINDS,
  AUTHORITIES,
  DEAL_KINDS,
  FOLLOW_UP_KINDS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLES,
  OBJECTION_CATEGORIES,
  RESEARCH_ITEMS,
  TEMPERATURES,
  TIMELINES,
  TOUCHPOINT_KINDS,
} from './vocab';

export const leadStatus = z.enum(LEAD_STATUSES);
export const temperature = z.enum(TEMPERATURES);
export const leadSource = z.enum(LEAD_SOURCES);

/** Profile links of a person or company, by network. */
export const profilesSchema = z
  .object({
    linkedin: urlField,
    twitter: urlField,
    github: urlField,
    website: urlField,
  })
  .partial();

// ---------------------------------------------------------------------------------------------
// Records

export const contactSchema = z
  .object({
    ...base,
    name: shortText.pipe(z.string().min(1, 'a contact needs a name')),
    jobTitle: shortText.optional(),
    emails: uniqueList(emailField).default([]),
    phones: uniqueList(phoneField).default([]),
    location: shortText.optional(),
    profiles: profilesSchema.default({}),
    photoUrl: urlField.optional(),
    leadStatus: leadStatus.default('suspect'),
    source: leadSource.default('other'),
    tags: uniqueList(shortText).default([]),
    companyId: id.optional(),
    lifecycle: z.enum(LIFECYCLES).default('lead'),
    customerSince: instant.optional(),
    churnedAt: instant.optional(),
    churnReason: shortText.optional(),
    /** The page this contact was last clipped from, and when. */
    clippedFrom: urlField.optional(),
    clippedAt: instant.optional(),
  })
  // Derived index keys, recomputed on every write so they never drift from the fields.
  .transform((c) => ({
    ...c,
    profileKeys: [c.profiles.linkedin, c.profiles.twitter, c.profiles.github]
      .filter((u): u is string => !!u)
      .map((u) => profileKey(u))
      .filter((k): k is string => !!k),
    nameKey: foldText(c.name),
  }));

export const companySchema = z
  .object({
    ...base,
    name: shortText.pipe(z.string().min(1, 'a company needs a name')),
    /** The identity of a company: lower case, no `www.`. */
    domain: z
      .string()
      .max(253)
      .transform((s) =>
        s
          .trim()
          .toLowerCase()
          .replace(/^www\./, ''),
      )
      .pipe(z.string().regex(/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/, 'not a domain name'))
      .optional(),
    website: urlField.optional(),
    description: longText.optional(),
    industry: shortText.optional(),
    size: shortText.optional(),
    address: shortText.optional(),
    emails: uniqueList(emailField).default([]),
    phones: uniqueList(phoneField).default([]),
    profiles: profilesSchema.default({}),
    tags: uniqueList(shortText).default([]),
  })
  .transform((c) => ({ ...c, nameKey: foldText(c.name) }));

export const bantSchema = z
  .object({
    /** Budget or the value the buyer sees, in the rep's words. */
    budget: shortText,
    authority: z.enum(AUTHORITIES),
    need: shortText,
    timeline: z.enum(TIMELINES),
  })
  .partial();

export const dealSchema = z.object({
  ...base,
  title: shortText.pipe(z.string().min(1, 'a deal needs a title')),
  contactId: id.optional(),
  companyId: id.optional(),
  /** A stage id from Settings.stages. */
  stage: id,
  stageEnteredAt: instant,
  value: z.number().nonnegative().finite().default(0),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'a currency is a three-letter code')
    .transform((s) => s.toUpperCase())
    .default('EUR'),
  expectedClose: isoDate.optional(),
  bant: bantSchema.default({}),
  /** Set by the rep; when absent the temperature is derived from the BANT timeline. */
  temperature: temperature.optional(),
  source: leadSource.default('other'),
  tags: uniqueList(shortText).default([]),
  kind: z.enum(DEAL_KINDS).default('new'),
  lostReason: shortText.optional(),
  closedAt: instant.optional(),
  /** The deal this one revives or expands (upsell, cross-sell, closed-lost revival). */
  parentDealId: id.optional(),
  /** Exit-checklist items of the current stage the rep has ticked. */
  checklistDone: uniqueList(shortText).default([]),
});

export const activitySchema = z.object({
  ...base,
  kind: z.enum(ACTIVITY_KINDS),
  at: instant,
  text: longText.default(''),
  dealId: id.optional(),
  contactId: id.optional(),
  /** For stage changes: where the deal came from and went to. */
  fromStage: id.optional(),
  toStage: id.optional(),
});

export const noteSchema = z.object({
  ...base,
  subjectKind: z.enum(['contact', 'company', 'deal']),
  subjectId: id,
  kind: z.enum(['note', 'clipping']).default('note'),
  /** Markdown; rendered only through a sanitising renderer. */
  body: z.string().max(LIMITS.note),
  sourceUrl: urlField.optional(),
  pageTitle: shortText.optional(),
  researchItem: z.enum(RESEARCH_ITEMS).optional(),
});

export const followUpSchema = z
  .object({
    ...base,
    dueAt: instant,
    kind: z.enum(FOLLOW_UP_KINDS).default('call'),
    text: shortText.default(''),
    dealId: id.optional(),
    contactId: id.optional(),
    status: z.enum(['open', 'done', 'cancelled']).default('open'),
    doneAt: instant.optional(),
    snoozeCount: z.number().int().nonnegative().default(0),
    /** When a notification was shown for the current `dueAt` (so a restart does not repeat it). */
    notifiedAt: instant.optional(),
    /** What made it: the rep, or a cadence rule. */
    origin: z.enum(['manual', 'first-touch', 'next-touch', 'check-in', 'stale']).default('manual'),
  })
  // `openDue` exists only while open, so the index over it holds open follow-ups alone and the
  // badge is one index count.
  .transform(({ ...f }) => (f.status === 'open' ? { ...f, openDue: f.dueAt } : f) as typeof f & { openDue?: number });

export const objectionSchema = z.object({
  ...base,
  dealId: id,
  contactId: id.optional(),
  category: z.enum(OBJECTION_CATEGORIES),
  said: longText,
  answer: longText.optional(),
  resolved: z.boolean().default(false),
});

export const npsAnswerSchema = z.object({
  ...base,
  contactId: id,
  companyId: id.optional(),
  dealId: id.optional(),
  score: z.number().int().min(0).max(10),
  comment: longText.optional(),
  at: instant,
});

// ---------------------------------------------------------------------------------------------
// Settings

export const stageSchema = z.object({
  id,
  name: shortText.pipe(z.string().min(1)),
  /** Win probability, 0–1, for the weighted pipeline and the forecast. */
  probability: z.number().min(0).max(1),
  /** `won` and `lost` close a deal; every other stage is open. */
  kind: z.enum(['open', 'won', 'lost']),
  /** Days a deal may sit here before it is marked rotting and a stale alert fires. */
  staleDays: z.number().int().positive().optional(),
  /** What must be true before a deal leaves this stage. */
  exitChecklist: z.array(shortText).max(LIMITS.list).default([]),
  /** Answers the team reuses in this stage (to common questions and objections). */
  answers: z
    .array(
      z.object({
        title: shortText.pipe(z.string().min(1, 'a playbook answer needs a title')),
        /** Markdown; rendered only through a sanitising renderer. */
        body: longText.pipe(z.string().min(1, 'a playbook answer needs some text')),
      }),
    )
    .max(LIMITS.list)
    .default([]),
});

export const quotaSchema = z.object({
  /** `2026`, `2026-Q3` or `2026-07`. */
  period: z.string().regex(/^\d{4}(-Q[1-4]|-\d{2})?$/, 'a period is YYYY, YYYY-Qn or YYYY-MM'),
  amount: z.number().nonnegative().finite(),
});

export const cadenceSchema = z.object({
  /** Working days after a clip for the first touch. */
  firstTouchDays: z.number().int().min(0).max(60).default(1),
  /** Days after an activity to suggest the next touch, per stage id. */
  nextTouchDays: z.record(z.string(), z.number().int().min(0).max(365)).default({}),
  /** Post-sale check-ins, in days after the win. */
  checkInDays: z.array(z.number().int().min(1).max(3650)).max(10).default([7, 30, 90]),
});

export const settingsSchema = z.object({
  id: z.literal('settings'),
  createdAt: instant,
  updatedAt: instant,
  rev: z.number().int().positive(),
  stages: z
    .array(stageSchema)
    .min(3)
    .max(20)
    .refine(
      (s) => s.some((x) => x.kind === 'won') && s.some((x) => x.kind === 'lost'),
      'stages need a Won and a Lost stage',
    )
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'stage ids must be unique'),
  quotas: z.array(quotaSchema).max(200).default([]),
  cadences: cadenceSchema.default({ firstTouchDays: 1, nextTouchDays: {}, checkInDays: [7, 30, 90] }),
  defaultCurrency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((s) => s.toUpperCase())
    .default('EUR'),
  /** ISO weekdays (1 = Monday … 7 = Sunday) the rep works. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  /** When a working day starts, `HH:MM`, for presets such as "tomorrow 9:00". */
  dayStart: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('09:00'),
  /** IANA time zone; empty means the browser's own. */
  timeZone: z.string().max(64).default(''),
  /** Sites never to clip (hosts or domains; a domain covers its subdomains). */
  neverCapture: z.array(z.string().max(253)).max(500).default([]),
  /** Sites where the rep opted in to the "already in Leadline" marker. */
  markerSites: z.array(z.string().max(253)).max(500).default([]),
  /** What each lead source cost in the period, for return on spend. */
  sourceCosts: z.record(z.string(), z.number().nonnegative().finite()).default({}),
});

// ---------------------------------------------------------------------------------------------
// Types

export type Contact = z.output<typeof contactSchema>;
export type Company = z.output<typeof companySchema>;
export type Deal = z.output<typeof dealSchema>;
export type Activity = z.output<typeof activitySchema>;
export type Note = z.output<typeof noteSchema>;
export type FollowUp = z.output<typeof followUpSchema>;
export type Objection = z.output<typeof objectionSchema>;
export type NpsAnswer = z.output<typeof npsAnswerSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type Stage = z.output<typeof stageSchema>;
/** One of a stage's reusable answers (to a common question or objection). */
export type PlaybookAnswer = Stage['answers'][number];
export type Bant = z.output<typeof bantSchema>;
export type Profiles = z.output<typeof profilesSchema>;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type Temperature = (typeof TEMPERATURES)[number];
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type ObjectionCategory = (typeof OBJECTION_CATEGORIES)[number];
export type ResearchItem = (typeof RESEARCH_ITEMS)[number];

/** The schema of each store's records, by store name. */
export const SCHEMAS = {
  contacts: contactSchema,
  companies: companySchema,
  deals: dealSchema,
  activities: activitySchema,
  notes: noteSchema,
  followUps: followUpSchema,
  objections: objectionSchema,
  nps: npsAnswerSchema,
  settings: settingsSchema,
} as const;
export type StoreName = keyof typeof SCHEMAS;
export type RecordOf<S extends StoreName> = z.output<(typeof SCHEMAS)[S]>;
/** What a caller supplies to create a record: the schema's input without the bookkeeping fields. */
export type DraftOf<S extends StoreName> = Omit<z.input<(typeof SCHEMAS)[S]>, 'id' | 'createdAt' | 'updatedAt' | 'rev'>;
