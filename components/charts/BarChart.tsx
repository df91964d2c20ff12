/**
 * Horizontal bars, one row per item: the label and the value on a line, the bar beneath, an
 * optional note under it. Labels sit above their bar rather than beside it, so long names fit
 * a narrow side panel. With `total`, a pale bar shows the whole and the solid bar the part
 * (the forecast: weighted inside unweighted).
 *
 * Horizontal positions are percentages of the chart's own width and vertical ones pixels, with
 * no viewBox: the chart fills any card while its text stays the page's size, never scaled.
 */
import { useId } from 'preact/hooks';
import { ChartTable, share } from './ChartTable';

export interface Bar {
  label: string;
  value: number;
  /** The value as people read it ("€12,000", "15 days"). */
  valueText: string;
  /** The whole that `value` is a part of, drawn as a paler bar behind it. */
  total?: number;
  totalText?: string;
  /** A muted line under the bar. */
  note?: string;
  /** Drawn in the warning colour (a bottleneck, an overdue month). */
  highlight?: boolean;
}

export interface BarChartProps {
  /** Names the chart for assistive technology (its `<title>` and table caption). */
  title: string;
  bars: readonly Bar[];
  /** The value that fills a whole bar; the largest value or total when absent. */
  max?: number;
  /** Headers of the hidden table: label, value, then total and note when any bar has them. */
  columns: readonly string[];
  /** The hidden table's rows when they need more columns than the bars show. */
  tableRows?: readonly (readonly string[])[];
  /** A legend for the two bars of a part-of-whole chart: [part, whole]. */
  legend?: readonly [string, string];
}

const ROW = 34;
const NOTE = 15;
const BAR_Y = 18;
const BAR_H = 9;

const text = { fill: 'var(--fg)' };
/** A share as an SVG length; a non-zero value keeps a visible 1.5% so it never looks like none. */
const pct = (f: number) => `${Math.max(1.5, f * 100)}%`;
const muted = { fill: 'var(--muted)' };

export function BarChart({ title, bars, max, columns, tableRows, legend }: BarChartProps) {
  const id = useId();
  const top = Math.max(0, max ?? 0, ...bars.map((b) => Math.max(b.value, b.total ?? 0)));
  let y = 0;
  const rows = bars.map((b) => {
    const at = y;
    y += ROW + (b.note ? NOTE : 0);
    return { b, at };
  });
  const height = Math.max(y - 6, 1);
  const fill = (b: Bar) => (b.highlight ? 'var(--hot)' : 'var(--accent)');
  // Columns follow what the bars carry: label, value, then total and note when any bar has one.
  const hasTotal = bars.some((b) => b.total !== undefined);
  const hasNote = bars.some((b) => b.note !== undefined);
  const derived = bars.map((b) => [
    b.label,
    b.valueText,
    ...(hasTotal ? [b.totalText ?? ''] : []),
    ...(hasNote ? [b.note ?? ''] : []),
  ]);

  return (
    <figure class="chart bar-chart">
      {legend && (
        <div class="chart-legend" aria-hidden="true">
          <span>
            <i style={{ background: 'var(--accent)' }} /> {legend[0]}
          </span>
          <span>
            <i style={{ background: 'color-mix(in srgb, var(--accent) 28%, transparent)' }} /> {legend[1]}
          </span>
        </div>
      )}
      <svg role="img" aria-labelledby={`${id}-t`} width="100%" height={height}>
        <title id={`${id}-t`}>{title}</title>
        {rows.map(({ b, at }, i) => (
          <g key={i} transform={`translate(0 ${at})`}>
            <text x={0} y={12} font-size={12} style={text}>
              {b.label}
            </text>
            <text x="100%" y={12} font-size={12} font-weight={600} text-anchor="end" style={text}>
              {b.valueText}
            </text>
            <rect x={0} y={BAR_Y} width="100%" height={BAR_H} rx={4.5} style={{ fill: 'var(--line)', opacity: 0.55 }} />
            {b.total !== undefined && b.total > 0 && (
              <rect
                x={0}
                y={BAR_Y}
                width={pct(share(b.total, top))}
                height={BAR_H}
                rx={4.5}
                style={{ fill: `color-mix(in srgb, ${fill(b)} 28%, transparent)` }}
              />
            )}
            {b.value > 0 && (
              <rect
                x={0}
                y={BAR_Y}
                width={pct(share(b.value, top))}
                height={BAR_H}
                rx={4.5}
                style={{ fill: fill(b) }}
              />
            )}
            {b.note && (
              <text x={0} y={BAR_Y + BAR_H + 14} font-size={11} style={muted}>
                {b.note}
              </text>
            )}
          </g>
        ))}
      </svg>
      <ChartTable caption={title} columns={columns} rows={tableRows ?? derived} />
    </figure>
  );
}
