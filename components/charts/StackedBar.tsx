/**
 * One bar split into parts (NPS: promoters, passives, detractors), with a legend of counts
 * and shares. For a few parts of one whole, where a pie would make people compare angles.
 * Widths are percentages, so the bar fills its card at any size.
 */
import { useId } from 'preact/hooks';
import { ChartTable } from './ChartTable';

export interface Segment {
  label: string;
  value: number;
  /** A CSS colour, usually a theme variable: `var(--ok)`. */
  color: string;
  /** Shown in the legend: "3 · 60%". */
  valueText: string;
}

export interface StackedBarProps {
  title: string;
  segments: readonly Segment[];
  /** Hidden table headers: part, value. */
  columns: readonly [string, string];
}

const HEIGHT = 18;

export function StackedBar({ title, segments, columns }: StackedBarProps) {
  const id = useId();
  const total = segments.reduce((s, x) => s + Math.max(0, x.value), 0);
  let x = 0;
  const parts = segments.map((s) => {
    const w = total > 0 ? (Math.max(0, s.value) / total) * 100 : 0;
    const at = x;
    x += w;
    return { s, at, w };
  });
  return (
    <figure class="chart stacked-bar">
      <svg role="img" aria-labelledby={`${id}-t`} width="100%" height={HEIGHT}>
        <title id={`${id}-t`}>{title}</title>
        <clipPath id={`${id}-c`}>
          <rect x={0} y={0} width="100%" height={HEIGHT} rx={6} />
        </clipPath>
        <g clip-path={`url(#${id}-c)`}>
          <rect x={0} y={0} width="100%" height={HEIGHT} style={{ fill: 'var(--line)', opacity: 0.55 }} />
          {parts.map(({ s, at, w }) =>
            w > 0 ? (
              <rect key={s.label} x={`${at}%`} y={0} width={`${w}%`} height={HEIGHT} style={{ fill: s.color }}>
                <title>{`${s.label}: ${s.valueText}`}</title>
              </rect>
            ) : null,
          )}
          {/* Hairlines between parts, so two similar colours never merge. */}
          {parts
            .slice(1)
            .map(({ s, at, w }) =>
              w > 0 && at > 0 ? (
                <rect
                  key={`${s.label}-sep`}
                  x={`${at}%`}
                  y={0}
                  width={2}
                  transform="translate(-1 0)"
                  height={HEIGHT}
                  style={{ fill: 'var(--panel)' }}
                />
              ) : null,
            )}
        </g>
      </svg>
      <ul class="chart-legend" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.label}>
            <i style={{ background: s.color }} /> {s.label} <b>{s.valueText}</b>
          </li>
        ))}
      </ul>
      <ChartTable caption={title} columns={columns} rows={segments.map((s) => [s.label, s.valueText])} />
    </figure>
  );
}
