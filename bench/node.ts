/** Benchmarks that run in Node: pure lib/ work with no browser in the way. */
import { computeInsights, periodOf } from '../lib/metrics';
import { seed } from '../lib/seed';
import type { Row } from './table';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
function time(fn: () => unknown, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function nodeRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const now = Date.UTC(2026, 10, 23, 9);
  const runs = quick ? 5 : 15;

  // Metrics over 10,000 deals and 100,000 activities; the floor is one pass grouping the
  // activities by deal, which any computation over them must at least do.
  const data = seed({ deals: 10_000, activities: 100_000, followUps: 0 }, now);
  const period = periodOf('year', now, 'Europe/Rome');
  const metricsMs = time(
    () => computeInsights({ deals: data.deals, activities: data.activities }, period, now, data.settings),
    runs,
  );
  const floor = time(() => {
    const m = new Map<string, number>();
    for (const a of data.activities) m.set(a.dealId ?? '', (m.get(a.dealId ?? '') ?? 0) + 1);
  }, runs);
  rows.push({
    name: 'metrics, 10,000 deals & 100,000 activities',
    value: metricsMs,
    unit: 'ms',
    target: 100,
    floor,
    floorName: 'group activities by deal',
  });
  return rows;
}
