/**
 * Default settings: the sales process of DESIGN.md. Editable in the options page.
 *
 * The side panel imports this module only when no settings were ever saved (see
 * entrypoints/sidepanel/data.ts): the playbook answers are text its start-up need not carry.
 */
import type { PlaybookAnswer, Settings } from './records';

/** Stage ids of the default pipeline; a renamed stage keeps its id. */
export const DEFAULT_STAGE_IDS = [
  'prospecting',
  'qualification',
  'meeting',
  'proposal',
  'negotiation',
  'won',
  'lost',
] as const;

type DefaultStageId = (typeof DEFAULT_STAGE_IDS)[number];

/**
 * Suggested playbook answers per default stage: short, practical replies to what prospects
 * often say there, and a few questions worth asking the same way every time. A fresh install
 * starts with them; settings saved before they existed keep their own stages, and the options
 * page offers to add these to a stage.
 */
export const DEFAULT_ANSWERS: Readonly<Record<DefaultStageId, readonly PlaybookAnswer[]>> = {
  prospecting: [
    {
      title: 'How did you get my details?',
      body: 'From your public profile. I contact people in your role at companies that look like the ones we already help. If this isn’t relevant to you, just say so and I won’t contact you again.',
    },
    {
      title: 'Just send me some information',
      body: 'Happy to. So that I send something useful rather than a brochure: what would you want it to answer? I’ll keep it to one page and suggest 15 minutes to go through it, which you’re free to decline.',
    },
    {
      title: 'Now isn’t a good time',
      body: 'Understood. Is it “not now” or “not ever”? If it’s timing, when would be better: next month, next quarter? I’ll note it and only come back then.',
    },
  ],
  qualification: [
    {
      title: 'What does it cost?',
      body: 'It depends mostly on how many people would use it, and I’d rather give you a real number than a range. Two quick questions:\n\n- How many people would use it?\n- What does the problem cost you today, in time or money?\n\nWith those I’ll send you a price within a day.',
    },
    {
      title: 'We already use a competitor',
      body: 'Good: then you know the problem is worth solving. What do you like about it, and what would you change? If it already does everything you need, I’ll tell you so. If not, that gap is usually why teams switch to us.',
    },
    {
      title: 'Asking about budget',
      body: 'Is there a budget set aside for this, or would it be paid for by what the problem costs you now? Either is fine: it tells me which option to show you.',
    },
    {
      title: 'Asking who decides',
      body: 'Besides you, who has a say in choosing something like this, and who signs off on the spend? I’d like to answer their questions too, not only yours.',
    },
  ],
  meeting: [
    {
      title: 'Can you just show me a demo?',
      body: 'Yes. So we spend the time on what matters to you rather than on every feature: what would you need to see to call this a success? I’ll start with that and keep it to 20 minutes.',
    },
    {
      title: 'How long does setup take?',
      body: 'Usually days, not months: a kickoff call, bringing your data in, and a short training for the team. I’ll send you the plan with **dates and owners**, so you can see exactly what it needs from your side.',
    },
    {
      title: 'I need to talk to my team',
      body: 'Of course. What do you think they’ll ask? I can send a one-page summary you can forward, or join 15 minutes of your next team meeting to answer their questions directly.',
    },
  ],
  proposal: [
    {
      title: 'Can you do a discount?',
      body: 'I can’t lower the price for the same thing, but I can change what’s in it: a longer term, paying annually, or starting with fewer users. What matters most to you: the total, the monthly amount, or when you pay?',
    },
    {
      title: 'We need approval from finance',
      body: 'Makes sense. What does finance look at: the total cost, the payback time, or which budget it comes from? I’ll write a **one-page business case** with the numbers we discussed, so you don’t have to.',
    },
    {
      title: 'Can we start with a pilot?',
      body: 'Yes, if we agree up front what success looks like and by when. If the pilot meets those criteria by that date, we go ahead on the terms of the proposal. A pilot without criteria only delays the decision.',
    },
  ],
  negotiation: [
    {
      title: 'A competitor is cheaper',
      body: 'They may be. Let’s compare the same things: what’s included, setup, support, and what it costs you if the problem isn’t solved. If they do all of that for less, they may be the better choice, and I’d rather you knew now.',
    },
    {
      title: 'We need to wait until next quarter',
      body: 'Understood. What changes next quarter: budget, people or priorities? If it’s budget, we can sign now and start billing next quarter, so you keep these terms and can start sooner.',
    },
    {
      title: 'Can you change the contract terms?',
      body: 'Tell me which clause and why, and I’ll take it to our legal team today. Common changes, such as payment terms or the notice period, usually come back within two working days.',
    },
  ],
  won: [
    {
      title: 'What happens next?',
      body: 'You’ll get a welcome email with your kickoff date and the person who helps you set up. I stay your contact, and I’ll check in after a week, a month and three months to make sure it’s working.',
    },
    {
      title: 'Asking for a referral',
      body: 'I’m glad it’s working. Who else do you know who deals with the same problem? A short email introduction is plenty; I’ll take it from there and let you know how it goes.',
    },
  ],
  lost: [
    {
      title: 'Keeping the door open',
      body: 'Thank you for telling me. May I ask what tipped it: price, a missing feature, or timing? It helps us get better. I’ll check in in a few months; if anything changes before then, you know where to find me.',
    },
  ],
};

/** A stage's suggested answers, as fresh copies (settings are edited, never the constant). */
const answersOf = (id: DefaultStageId): PlaybookAnswer[] => DEFAULT_ANSWERS[id].map((a) => ({ ...a }));

export function defaultSettings(now: number): Settings {
  return {
    id: 'settings',
    createdAt: now,
    updatedAt: now,
    rev: 1,
    stages: [
      {
        id: 'prospecting',
        name: 'Prospecting',
        probability: 0.05,
        kind: 'open',
        staleDays: 14,
        exitChecklist: ['Researched the company', 'Found the decision maker'],
        answers: answersOf('prospecting'),
      },
      {
        id: 'qualification',
        name: 'Qualification',
        probability: 0.1,
        kind: 'open',
        staleDays: 14,
        exitChecklist: ['BANT filled in'],
        answers: answersOf('qualification'),
      },
      {
        id: 'meeting',
        name: 'Meeting',
        probability: 0.25,
        kind: 'open',
        staleDays: 21,
        exitChecklist: ['Discovery call held', 'Needs written down'],
        answers: answersOf('meeting'),
      },
      {
        id: 'proposal',
        name: 'Proposal',
        probability: 0.5,
        kind: 'open',
        staleDays: 21,
        exitChecklist: ['Offer sent: scope, price, terms'],
        answers: answersOf('proposal'),
      },
      {
        id: 'negotiation',
        name: 'Negotiation',
        probability: 0.75,
        kind: 'open',
        staleDays: 30,
        exitChecklist: ['Objections answered', 'Terms agreed'],
        answers: answersOf('negotiation'),
      },
      { id: 'won', name: 'Won', probability: 1, kind: 'won', exitChecklist: [], answers: answersOf('won') },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost', exitChecklist: [], answers: answersOf('lost') },
    ],
    quotas: [],
    cadences: {
      firstTouchDays: 1,
      nextTouchDays: { prospecting: 2, qualification: 3, meeting: 3, proposal: 4, negotiation: 2 },
      checkInDays: [7, 30, 90],
    },
    defaultCurrency: 'EUR',
    workingDays: [1, 2, 3, 4, 5],
    dayStart: '09:00',
    timeZone: '',
    neverCapture: [],
    markerSites: [],
    sourceCosts: {},
  };
}
