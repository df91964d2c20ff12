/**
 * From the loaded records to what the board shows: cards per stage, filtered and sorted,
 * with their summaries. Pure; the rules themselves live in lib/.
 */
import type { ColumnSummary } from '../../components/Board';
import type { DealCardView } from '../../components/DealCard';
import { foldText } from '../../lib/normalize';
import { daysInStage, isRotting, missingExit } from '../../lib/pipeline';
import type { Temperature } from '../../lib/records';
import { temperatureOf } from '../../lib/score';
import type { BoardData } from './data';

export interface BoardFilter {
  query: string;
  temperature?: Temperature;
  overdue?: boolean;
}

export interface BoardModel {
  columns: Map<string, DealCardView[]>;
  summaries: Map<string, ColumnSummary>;
  dueCount: number;
}

export function buildBoard(data: BoardData, filter: BoardFilter, now: number): BoardModel {
  const stages = new Map(data.settings.stages.map((s) => [s.id, s]));
  const columns = new Map<string, DealCardView[]>(data.settings.stages.map((s) => [s.id, []]));
  const summaries = new Map<string, ColumnSummary>(
    data.settings.stages.map((s) => [s.id, { count: 0, total: 0, weighted: 0 }]),
  );
  const q = foldText(filter.query);
  let dueCount = 0;
  for (const f of data.nextFollowUp.values()) if (f.dueAt <= now) dueCount++;

  for (const deal of data.deals) {
    const stage = stages.get(deal.stage);
    if (!stage) continue;
    const sum = summaries.get(deal.stage);
    if (sum) {
      sum.count++;
      sum.total += deal.value;
      sum.weighted += deal.value * stage.probability;
    }
    const temperature = temperatureOf(deal);
    const fu = data.nextFollowUp.get(deal.id);
    const next = fu ? { dueAt: fu.dueAt, overdue: fu.dueAt <= now, text: fu.text } : undefined;
    if (filter.temperature && temperature !== filter.temperature) continue;
    if (filter.overdue && !next?.overdue) continue;
    if (q && !foldText(deal.title).includes(q)) continue;
    columns.get(deal.stage)?.push({
      deal,
      temperature,
      daysInStage: daysInStage(deal, now),
      rotting: stage.kind === 'open' && isRotting(deal, stage, now),
      missingExit: missingExit(deal, stage),
      next,
      open: stage.kind === 'open',
    });
  }
  // Overdue first, then the soonest next step, then the biggest deal.
  for (const list of columns.values()) {
    list.sort(
      (a, b) =>
        Number(b.next?.overdue ?? false) - Number(a.next?.overdue ?? false) ||
        (a.next?.dueAt ?? Number.POSITIVE_INFINITY) - (b.next?.dueAt ?? Number.POSITIVE_INFINITY) ||
        b.deal.value - a.deal.value,
    );
  }
  return { columns, summaries, dueCount };
}
