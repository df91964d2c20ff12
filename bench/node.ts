/** Benchmarks that run in Node: pure lib/ work with no browser in the way. */
import { computeInsights, periodOf } from '../lib/metrics';
import { foldText } from '../lib/normalize';
import { buildIndex, searchAll } from '../lib/search';
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

  // Search over 50,000 contacts, per keystroke: typing queries letter by letter; the floor is
  // a plain linear scan of pre-folded names and emails for the same prefixes.
  const people = seed({ deals: 1, contacts: 50_000, activities: 0, followUps: 0 }, now, 7);
  const index = buildIndex({ contacts: people.contacts, companies: people.companies });
  const folded = people.contacts.map((c) => `${c.nameKey} ${c.emails.join(' ')}`);
  const queries = ['maria rossi', 'acme', 'herrera lisbon', 'priya', 'ceo milan', 'kowalski'];
  const keystrokes = queries.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
  const perKey: number[] = [];
  const scanKey: number[] = [];
  for (const k of keystrokes) {
    let t = performance.now();
    searchAll(index, k, 20);
    perKey.push(performance.now() - t);
    const f = foldText(k);
    t = performance.now();
    let n = 0;
    for (const s of folded) if (s.includes(f) && ++n >= 20) break;
    scanKey.push(performance.now() - t);
  }
  rows.push({
    name: `search, 50,000 contacts, per keystroke (${keystrokes.length} keys)`,
    value: median(perKey),
    unit: 'ms',
    target: 16,
    floor: median(scanKey),
    floorName: 'linear scan',
  });
  const sorted = [...perKey].sort((a, b) => a - b);
  rows.push({
    name: 'search, 50,000 contacts, slowest 5% of keystrokes (p95)',
    value: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    unit: 'ms',
    target: 16,
  });
  return rows;
}
