/** One benchmark figure: its value, its DESIGN.md target, and the floor measured beside it. */
export interface Row {
  name: string;
  value: number;
  unit: 'ms' | 'KB' | 'nodes';
  /** Absolute target (value must be ≤ it). */
  target?: number;
  /** Target as a ratio to the floor (value ÷ floor must be ≤ it). */
  targetRatio?: number;
  floor?: number;
  floorName?: string;
}

export function met(r: Row): boolean | undefined {
  if (r.targetRatio !== undefined && r.floor) return r.value / r.floor <= r.targetRatio;
  if (r.target !== undefined) return r.value <= r.target;
  return undefined;
}

const fmt = (v: number, unit: string) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${unit}`;

export function printTable(rows: Row[], machine: Record<string, unknown>): void {
  const lines = rows.map((r) => {
    const ok = met(r);
    const target =
      r.targetRatio !== undefined
        ? `≤ ${r.targetRatio}× floor`
        : r.target !== undefined
          ? `≤ ${r.target} ${r.unit}`
          : '—';
    const floor = r.floor !== undefined ? `${fmt(r.floor, r.unit)} (${r.floorName})` : '';
    const ratio = r.floor ? `${(r.value / r.floor).toFixed(2)}×` : '';
    return [r.name, fmt(r.value, r.unit), target, ok === undefined ? '' : ok ? 'met' : 'MISSED', floor, ratio];
  });
  const head = ['figure', 'median', 'target', '', 'floor (same run)', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const show = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${show(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(show(l));
  console.log(`\nmachine: ${JSON.stringify(machine)}`);
}
