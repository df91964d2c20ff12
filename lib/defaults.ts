/**
 * Default settings: the sales process of DESIGN.md. Editable in the options page.
 */
import type { Settings } from './records';

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
        answers: [],
      },
      {
        id: 'qualification',
        name: 'Qualification',
        probability: 0.1,
        kind: 'open',
        staleDays: 14,
        exitChecklist: ['BANT filled in'],
        answers: [],
      },
      {
        id: 'meeting',
        name: 'Meeting',
        probability: 0.25,
        kind: 'open',
        staleDays: 21,
        exitChecklist: ['Discovery call held', 'Needs written down'],
        answers: [],
      },
      {
        id: 'proposal',
        name: 'Proposal',
        probability: 0.5,
        kind: 'open',
        staleDays: 21,
        exitChecklist: ['Offer sent: scope, price, terms'],
        answers: [],
      },
      {
        id: 'negotiation',
        name: 'Negotiation',
        probability: 0.75,
        kind: 'open',
        staleDays: 30,
        exitChecklist: ['Objections answered', 'Terms agreed'],
        answers: [],
      },
      { id: 'won', name: 'Won', probability: 1, kind: 'won', exitChecklist: [], answers: [] },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost', exitChecklist: [], answers: [] },
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
