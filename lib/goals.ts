/**
 * The options page's quotas and cadences, as the rep types them: checked here, field by field,
 * before `settings.update` (whose schema would refuse the whole patch with one message).
 * Pure: text in, values or problems out.
 */
import type { Settings } from './records';

/** `2026`, `2026-Q3` or `2026-07` (the form `lib/metrics` reads quotas in). */
const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** A quota row being edited. */
export interface QuotaDraft {
  period: string;
  amount: string;
}

/** Why a field cannot be saved; the UI words it. */
export type GoalProblem =
  | { field: 'period'; row: number; kind: 'period' | 'duplicate' }
  | { field: 'amount'; row: number; kind: 'amount' }
  | { field: 'firstTouch'; kind: 'days' }
  | { field: 'nextTouch'; stageId: string; kind: 'days' }
  | { field: 'checkIns'; kind: 'checkIns' };

/** The quotas to store, sorted by period, or what is wrong with the rows (empty rows are dropped). */
export function readQuotas(rows: readonly QuotaDraft[]): { quotas: Settings['quotas']; problems: GoalProblem[] } {
  const problems: GoalProblem[] = [];
  const quotas: Settings['quotas'] = [];
  const seen = new Set<string>();
  rows.forEach((r, row) => {
    const period = r.period.trim().toUpperCase();
    const text = r.amount.trim().replace(/[\s,_']/g, '');
    if (!period && !text) return;
    if (!PERIOD.test(period)) problems.push({ field: 'period', row, kind: 'period' });
    else if (seen.has(period)) problems.push({ field: 'period', row, kind: 'duplicate' });
    seen.add(period);
    const amount = Number(text);
    if (!text || !Number.isFinite(amount) || amount < 0) problems.push({ field: 'amount', row, kind: 'amount' });
    else quotas.push({ period, amount });
  });
  quotas.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { quotas, problems };
}

/** The cadences being edited: the days as typed. */
export interface CadenceDraft {
  firstTouch: string;
  /** Per open stage id; empty means no suggested next touch in that stage. */
  nextTouch: Record<string, string>;
  /** "7, 30, 90". */
  checkIns: string;
}

export function cadenceDraft(settings: Pick<Settings, 'cadences' | 'stages'>): CadenceDraft {
  const c = settings.cadences;
  return {
    firstTouch: String(c.firstTouchDays),
    nextTouch: Object.fromEntries(
      settings.stages.filter((s) => s.kind === 'open').map((s) => [s.id, c.nextTouchDays[s.id]?.toString() ?? '']),
    ),
    checkIns: c.checkInDays.join(', '),
  };
}

const wholeDays = (text: string, min: number, max: number): number | undefined => {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
};

/** The cadences to store, or what is wrong (limits as in `cadenceSchema`). */
export function readCadences(d: CadenceDraft): { cadences?: Settings['cadences']; problems: GoalProblem[] } {
  const problems: GoalProblem[] = [];
  const firstTouchDays = wholeDays(d.firstTouch, 0, 60);
  if (firstTouchDays === undefined) problems.push({ field: 'firstTouch', kind: 'days' });
  const nextTouchDays: Record<string, number> = {};
  for (const [stageId, text] of Object.entries(d.nextTouch)) {
    if (!text.trim()) continue;
    const n = wholeDays(text, 0, 365);
    if (n === undefined) problems.push({ field: 'nextTouch', stageId, kind: 'days' });
    else nextTouchDays[stageId] = n;
  }
  const parts = d.checkIns
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const checkIns = parts.map((p) => wholeDays(p, 1, 3650));
  if (checkIns.length > 10 || checkIns.some((n) => n === undefined))
    problems.push({ field: 'checkIns', kind: 'checkIns' });
  if (problems.length || firstTouchDays === undefined) return { problems };
  const checkInDays = [...new Set(checkIns as number[])].sort((a, b) => a - b);
  return { cadences: { firstTouchDays, nextTouchDays, checkInDays }, problems };
}
