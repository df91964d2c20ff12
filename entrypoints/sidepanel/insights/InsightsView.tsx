/**
 * The Insights view: the numbers a rep and a manager steer by, for a month, quarter, year or
 * custom range in the rep's time zone. It loads its own records (./load.ts) on mount and again
 * when the background reports a write to a store the metrics read; lib/metrics computes, the
 * chart components draw. Loaded lazily by the panel, so none of this is in its start-up code.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { BarChart } from '../../../components/charts/BarChart';
import { FunnelChart } from '../../../components/charts/FunnelChart';
import { StackedBar } from '../../../components/charts/StackedBar';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import {
  customPeriod,
  type Insights,
  insightsFor,
  insightsToCsv,
  localDate,
  type Period,
  type PeriodUnit,
  periodOf,
  prepareMetrics,
  startOfLocalDay,
  UNSCHEDULED,
} from '../../../lib/metrics';
import type { LeadSource, ObjectionCategory, Settings, StoreName } from '../../../lib/records';
import { resolveTimeZone } from '../../../lib/time';
import { onChange } from '../data';
import { type InsightsData, loadInsights } from './load';
import './insights.css';

type Unit = PeriodUnit | 'custom';

/** What the picker shows: a calendar unit shifted from the current one, or a custom date range. */
interface Selection {
  unit: Unit;
  shift: number;
  /** Custom range, `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
}

/** The stores the metrics read; writes elsewhere (notes, follow-ups) do not reload the view. */
const READS = new Set<StoreName>(['deals', 'activities', 'objections', 'nps', 'contacts', 'settings']);

const UNITS: { unit: Unit; label: string }[] = [
  { unit: 'month', label: 'Month' },
  { unit: 'quarter', label: 'Quarter' },
  { unit: 'year', label: 'Year' },
  { unit: 'custom', label: 'Custom' },
];

const SOURCE_LABELS: Record<LeadSource, string> = {
  referral: 'Referral',
  'existing-customer': 'Existing customer',
  'closed-lost-revival': 'Closed-lost revival',
  event: 'Event, webinar or fair',
  inbound: 'Inbound content',
  social: 'Social',
  'live-chat': 'Live chat',
  'purchased-list': 'Purchased list',
  outbound: 'Outbound',
  other: 'Other',
};

const OBJECTION_LABELS: Record<ObjectionCategory, string> = {
  price: 'Price',
  features: 'Features',
  outcomes: 'Expected outcomes',
  timing: 'Timing',
  competitor: 'Competitor',
  authority: 'Authority',
  other: 'Other',
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Calendar arithmetic on `YYYY-MM-DD` (UTC dates, so no time zone or DST enters it). */
function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
const validDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The period a selection stands for, or a reason it has none. */
function periodFor(sel: Selection, now: number, tz: string): Period | string {
  if (sel.unit !== 'custom') return periodOf(sel.unit, now, tz, sel.shift);
  if (!validDate(sel.from) || !validDate(sel.to)) return 'Choose a start and an end date.';
  if (sel.to < sel.from) return 'The end date is before the start date.';
  const [y1, m1, d1] = sel.from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = sel.to.split('-').map(Number) as [number, number, number];
  // The end date is included, so the period ends when the day after it begins.
  return customPeriod(startOfLocalDay(y1, m1, d1, tz), startOfLocalDay(y2, m2, d2 + 1, tz), tz);
}

function periodTitle(sel: Selection, p: Period, tz: string): string {
  if (sel.unit === 'month') {
    return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: tz }).format(p.start);
  }
  if (sel.unit === 'quarter') {
    const [year, q] = p.label.split('-');
    return `${q} ${year}`;
  }
  if (sel.unit === 'year') return p.label;
  return `${formatDate(p.start, undefined, tz)} – ${formatDate(p.end - 1, undefined, tz)}`;
}

