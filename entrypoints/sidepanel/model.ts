/**
 * From the loaded records to what the board shows: cards per stage, filtered and sorted by
 * score, with their summaries. Pure; the rules themselves live in lib/.
 */
import type { ColumnSummary } from '../../components/Board';
import type { DealCardView } from '../../components/DealCard';
import { foldText } from '../../lib/normalize';
import { columnSummaries, daysInStage, filterDeals, isRotting, medianOpenValue, missingExit } from '../../lib/pipeline';
import type { Activity, Contact, LeadSource, LeadStatus, Temperature } from '../../lib/records';
import { scoreDeal, temperatureOf } from '../../lib/score';
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
  const byDeal = new Map<string, Activity[]>();
  for (const a of data.recentActivities) {
    if (!a.dealId) continue;
    const list = byDeal.get(a.dealId);
    if (list) list.push(a);
    else byDeal.set(a.dealId, [a]);
  }
  const medianValue = medianOpenValue(data.deals, data.settings.stages);
  const scores = new Map<string, number>();
  for (const d of data.deals) {
    scores.set(d.id, scoreDeal(d, { activities: byDeal.get(d.id) ?? [], medianValue, now }).score);
  }
  return scores;
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

  const followUpsByDeal = new Map<string, typeof data.openFollowUps>();
  for (const f of data.nextFollowUp.values()) if (f.dealId) followUpsByDeal.set(f.dealId, [f]);
  const q = foldText(filter.query);
  const shown = filterDeals(data.deals, contactsById, filter, { now, followUpsByDeal }).filter(
    (d) => !q || foldText(d.title).includes(q),
  );
  for (const deal of shown) {
    const stage = stages.get(deal.stage);
    if (!stage) continue;
    const fu = data.nextFollowUp.get(deal.id);
    columns.get(deal.stage)?.push({
      deal,
      temperature: temperatureOf(deal),
      daysInStage: daysInStage(deal, now),
      rotting: stage.kind === 'open' && isRotting(deal, stage, now),
      missingExit: missingExit(deal, stage),
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
