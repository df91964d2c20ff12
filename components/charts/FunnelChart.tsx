/**
 * The funnel: one centred bar per stage, as wide as the share of the cohort that reached it,
 * with the stage-to-stage conversion between consecutive bars. Centring is what makes a
 * funnel read as one at a glance; the numbers are on the bars and in the hidden table.
 *
 * Like the other charts, x is in percentages of the chart's width and y in pixels (no
 * viewBox), so it fills its card and its text keeps the page's size.
 */
import { useId } from 'preact/hooks';
import { ChartTable, share } from './ChartTable';

export interface FunnelStage {
  label: string;
  /** Deals that reached this stage. */
  value: number;
  valueText: string;
}

export interface FunnelChartProps {
  title: string;
  stages: readonly FunnelStage[];
  /** Conversion into each stage from the one before, as text ("80%"); one fewer than stages. */
  conversions: readonly string[];
  /** Hidden table headers: stage, reached, conversion from the previous stage. */
  columns: readonly [string, string, string];
}

/** The share of the width the stage names take; the bars are centred in the rest. */
const LABELS = 30;
const BAR = 22;
const GAP = 17;

export function FunnelChart({ title, stages, conversions, columns }: FunnelChartProps) {
  const id = useId();
  const top = Math.max(0, ...stages.map((s) => s.value));
  const height = stages.length * BAR + Math.max(0, stages.length - 1) * GAP;

  return (
    <figure class="chart funnel-chart">
      <svg role="img" aria-labelledby={`${id}-t`} width="100%" height={height}>
        <title id={`${id}-t`}>{title}</title>
        {stages.map((s, i) => {
          const y = i * (BAR + GAP);
          return (
            <text key={`l${s.label}`} x={0} y={y + BAR / 2 + 4} font-size={12} style={{ fill: 'var(--fg)' }}>
              {s.label}
            </text>
          );
        })}
        {/* The bar area: a nested viewport, so percentages below are of the bars' width. */}
        <svg x={`${LABELS}%`} width={`${100 - LABELS}%`} height={height} overflow="visible">
          {stages.map((s, i) => {
            const y = i * (BAR + GAP);
            // A stage nobody reached still shows a sliver, so the row does not look missing.
            const w = Math.max(1.5, share(s.value, top) * 100);
            // The count goes inside a bar wide enough for it, else beside it.
            const inside = w >= 8 + 4 * s.valueText.length;
            const conversion = i > 0 ? conversions[i - 1] : undefined;
            return (
              <g key={`b${s.label}`}>
                {conversion !== undefined && (
                  <text x="50%" y={y - 5} font-size={11} text-anchor="middle" style={{ fill: 'var(--muted)' }}>
                    ↓ {conversion}
                  </text>
                )}
                <rect
                  x={`${50 - w / 2}%`}
                  y={y}
                  width={`${w}%`}
                  height={BAR}
                  rx={5}
                  // Later stages a little lighter, as a funnel narrows; text stays on the solid part.
                  style={{ fill: `color-mix(in srgb, var(--accent) ${100 - i * 8}%, var(--panel))` }}
                />
                <text
                  x={inside ? '50%' : `${50 + w / 2}%`}
                  dx={inside ? 0 : 6}
                  y={y + BAR / 2 + 4}
                  font-size={12}
                  font-weight={700}
                  text-anchor={inside ? 'middle' : 'start'}
                  style={{ fill: inside ? 'var(--accent-fg)' : 'var(--fg)' }}
                >
                  {s.valueText}
                </text>
              </g>
            );
          })}
        </svg>
      </svg>
      <ChartTable
        caption={title}
        columns={columns}
        rows={stages.map((s, i) => [s.label, s.valueText, i > 0 ? (conversions[i - 1] ?? '') : '—'])}
      />
    </figure>
  );
}
