/**
 * `npm run seed -- --deals N [--contacts N] [--activities N] [--follow-ups N] [--notes N] [--out FILE]`
 * writes realistic sample data as a Leadline backup file, to import in the options page
 * (Data → Restore a backup) for a demo or a scale test. Deterministic: the same counts give
 * the same file.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serializeBackup } from '../lib/backup';
import { DB_VERSION } from '../lib/db/migrations';
import { seed } from '../lib/seed';

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '200' },
    contacts: { type: 'string' },
    activities: { type: 'string' },
    'follow-ups': { type: 'string' },
    notes: { type: 'string' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'leadline-seed.json' },
  },
});
const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, not "${v}"`);
    process.exit(2);
  }
  return n;
};

const now = Date.now();
const data = seed(
  {
    deals: num(values.deals, 'deals') ?? 200,
    contacts: num(values.contacts, 'contacts'),
    activities: num(values.activities, 'activities'),
    followUps: num(values['follow-ups'], 'follow-ups'),
    notes: num(values.notes, 'notes'),
  },
  now,
  num(values.seed, 'seed'),
);
const text = serializeBackup({ ...data, settings: [data.settings], objections: [], nps: [] }, now, DB_VERSION);
writeFileSync(values.out, text);
console.log(
  `Wrote ${values.out}: ${data.deals.length} deals, ${data.contacts.length} contacts, ${data.companies.length} companies, ` +
    `${data.activities.length} activities, ${data.followUps.length} follow-ups, ${data.notes.length} notes ` +
    `(${(text.length / 1024 / 1024).toFixed(1)} MB). Import it in Leadline's options page, Data section.`,
);
