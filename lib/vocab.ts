/**
 * The sales process's vocabularies (DESIGN.md), as plain constants with no zod, so UI code and
 * the capture script can use them without pulling the schemas in.
 */

export const LEAD_STATUSES = ['suspect', 'mql', 'sql'] as const;
export const TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export const LEAD_SOURCES = [
  'referral',
  'existing-customer',
  'closed-lost-revival',
  'event',
  'inbound',
  'social',
  'live-chat',
  'purchased-list',
  'outbound',
  'other',
] as const;
export const ACTIVITY_KINDS = [
  'call',
  'email',
  'meeting',
  'message',
  'demo',
  'proposal',
  'stage-change',
  'clip',
  'note',
  'follow-up-done',
  'won',
  'lost',
  'churned',
] as const;
/** The activity kinds that are touchpoints with the prospect (about eight win a sale). */
export const TOUCHPOINT_KINDS = ['call', 'email', 'meeting', 'message', 'demo', 'proposal'] as const;
export const FOLLOW_UP_KINDS = ['call', 'email', 'meeting', 'message', 'check-in'] as const;
export const OBJECTION_CATEGORIES = [
  'price',
  'features',
  'outcomes',
  'timing',
  'competitor',
  'authority',
  'other',
] as const;
export const RESEARCH_ITEMS = [
  'background',
  'company-news',
  'funding',
  'competitors',
  'products',
  'decision-makers',
] as const;
/** BANT timeline: it drives the derived temperature (hot: now; warm: within ~2 months; cold: none). */
export const TIMELINES = ['now', 'within-2-months', 'later', 'none'] as const;
export const AUTHORITIES = ['decision-maker', 'influencer', 'user', 'unknown'] as const;
export const DEAL_KINDS = ['new', 'upsell', 'cross-sell', 'revival'] as const;
export const LIFECYCLES = ['lead', 'customer', 'churned'] as const;