/** `2026-07` → "Jul 2026". */
function monthTitle(key: string): string {
  if (key === UNSCHEDULED) return 'No close date';
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 15),
  );
}

const days = (n: number) => `${formatNumber(n, undefined, 1)} ${n === 1 ? 'day' : 'days'}`;
const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
/**
 * Stalled deals listed, longest-stalled first: a pipeline of thousands can have thousands, and
 * laying them all out took seconds.
 */
const STALLED_SHOWN = 25;
const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

/** Saves the figures as CSV through a download link (no `downloads` permission needed). */
function downloadCsv(insights: Insights): void {
  // The byte-order mark makes Excel read the file as UTF-8 (stage names may have accents).
  const blob = new Blob(['\uFEFF', insightsToCsv(insights)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `leadline-insights-${insights.period.label.replace(/[^\w-]+/g, '_')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** `onReady`: called once the figures are on screen (the panel then loads what waited for them). */
export function InsightsView(props: { now: number; onReady?: () => void }): JSX.Element {
  const { now, onReady } = props;
  const [loaded, setLoaded] = useState<InsightsData>();
  const [error, setError] = useState<string>();
  const [sel, setSel] = useState<Selection>({ unit: 'month', shift: 0, from: '', to: '' });

  useEffect(() => {
    let alive = true;
    let busy = false;
    let again = false;
    // A burst of writes reloads once after the read in flight, not once per write.
    const run = () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      loadInsights()
        .then(
          (d) => {
            if (alive) {
              performance.mark('leadline:insights-loaded');
              setLoaded(d);
              setError(undefined);
            }
          },
          (e: unknown) => alive && setError(message(e)),
        )
        .finally(() => {
          busy = false;
          if (again && alive) {
            again = false;
            run();
          }
        });
    };
    // mount → loaded is the read, loaded → ready the metrics and the render (for `npm run bench`).
    performance.mark('leadline:insights-mount');
    run();
    const off = onChange((e) => {
      if (e.resync || e.changes.some((c) => READS.has(c.store))) run();
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  const settings = loaded?.settings;
  const tz = resolveTimeZone(settings?.timeZone ?? '', Intl.DateTimeFormat().resolvedOptions().timeZone);
  const period = useMemo(() => periodFor(sel, now, tz), [sel, now, tz]);
  // Activities grouped and histories rebuilt once per read, not again for every period picked.
  const prepared = useMemo(() => loaded && prepareMetrics(loaded.data, loaded.settings), [loaded]);
  const insights = useMemo(
    () => (prepared && typeof period !== 'string' ? insightsFor(prepared, period, now) : undefined),
    [prepared, period, now],
  );

  // The moment the figures are on screen, for `npm run bench`.
  useEffect(() => {
    if (insights && !performance.getEntriesByName('leadline:insights-ready').length) {
      requestAnimationFrame(() => performance.mark('leadline:insights-ready'));
    }
  }, [insights]);
  useEffect(() => {
    if (insights || error) onReady?.();
  }, [insights, error, onReady]);

  if (error)
    return (
      <p role="alert" class="banner error">
        Insights could not be loaded: {error}
      </p>
    );
  if (!loaded || !settings) return <p class="loading">Loading insights…</p>;

  const current = typeof period === 'string' ? undefined : period;
  const unitName = sel.unit === 'custom' ? 'range' : sel.unit;

  const choose = (unit: Unit) =>
    setSel((s) => {
      if (unit !== 'custom') return { ...s, unit, shift: 0 };
      // A custom range starts as the period on screen, which is usually what the rep adjusts.
      const from = current ? localDate(current.start, tz) : localDate(now, tz);
      const to = current ? localDate(current.end - 1, tz) : localDate(now, tz);
      return { ...s, unit, from: s.from || from, to: s.to || to };
    });
  const step = (by: number) =>
    setSel((s) => {
      if (s.unit !== 'custom') return { ...s, shift: s.shift + by };
      if (!validDate(s.from) || !validDate(s.to)) return s;
      const span = daysBetween(s.from, s.to) + 1;
      return { ...s, from: addDays(s.from, by * span), to: addDays(s.to, by * span) };
    });

  return (
    <div class="insights">
      <header class="insights-head">
        <div class="insights-title">
          <h1>Insights</h1>
          <button
            type="button"
            class="secondary export"
            disabled={!insights}
            onClick={() => insights && downloadCsv(insights)}
          >
            Export CSV
          </button>
        </div>
        <fieldset class="period-units">
          <legend class="sr-only">Period</legend>
          {UNITS.map((u) => (
            <button
              key={u.unit}
              type="button"
              class="chip"
              aria-pressed={sel.unit === u.unit}
              onClick={() => choose(u.unit)}
            >
              {u.label}
            </button>
          ))}
        </fieldset>
        <div class="period-nav">
          <button type="button" class="nav" aria-label={`Previous ${unitName}`} onClick={() => step(-1)}>
            ‹
          </button>
          <output class="period-label" aria-live="polite">
            {current ? periodTitle(sel, current, tz) : '—'}
          </output>
          <button type="button" class="nav" aria-label={`Next ${unitName}`} onClick={() => step(1)}>
            ›
          </button>
          {sel.unit !== 'custom' && sel.shift !== 0 && (
            <button type="button" class="link" onClick={() => setSel((s) => ({ ...s, shift: 0 }))}>
              This {sel.unit}
            </button>
          )}
        </div>
        {sel.unit === 'custom' && (
          <div class="period-custom">
            <label>
              <span>From</span>
              <input
                type="date"
                value={sel.from}
                onChange={(e) => setSel((s) => ({ ...s, from: e.currentTarget.value }))}
              />
            </label>
            <label>
              <span>To</span>
              <input
                type="date"
                value={sel.to}
                onChange={(e) => setSel((s) => ({ ...s, to: e.currentTarget.value }))}
              />
            </label>
          </div>
        )}
      </header>
      {typeof period === 'string' && (
        <p class="banner error" role="alert">
          {period}
        </p>
      )}
      {insights && <Figures insights={insights} settings={settings} tz={tz} now={now} />}
    </div>
  );
}

interface FiguresProps {
  insights: Insights;
  settings: Settings;
  tz: string;
  now: number;
}

function Figures({ insights: i, settings, tz, now }: FiguresProps) {
  const cur = i.currency;
  const money = (n: number) => formatMoney(n, cur);
  const stageName = (id: string) => settings.stages.find((s) => s.id === id)?.name ?? id;
  const skipped = Object.entries(i.skippedCurrencies);
  const bottleneck = i.timeInStage.bottleneck;
  const bottleneckStage = i.timeInStage.stages.find((s) => s.stage === bottleneck);
  const thisMonth = localDate(now, tz).slice(0, 7);
  const v = i.velocity;

  return (
    <>
      {skipped.length > 0 && (
        <p class="banner note">
          Left out of money figures (not in {cur}):{' '}
          {skipped.map(([c, n]) => `${count(n, 'deal', 'deals')} in ${c}`).join(', ')}.
        </p>
      )}

      <div class="insight-cards">
        <section class="insight-kpis" aria-labelledby="kpi-h">
          <h2 id="kpi-h" class="sr-only">
            Key figures
          </h2>
          <dl class="kpis">
            <Kpi
              name="Win rate"
              value={i.winRate.rate === null ? null : formatPercent(i.winRate.rate)}
              note={`${formatNumber(i.winRate.won)} won · ${formatNumber(i.winRate.lost)} lost`}
              empty="Appears when a deal is won or lost in this period."
            />
            <Kpi
              name="Average deal size"
              value={i.averageDealSize.mean === null ? null : money(i.averageDealSize.mean)}
              note={`${money(i.averageDealSize.total)} won in all`}
              empty="Appears when a deal is won in this period."
            />
            <Kpi
              name="Sales cycle"
              value={i.salesCycle.medianDays === null ? null : formatNumber(i.salesCycle.medianDays, undefined, 1)}
              unit={i.salesCycle.medianDays === 1 ? ' day' : ' days'}
              note={i.salesCycle.meanDays === null ? '' : `median · mean ${days(i.salesCycle.meanDays)}`}
              empty="Appears when a deal is won in this period: days from first clip to the win."
            />
            <Kpi
              name="Pipeline velocity"
              value={v.perDay === null ? null : money(v.perDay)}
              unit="/day"
              note={
                v.perDay === null
                  ? ''
                  : `${formatNumber(v.openDeals)} open × ${formatPercent(v.winRate ?? 0)} × ${money(v.averageDealSize ?? 0)} ÷ ${days(v.averageCycleDays ?? 0)}`
              }
              empty={
                v.openDeals === 0 ? 'Appears when you have open deals.' : 'Appears when a deal is won in this period.'
              }
            />
            <Kpi
              name="Attainment"
              value={i.attainment.ratio === null ? null : formatPercent(i.attainment.ratio)}
              note={
                i.attainment.quota === null ? '' : `${money(i.attainment.won)} of ${money(i.attainment.quota)} quota`
              }
              meter={i.attainment.ratio ?? undefined}
              empty={
                i.attainment.quota === null
                  ? `${money(i.attainment.won)} won. Set a quota for this period in Options to see attainment.`
                  : `${money(i.attainment.won)} won; the quota for this period is 0.`
              }
            />
            <Kpi
              name="Churn rate"
              value={i.churn.rate === null ? null : formatPercent(i.churn.rate)}
              note={`${formatNumber(i.churn.churned)} of ${count(i.churn.atStart, 'customer', 'customers')}`}
              empty="Appears when you had customers at the start of this period."
            />
            <Kpi
              name="NPS"
              value={i.nps.score === null ? null : signed(Math.round(i.nps.score))}
              note={count(i.nps.answers, 'answer', 'answers')}
              empty="Appears when a customer’s NPS answer is recorded in this period."
            />
            <Kpi
              name="Touchpoints per won deal"
              value={i.touchpoints.average === null ? null : formatNumber(i.touchpoints.average, undefined, 1)}
              note={`${formatNumber(i.touchpoints.touchpoints)} over ${count(i.touchpoints.deals, 'win', 'wins')} · about 8 is typical`}
              empty="Appears when a deal is won in this period: calls, emails, meetings before the win."
            />
            <Kpi
              name="Bottleneck"
              value={bottleneck === null ? null : stageName(bottleneck)}
              word
              note={bottleneckStage?.medianDays == null ? '' : `median ${days(bottleneckStage.medianDays)} there`}
              empty="Appears when deals move on from a stage in this period."
            />
          </dl>
        </section>

        <Card
          id="funnel"
          title="Stage-to-stage conversion"
          sub={`${count(i.conversion.cohort, 'deal', 'deals')} created in this period, and how far they got`}
        >
          {i.conversion.cohort === 0 ? (
            <Empty>The funnel appears when deals are created in this period.</Empty>
          ) : (
            <FunnelChart
              title={`Funnel of the ${count(i.conversion.cohort, 'deal', 'deals')} created in this period`}
              stages={i.conversion.funnel.map((f) => ({
                label: stageName(f.stage),
                value: f.reached,
                valueText: formatNumber(f.reached),
              }))}
              conversions={i.conversion.steps.map((s) => (s.rate === null ? '—' : formatPercent(s.rate)))}
              columns={['Stage', 'Deals that reached it', 'Conversion from the stage before']}
            />
          )}
        </Card>

        <Card
          id="forecast"
          title="Forecast by expected close"
          sub={
            i.forecast.months.length
              ? `Open deals now: ${money(i.forecast.weighted)} weighted by stage probability, of ${money(i.forecast.unweighted)}`
              : 'Open deals now, by the month they are expected to close'
          }
        >
          {i.forecast.months.length === 0 ? (
            <Empty>The forecast appears when you have open deals in {cur}.</Empty>
          ) : (
            <BarChart
              title="Forecast by expected close month: weighted and unweighted value"
              legend={['Weighted', 'Unweighted']}
              columns={['Month', 'Weighted', 'Unweighted', 'Deals']}
              bars={i.forecast.months.map((m) => {
                const overdue = m.month !== UNSCHEDULED && m.month < thisMonth;
                return {
                  label: monthTitle(m.month),
                  value: m.weighted,
                  valueText: money(m.weighted),
                  total: m.unweighted,
                  totalText: money(m.unweighted),
                  note: `${count(m.deals, 'deal', 'deals')} · ${money(m.unweighted)} unweighted${overdue ? ' · overdue' : ''}`,
                  highlight: overdue,
                };
              })}
            />
          )}
        </Card>

        <Card id="sources" title="Lead sources" sub="Leads created and deals closed in this period, by source">
          {i.sources.length === 0 ? (
            <Empty>Lead sources appear when deals are created or closed in this period.</Empty>
          ) : (
            <BarChart
              title="Revenue by lead source"
              columns={['Source', 'Revenue', 'Leads', 'Won', 'Win rate', 'Return on spend']}
              bars={i.sources.map((s) => ({
                label: SOURCE_LABELS[s.source],
                value: s.revenue,
                valueText: money(s.revenue),
                note: [
                  count(s.leads, 'lead', 'leads'),
                  `${formatNumber(s.won)} won`,
                  s.winRate === null ? 'no closes' : `win rate ${formatPercent(s.winRate)}`,
                  s.returnOnSpend === null ? '' : `ROI ${formatPercent(s.returnOnSpend)}`,
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              tableRows={i.sources.map((s) => [
                SOURCE_LABELS[s.source],
                money(s.revenue),
                formatNumber(s.leads),
                formatNumber(s.won),
                s.winRate === null ? '—' : formatPercent(s.winRate),
                s.returnOnSpend === null ? '—' : formatPercent(s.returnOnSpend),
              ])}
            />
          )}
        </Card>

        <Card
          id="time-in-stage"
          title="Time in stage"
          sub="Median days a deal spent in each stage, for stays that ended in this period"
        >
          {bottleneck === null ? (
            <Empty>Time in stage appears when deals move on from a stage in this period.</Empty>
          ) : (
            <BarChart
              title="Median days in each stage; the bottleneck is highlighted"
              columns={['Stage', 'Median days', 'Notes']}
              bars={i.timeInStage.stages.map((s) => ({
                label: stageName(s.stage),
                value: s.medianDays ?? 0,
                valueText: s.medianDays === null ? '—' : days(s.medianDays),
                highlight: s.stage === bottleneck,
                note: [
                  s.stage === bottleneck ? 'Bottleneck' : '',
                  s.current > 0
                    ? `${count(s.current, 'deal', 'deals')} there now${s.currentMedianDays === null ? '' : `, ${days(Math.floor(s.currentMedianDays))} so far`}`
                    : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
            />
          )}
        </Card>

        <Card id="nps" title="Net Promoter Score" sub="Each customer’s latest answer in this period">
          {i.nps.answers === 0 || i.nps.score === null ? (
            <Empty>NPS appears when a customer’s answer (0–10) is recorded in this period.</Empty>
          ) : (
            <>
              <p class="nps-score">
                <strong>{signed(Math.round(i.nps.score))}</strong>{' '}
                <span class="muted">from {count(i.nps.answers, 'answer', 'answers')}: % promoters − % detractors</span>
              </p>
              <StackedBar
                title={`NPS ${signed(Math.round(i.nps.score))}: promoters, passives and detractors`}
                columns={['Group', 'Answers']}
                segments={[
                  { label: 'Promoters (9–10)', value: i.nps.promoters, color: 'var(--ok)' },
                  { label: 'Passives (7–8)', value: i.nps.passives, color: 'var(--warm)' },
                  { label: 'Detractors (0–6)', value: i.nps.detractors, color: 'var(--danger)' },
                ].map((s) => ({
                  ...s,
                  valueText: `${formatNumber(s.value)} · ${formatPercent(s.value / i.nps.answers)}`,
                }))}
              />
            </>
          )}
        </Card>

        <Card id="objections" title="Objections" sub="Recorded in this period, most frequent first">
          {i.objections.length === 0 ? (
            <Empty>Objections appear here when you log them on a deal in this period.</Empty>
          ) : (
            <ol class="objections">
              {i.objections.map((o) => (
                <li key={o.category}>
                  <span class="name">{OBJECTION_LABELS[o.category]}</span>
                  <span class="count">{formatNumber(o.count)}</span>
                  <span class="muted">
                    {o.unresolved > 0 ? `${formatNumber(o.unresolved)} unresolved` : 'all answered'}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>

        <Card id="stalled" title="Stalled deals" sub="Open deals in a stage for longer than its limit, now">
          {i.stalled.length === 0 ? (
            <Empty>No stalled deals: every open deal is within its stage’s limit.</Empty>
          ) : (
            <ul class="stalled">
              {i.stalled.slice(0, STALLED_SHOWN).map((s) => (
                <li key={s.dealId}>
                  <a href={`#lead/${s.dealId}`}>{s.title}</a>
                  <span class="muted">
                    {stageName(s.stage)} for {days(Math.floor(s.daysInStage))} (limit {s.staleDays})
                  </span>
                  {s.idle && <span class="flag rot">untouched {days(Math.floor(s.daysSinceActivity))}</span>}
                </li>
              ))}
              {i.stalled.length > STALLED_SHOWN && (
                <li class="muted">…and {formatNumber(i.stalled.length - STALLED_SHOWN)} more</li>
              )}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

