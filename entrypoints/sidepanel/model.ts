/**
 * From the loaded records to what the board shows: cards per stage, filtered and sorted by
 * score, with their summaries. Pure; the rules themselves live in lib/.
 */
import type { ColumnSummary } from '../../components/Board';
import type { DealCardView } from '../../components/DealCard';
import { foldText } from '../../lib/normalize';
import { columnSummaries, daysInStage, exitChecker, filterDeals, isRotting, medianOpenValue } from '../../lib/pipeline';
import type { Contact, LeadSource, LeadStatus, Temperature } from '../../lib/records';
import { scoreDeals, temperatureOf } from '../../lib/score';
import type { BoardData } from './data';

export interface BoardFilter {
  query: string;
  temperature?: Temperature;
  leadStatus?: LeadStatus;
  source?: LeadSource;
  tag?: string;
  overdue?: boolean;
}

export interface BoardModel {
  columns: Map<string, DealCardView[]>;
  summaries: Map<string, ColumnSummary>;
  scores: Map<string, number>;
  dueCount: number;
}

/** Lead scores of every deal (engagement from the recent activities only). */
export function scoreAll(data: BoardData, now: number): Map<string, number> {
  return scoreDeals(data.deals, data.recentActivities, medianOpenValue(data.deals, data.settings.stages), now);
}

export function buildBoard(
  data: BoardData,
  filter: BoardFilter,
  now: number,
  scores: Map<string, number>,
  contactsById: ReadonlyMap<string, Contact>,
): BoardModel {
  const stages = new Map(data.settings.stages.map((s) => [s.id, s]));
  const columns = new Map<string, DealCardView[]>(data.settings.stages.map((s) => [s.id, []]));
  const summaries = new Map<string, ColumnSummary>(
    columnSummaries(data.deals, data.settings.stages).map((c) => [c.stageId, c]),
  );
  let dueCount = 0;
  for (const f of data.openFollowUps) if (f.dueAt <= now) dueCount++;

  const filtered =
    filter.temperature ||
    filter.leadStatus ||
    filter.source ||
    filter.tag !== undefined ||
    filter.overdue !== undefined;
  let shown = data.deals;
  if (filtered) {
    const followUpsByDeal = new Map<string, typeof data.openFollowUps>();
    for (const f of data.nextFollowUp.values()) if (f.dealId) followUpsByDeal.set(f.dealId, [f]);
    shown = filterDeals(shown, contactsById, filter, { now, followUpsByDeal });
  }
  const q = foldText(filter.query);
  if (q) shown = shown.filter((d) => foldText(d.title).includes(q));
  const checkers = new Map(data.settings.stages.map((s) => [s.id, exitChecker(s)]));
  for (const deal of shown) {
    const stage = stages.get(deal.stage);
    if (!stage) continue;
    const fu = data.nextFollowUp.get(deal.id);
    columns.get(deal.stage)?.push({
      deal,
      temperature: temperatureOf(deal),
      daysInStage: daysInStage(deal, now),
      rotting: stage.kind === 'open' && isRotting(deal, stage, now),
      missingExit: checkers.get(deal.stage)?.(deal) ?? [],
      next: fu ? { dueAt: fu.dueAt, overdue: fu.dueAt <= now, text: fu.text } : undefined,
      open: stage.kind === 'open',
      score: scores.get(deal.id),
    });
  }
  // Overdue first (a promise already late), then by lead score, then the soonest next step.
  for (const list of columns.values()) {
    list.sort(
      (a, b) =>
        Number(b.next?.overdue ?? false) - Number(a.next?.overdue ?? false) ||
        (b.score ?? 0) - (a.score ?? 0) ||
        (a.next?.dueAt ?? Number.POSITIVE_INFINITY) - (b.next?.dueAt ?? Number.POSITIVE_INFINITY),
    );
  }
  return { columns, summaries, scores, dueCount };
}
