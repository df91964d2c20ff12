/**
 * The text alternative every chart carries: the numbers it draws, as a table that screen
 * readers read and sighted people never see (`.sr-only`). The drawing itself is one
 * `role="img"` with a title, so assistive technology reads the table instead of SVG text.
 */

export interface ChartTableProps {
  caption: string;
  /** Column headers; the first column heads each row. */
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

export function ChartTable({ caption, columns, rows }: ChartTableProps) {
  return (
    // The class sits on a wrapper: a table ignores `width: 1px` and would widen the page.
    <div class="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // Rows are positional (a chart's order is its meaning) and labels may repeat: keyed by index.
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={columns[j] ?? j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={columns[j] ?? j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The fraction of `max` that `value` fills, clamped to 0–1; 0 when `max` is not positive. */
export function share(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(1, value / max);
}
