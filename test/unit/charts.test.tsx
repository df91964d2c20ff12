/**
 * The chart components, rendered with Preact into a linkedom document: the drawing must match
 * the numbers (bar widths as shares of the largest), and the hidden table must hold every number
 * the drawing shows, since that table is what assistive technology reads.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../components/charts/BarChart';
import { share } from '../../components/charts/ChartTable';
import { FunnelChart } from '../../components/charts/FunnelChart';
import { StackedBar } from '../../components/charts/StackedBar';

function mount(node: preact.ComponentChild): HTMLElement {
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  const root = document.getElementById('root') as unknown as HTMLElement;
  render(node, root);
  return root;
}

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
const headers = (root: HTMLElement) => [...root.querySelectorAll('thead th')].map((th) => th.textContent);
/** The `width` of each rect with the given fill, in document order. */
const widths = (root: HTMLElement, fill: string) =>
  [...root.querySelectorAll('rect')]
    .filter(
      (r) => (r.getAttribute('style') ?? '').includes(`fill: ${fill}`) || r.getAttribute('style') === `fill:${fill}`,
    )
    .map((r) => r.getAttribute('width'));

describe('share', () => {
  it('is the fraction of the maximum, clamped to 0–1, and 0 for nothing', () => {
    expect(share(30, 120)).toBe(0.25);
    expect(share(150, 120)).toBe(1);
    expect(share(-5, 120)).toBe(0);
    expect(share(5, 0)).toBe(0);
    expect(share(Number.NaN, 10)).toBe(0);
  });
});

describe('BarChart', () => {
  it('draws each bar as its share of the largest, and lists every number in a hidden table', () => {
    const root = mount(
      <BarChart
        title="Median days in each stage"
        columns={['Stage', 'Median days', 'Notes']}
        bars={[
          { label: 'Meeting', value: 10, valueText: '10 days' },
          { label: 'Proposal', value: 20, valueText: '20 days', highlight: true, note: 'Bottleneck' },
          { label: 'Negotiation', value: 0, valueText: '—' },
        ]}
      />,
    );
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const title = svg.querySelector('title')!;
    expect(title.textContent).toBe('Median days in each stage');
    expect(svg.getAttribute('aria-labelledby')).toBe(title.getAttribute('id'));
    // 10 of the largest 20 = 50%; 20 of 20 = 100%, in the warning colour; 0 draws no bar at all.
    expect(widths(root, 'var(--accent)')).toEqual(['50%']);
    expect(widths(root, 'var(--hot)')).toEqual(['100%']);
    expect(root.querySelector('.sr-only table caption')?.textContent).toBe('Median days in each stage');
    expect(headers(root)).toEqual(['Stage', 'Median days', 'Notes']);
    expect(rows(root)).toEqual([
      ['Meeting', '10 days', ''],
      ['Proposal', '20 days', 'Bottleneck'],
      ['Negotiation', '—', ''],
    ]);
  });

  it('draws a part inside its whole (weighted inside unweighted) against the largest whole', () => {
    const root = mount(
      <BarChart
        title="Forecast"
        columns={['Month', 'Weighted', 'Unweighted']}
        legend={['Weighted', 'Unweighted']}
        bars={[
          { label: 'Jul 2026', value: 20_000, valueText: '€20,000', total: 40_000, totalText: '€40,000' },
          { label: 'Aug 2026', value: 12_000, valueText: '€12,000', total: 16_000, totalText: '€16,000' },
        ]}
      />,
    );
    // Solid parts: 20,000 ÷ 40,000 = 50%, 12,000 ÷ 40,000 = 30%; pale wholes: 100%, 40%.
    expect(widths(root, 'var(--accent)')).toEqual(['50%', '30%']);
    const pale = [...root.querySelectorAll('rect')]
      .filter((r) => (r.getAttribute('style') ?? '').includes('28%'))
      .map((r) => r.getAttribute('width'));
    expect(pale).toEqual(['100%', '40%']);
    expect(rows(root)).toEqual([
      ['Jul 2026', '€20,000', '€40,000'],
      ['Aug 2026', '€12,000', '€16,000'],
    ]);
  });

  it('takes explicit table rows when the table needs more columns than the bars show', () => {
    const root = mount(
      <BarChart
        title="Revenue by source"
        columns={['Source', 'Revenue', 'Win rate']}
        bars={[{ label: 'Referral', value: 30_000, valueText: '€30,000', note: '2 won · 100%' }]}
        tableRows={[['Referral', '€30,000', '100%']]}
      />,
    );
    expect(rows(root)).toEqual([['Referral', '€30,000', '100%']]);
  });
});

describe('FunnelChart', () => {
  it('centres bars as wide as the share of the top stage, with the conversions between them', () => {
    const root = mount(
      <FunnelChart
        title="Funnel"
        columns={['Stage', 'Reached', 'Conversion']}
        stages={[
          { label: 'Prospecting', value: 4, valueText: '4' },
          { label: 'Meeting', value: 2, valueText: '2' },
          { label: 'Won', value: 0, valueText: '0' },
        ]}
        conversions={['50%', '0%']}
      />,
    );
    const bars = [...root.querySelectorAll('rect')].map((r) => [r.getAttribute('x'), r.getAttribute('width')]);
    // 4/4 → 100% wide from 0%; 2/4 → 50% from 25%; nobody → a 1.5% sliver, still centred.
    expect(bars).toEqual([
      ['0%', '100%'],
      ['25%', '50%'],
      ['49.25%', '1.5%'],
    ]);
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['↓ 50%', '↓ 0%']));
    expect(rows(root)).toEqual([
      ['Prospecting', '4', '—'],
      ['Meeting', '2', '50%'],
      ['Won', '0', '0%'],
    ]);
  });
});

describe('StackedBar', () => {
  it('splits one bar in proportion to the parts', () => {
    const root = mount(
      <StackedBar
        title="NPS"
        columns={['Group', 'Answers']}
        segments={[
          { label: 'Promoters', value: 3, color: 'var(--ok)', valueText: '3 · 60%' },
          { label: 'Passives', value: 1, color: 'var(--warm)', valueText: '1 · 20%' },
          { label: 'Detractors', value: 1, color: 'var(--danger)', valueText: '1 · 20%' },
        ]}
      />,
    );
    const part = (color: string) => {
      const r = [...root.querySelectorAll('rect')].find((x) => (x.getAttribute('style') ?? '').includes(color))!;
      return [r.getAttribute('x'), r.getAttribute('width')];
    };
    // 3 of 5 = 60% from 0; then 20% from 60%; then 20% from 80%.
    expect(part('var(--ok)')).toEqual(['0%', '60%']);
    expect(part('var(--warm)')).toEqual(['60%', '20%']);
    expect(part('var(--danger)')).toEqual(['80%', '20%']);
    expect(rows(root)).toEqual([
      ['Promoters', '3 · 60%'],
      ['Passives', '1 · 20%'],
      ['Detractors', '1 · 20%'],
    ]);
  });
});
