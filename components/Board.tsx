/**
 * The pipeline board: a column per stage with its deals.
 */
import type { Deal, Stage } from '../lib/records';

export interface BoardProps {
  stages: Stage[];
  deals: Deal[];
  now: number;
  onMove: (deal: Deal, stage: string, lostReason?: string) => Promise<unknown>;
}

export function Board({ stages, deals }: BoardProps) {
  const byStage = new Map<string, Deal[]>(stages.map((s) => [s.id, []]));
  for (const d of deals) byStage.get(d.stage)?.push(d);
  if (!deals.length) {
    return (
      <section class="empty">
        <h1>Your pipeline is empty</h1>
        <p>Open a prospect’s page and click the Leadline button (or press Alt+Shift+L) to clip your first lead.</p>
      </section>
    );
  }
  return (
    <div class="board">
      {stages.map((s) => (
        <section key={s.id} class="column" aria-label={s.name} data-stage={s.id}>
          <h2>
            {s.name} <span class="count">{byStage.get(s.id)?.length ?? 0}</span>
          </h2>
          <ul>
            {byStage.get(s.id)?.map((d) => (
              <li key={d.id} class="deal" data-deal={d.id}>
                {d.title}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