interface KpiProps {
  name: string;
  /** The figure, formatted; null shows `empty` instead. */
  value: string | null;
  /** Set smaller after the figure (" days", "/day"), so the number stands out and fits. */
  unit?: string;
  note: string;
  empty: string;
  /** A ratio to draw as a progress bar under the figure (attainment). */
  meter?: number;
  /** The figure is a word (a stage name): set smaller, and it may wrap. */
  word?: boolean;
}

function Kpi({ name, value, unit, note, empty, meter, word }: KpiProps) {
  return (
    <div class={value === null ? 'kpi empty-kpi' : 'kpi'}>
      <dt>{name}</dt>
      {value === null ? (
        <dd class="kpi-empty">{empty}</dd>
      ) : (
        <>
          <dd class={word ? 'kpi-value word' : 'kpi-value'}>
            {value}
            {unit && <small>{unit}</small>}
          </dd>
          {meter !== undefined && (
            <dd class="kpi-meter" aria-hidden="true">
              <span style={{ width: `${Math.min(1, Math.max(0, meter)) * 100}%` }} class={meter >= 1 ? 'met' : ''} />
            </dd>
          )}
          {note && <dd class="kpi-note">{note}</dd>}
        </>
      )}
    </div>
  );
}

function Card(props: { id: string; title: string; sub: string; children: JSX.Element | JSX.Element[] | null }) {
  return (
    <section class="insight-card" id={`insight-${props.id}`} aria-labelledby={`insight-${props.id}-h`}>
      <h2 id={`insight-${props.id}-h`}>{props.title}</h2>
      <p class="sub">{props.sub}</p>
      {props.children}
    </section>
  );
}

function Empty(props: { children: string | (string | JSX.Element)[] }) {
  return <p class="insight-empty">{props.children}</p>;
}
