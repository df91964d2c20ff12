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
import { errorText, type LabelKey, objectionLabel, sourceLabel, stageName, t } from '../../../components/i18n';
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
import type { Settings, StoreName } from '../../../lib/records';
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

const UNITS: { unit: Unit; label: LabelKey; previous: LabelKey; next: LabelKey; current?: LabelKey }[] = [
  {
    unit: 'month',
    label: 'insights.month',
    previous: 'insights.prevMonth',
    next: 'insights.nextMonth',
    current: 'insights.thisMonth',
  },
  {
    unit: 'quarter',
    label: 'insights.quarter',
    previous: 'insights.prevQuarter',
    next: 'insights.nextQuarter',
    current: 'insights.thisQuarter',
  },
  {
    unit: 'year',
    label: 'insights.year',
    previous: 'insights.prevYear',
    next: 'insights.nextYear',
    current: 'insights.thisYear',
  },
  { unit: 'custom', label: 'insights.custom', previous: 'insights.prevRange', next: 'insights.nextRange' },
];

const message = errorText;

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
  if (!validDate(sel.from) || !validDate(sel.to)) return t('insights.chooseRange');
  if (sel.to < sel.from) return t('insights.endBeforeStart');
  const [y1, m1, d1] = sel.from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = sel.to.split('-').map(Number) as [number, number, number];
  // The end date is included, so the period ends when the day after it begins.
  return customPeriod(startOfLocalDay(y1, m1, d1, tz), startOfLocalDay(y2, m2, d2 + 1, tz), tz);
}

function periodTitle(sel: Selection, p: Period, tz: string, locale: string): string {
  if (sel.unit === 'month') {
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: tz }).format(p.start);
  }
  if (sel.unit === 'quarter') {
    const [year, q] = p.label.split('-');
    return t('insights.quarterTitle', { quarter: (q ?? '').replace(/\D/g, ''), year: year ?? '' });
  }
  if (sel.unit === 'year') return p.label;
  return `${formatDate(p.start, locale, tz)} – ${formatDate(p.end - 1, locale, tz)}`;
}

/** `2026-07` → "Jul 2026". */
function monthTitle(key: string, locale: string): string {
  if (key === UNSCHEDULED) return t('insights.noCloseDate');
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 15),
  );
}

/**
 * Stalled deals listed, longest-stalled first: a pipeline of thousands can have thousands, and
 * laying them all out took seconds.
 */
const STALLED_SHOWN = 25;

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

/**
 * `locale`: the language and region figures are written in (the panel's main.tsx). `onReady`:
 * called once the figures are on screen (the panel then loads what waited for them).
 */
export function InsightsView(props: { now: number; locale: string; onReady?: () => void }): JSX.Element {
  const { now, locale, onReady } = props;
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
        {t('insights.loadFailed', { error })}
      </p>
    );
  if (!loaded || !settings) return <p class="loading">{t('insights.loading')}</p>;

  const current = typeof period === 'string' ? undefined : period;
  const nav = UNITS.find((u) => u.unit === sel.unit) ?? UNITS[0];

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
          <h1>{t('tabs.insights')}</h1>
          <button
            type="button"
            class="secondary export"
            disabled={!insights}
            onClick={() => insights && downloadCsv(insights)}
          >
            {t('insights.exportCsv')}
          </button>
        </div>
        <fieldset class="period-units">
          <legend class="sr-only">{t('insights.period')}</legend>
          {UNITS.map((u) => (
            <button
              key={u.unit}
              type="button"
              class="chip"
              aria-pressed={sel.unit === u.unit}
              onClick={() => choose(u.unit)}
            >
              {t(u.label)}
            </button>
          ))}
        </fieldset>
        <div class="period-nav">
          <button type="button" class="nav" aria-label={nav && t(nav.previous)} onClick={() => step(-1)}>
            ‹
          </button>
          <output class="period-label" aria-live="polite">
            {current ? periodTitle(sel, current, tz, locale) : '—'}
          </output>
          <button type="button" class="nav" aria-label={nav && t(nav.next)} onClick={() => step(1)}>
            ›
          </button>
          {nav?.current && sel.shift !== 0 && (
            <button type="button" class="link" onClick={() => setSel((s) => ({ ...s, shift: 0 }))}>
              {t(nav.current)}
            </button>
          )}
        </div>
        {sel.unit === 'custom' && (
          <div class="period-custom">
            <label>
              <span>{t('insights.from')}</span>
              <input
                type="date"
                value={sel.from}
                onChange={(e) => setSel((s) => ({ ...s, from: e.currentTarget.value }))}
              />
            </label>
            <label>
              <span>{t('insights.to')}</span>
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
      {insights && <Figures insights={insights} settings={settings} tz={tz} now={now} locale={locale} />}
    </div>
  );
}

interface FiguresProps {
  insights: Insights;
  settings: Settings;
  tz: string;
  now: number;
  locale: string;
}

function Figures({ insights: i, settings, tz, now, locale }: FiguresProps) {
  const cur = i.currency;
  const money = (n: number) => formatMoney(n, cur, locale);
  const num = (n: number) => formatNumber(n, locale);
  const pct = (n: number) => formatPercent(n, locale);
  const days = (n: number) => t('insights.days', n, [formatNumber(n, locale, 1)]);
  const signed = (n: number) => (n > 0 ? `+${num(n)}` : num(n));
  const deals = (n: number) => t('count.deals', n, [num(n)]);
  const nameOf = (id: string) => {
    const stage = settings.stages.find((s) => s.id === id);
    return stage ? stageName(stage) : id;
  };
  const skipped = Object.entries(i.skippedCurrencies);
  const bottleneck = i.timeInStage.bottleneck;
  const bottleneckStage = i.timeInStage.stages.find((s) => s.stage === bottleneck);
  const thisMonth = localDate(now, tz).slice(0, 7);
  const v = i.velocity;

  return (
    <>
      {skipped.length > 0 && (
        <p class="banner note">
          {t('insights.skipped', {
            currency: cur,
            list: skipped.map(([c, n]) => t('insights.skippedItem', n, [num(n)], { currency: c })).join(', '),
          })}
        </p>
      )}

      <div class="insight-cards">
        <section class="insight-kpis" aria-labelledby="kpi-h">
          <h2 id="kpi-h" class="sr-only">
            {t('insights.keyFigures')}
          </h2>
          <dl class="kpis">
            <Kpi
              name={t('insights.winRate')}
              value={i.winRate.rate === null ? null : pct(i.winRate.rate)}
              note={t('insights.winRateNote', { won: num(i.winRate.won), lost: num(i.winRate.lost) })}
              empty={t('insights.emptyWonLost')}
            />
            <Kpi
              name={t('insights.dealSize')}
              value={i.averageDealSize.mean === null ? null : money(i.averageDealSize.mean)}
              note={t('insights.dealSizeNote', { amount: money(i.averageDealSize.total) })}
              empty={t('insights.emptyWon')}
            />
            <Kpi
              name={t('insights.cycle')}
              value={i.salesCycle.medianDays === null ? null : formatNumber(i.salesCycle.medianDays, locale, 1)}
              unit={` ${t('insights.daysUnit', i.salesCycle.medianDays ?? 0)}`}
              note={
                i.salesCycle.meanDays === null ? '' : t('insights.cycleNote', { mean: days(i.salesCycle.meanDays) })
              }
              empty={t('insights.emptyCycle')}
            />
            <Kpi
              name={t('insights.velocity')}
              value={v.perDay === null ? null : money(v.perDay)}
              unit={t('insights.perDay')}
              note={
                v.perDay === null
                  ? ''
                  : t('insights.velocityNote', {
                      open: num(v.openDeals),
                      rate: pct(v.winRate ?? 0),
                      size: money(v.averageDealSize ?? 0),
                      cycle: days(v.averageCycleDays ?? 0),
                    })
              }
              empty={v.openDeals === 0 ? t('insights.emptyOpen') : t('insights.emptyWon')}
            />
            <Kpi
              name={t('insights.attainment')}
              value={i.attainment.ratio === null ? null : pct(i.attainment.ratio)}
              note={
                i.attainment.quota === null
                  ? ''
                  : t('insights.attainmentNote', { won: money(i.attainment.won), quota: money(i.attainment.quota) })
              }
              meter={i.attainment.ratio ?? undefined}
              empty={
                i.attainment.quota === null
                  ? t('insights.emptyQuota', { won: money(i.attainment.won) })
                  : t('insights.zeroQuota', { won: money(i.attainment.won) })
              }
            />
            <Kpi
              name={t('insights.churn')}
              value={i.churn.rate === null ? null : pct(i.churn.rate)}
              note={t('insights.churnNote', i.churn.atStart, [num(i.churn.atStart)], { churned: num(i.churn.churned) })}
              empty={t('insights.emptyChurn')}
            />
            <Kpi
              name="NPS"
              value={i.nps.score === null ? null : signed(Math.round(i.nps.score))}
              note={t('insights.answers', i.nps.answers, [num(i.nps.answers)])}
              empty={t('insights.emptyNpsKpi')}
            />
            <Kpi
              name={t('insights.touchpoints')}
              value={i.touchpoints.average === null ? null : formatNumber(i.touchpoints.average, locale, 1)}
              note={t('insights.touchpointsNote', i.touchpoints.deals, [num(i.touchpoints.deals)], {
                touchpoints: num(i.touchpoints.touchpoints),
              })}
              empty={t('insights.emptyTouchpoints')}
            />
            <Kpi
              name={t('insights.bottleneck')}
              value={bottleneck === null ? null : nameOf(bottleneck)}
              word
              note={
                bottleneckStage?.medianDays == null
                  ? ''
                  : t('insights.bottleneckNote', { days: days(bottleneckStage.medianDays) })
              }
              empty={t('insights.emptyBottleneck')}
            />
          </dl>
        </section>

        <Card
          id="funnel"
          title={t('insights.funnel')}
          sub={t('insights.funnelSub', i.conversion.cohort, [num(i.conversion.cohort)])}
        >
          {i.conversion.cohort === 0 ? (
            <Empty>{t('insights.emptyFunnel')}</Empty>
          ) : (
            <FunnelChart
              title={t('insights.funnelTitle', i.conversion.cohort, [num(i.conversion.cohort)])}
              stages={i.conversion.funnel.map((f) => ({
                label: nameOf(f.stage),
                value: f.reached,
                valueText: num(f.reached),
              }))}
              conversions={i.conversion.steps.map((s) => (s.rate === null ? '—' : pct(s.rate)))}
              columns={[t('insights.colStage'), t('insights.colReached'), t('insights.colConversion')]}
            />
          )}
        </Card>

        <Card
          id="forecast"
          title={t('insights.forecast')}
          sub={
            i.forecast.months.length
              ? t('insights.forecastSub', {
                  weighted: money(i.forecast.weighted),
                  unweighted: money(i.forecast.unweighted),
                })
              : t('insights.forecastSubEmpty')
          }
        >
          {i.forecast.months.length === 0 ? (
            <Empty>{t('insights.emptyForecast', { currency: cur })}</Empty>
          ) : (
            <BarChart
              title={t('insights.forecastTitle')}
              legend={[t('insights.weighted'), t('insights.unweighted')]}
              columns={[
                t('insights.colMonth'),
                t('insights.weighted'),
                t('insights.unweighted'),
                t('insights.colDeals'),
              ]}
              bars={i.forecast.months.map((m) => {
                const overdue = m.month !== UNSCHEDULED && m.month < thisMonth;
                return {
                  label: monthTitle(m.month, locale),
                  value: m.weighted,
                  valueText: money(m.weighted),
                  total: m.unweighted,
                  totalText: money(m.unweighted),
                  note: [
                    deals(m.deals),
                    t('insights.unweightedAmount', { amount: money(m.unweighted) }),
                    overdue ? t('insights.overdue') : '',
                  ]
                    .filter(Boolean)
                    .join(' · '),
                  highlight: overdue,
                };
              })}
            />
          )}
        </Card>

        <Card id="sources" title={t('insights.sources')} sub={t('insights.sourcesSub')}>
          {i.sources.length === 0 ? (
            <Empty>{t('insights.emptySources')}</Empty>
          ) : (
            <BarChart
              title={t('insights.sourcesTitle')}
              columns={[
                t('insights.colSource'),
                t('insights.colRevenue'),
                t('insights.colLeads'),
                t('insights.colWon'),
                t('insights.winRate'),
                t('insights.colReturn'),
              ]}
              bars={i.sources.map((s) => ({
                label: sourceLabel(s.source),
                value: s.revenue,
                valueText: money(s.revenue),
                note: [
                  t('insights.leads', s.leads, [num(s.leads)]),
                  t('insights.wonCount', { n: num(s.won) }),
                  s.winRate === null ? t('insights.noCloses') : t('insights.winRateOf', { rate: pct(s.winRate) }),
                  s.returnOnSpend === null ? '' : t('insights.roi', { rate: pct(s.returnOnSpend) }),
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              tableRows={i.sources.map((s) => [
                sourceLabel(s.source),
                money(s.revenue),
                num(s.leads),
                num(s.won),
                s.winRate === null ? '—' : pct(s.winRate),
                s.returnOnSpend === null ? '—' : pct(s.returnOnSpend),
              ])}
            />
          )}
        </Card>

        <Card id="time-in-stage" title={t('insights.timeInStage')} sub={t('insights.timeInStageSub')}>
          {bottleneck === null ? (
            <Empty>{t('insights.emptyTimeInStage')}</Empty>
          ) : (
            <BarChart
              title={t('insights.timeInStageTitle')}
              columns={[t('insights.colStage'), t('insights.colMedianDays'), t('insights.colNotes')]}
              bars={i.timeInStage.stages.map((s) => ({
                label: nameOf(s.stage),
                value: s.medianDays ?? 0,
                valueText: s.medianDays === null ? '—' : days(s.medianDays),
                highlight: s.stage === bottleneck,
                note: [
                  s.stage === bottleneck ? t('insights.bottleneck') : '',
                  s.current > 0
                    ? s.currentMedianDays === null
                      ? t('insights.thereNow', s.current, [num(s.current)])
                      : t('insights.thereNowFor', s.current, [num(s.current)], {
                          days: days(Math.floor(s.currentMedianDays)),
                        })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
            />
          )}
        </Card>

        <Card id="nps" title={t('insights.npsTitle')} sub={t('insights.npsSub')}>
          {i.nps.answers === 0 || i.nps.score === null ? (
            <Empty>{t('insights.emptyNps')}</Empty>
          ) : (
            <>
              <p class="nps-score">
                <strong>{signed(Math.round(i.nps.score))}</strong>{' '}
                <span class="muted">{t('insights.npsFrom', i.nps.answers, [num(i.nps.answers)])}</span>
              </p>
              <StackedBar
                title={t('insights.npsChart', { score: signed(Math.round(i.nps.score)) })}
                columns={[t('insights.colGroup'), t('insights.colAnswers')]}
                segments={[
                  { label: t('insights.promoters'), value: i.nps.promoters, color: 'var(--ok)' },
                  { label: t('insights.passives'), value: i.nps.passives, color: 'var(--warm)' },
                  { label: t('insights.detractors'), value: i.nps.detractors, color: 'var(--danger)' },
                ].map((s) => ({
                  ...s,
                  valueText: `${num(s.value)} · ${pct(s.value / i.nps.answers)}`,
                }))}
              />
            </>
          )}
        </Card>

        <Card id="objections" title={t('lead.objections')} sub={t('insights.objectionsSub')}>
          {i.objections.length === 0 ? (
            <Empty>{t('insights.emptyObjections')}</Empty>
          ) : (
            <ol class="objections">
              {i.objections.map((o) => (
                <li key={o.category}>
                  <span class="name">{objectionLabel(o.category)}</span>
                  <span class="count">{num(o.count)}</span>
                  <span class="muted">
                    {o.unresolved > 0 ? t('insights.unresolved', { n: num(o.unresolved) }) : t('insights.allAnswered')}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>

        <Card id="stalled" title={t('insights.stalled')} sub={t('insights.stalledSub')}>
          {i.stalled.length === 0 ? (
            <Empty>{t('insights.emptyStalled')}</Empty>
          ) : (
            <ul class="stalled">
              {i.stalled.slice(0, STALLED_SHOWN).map((s) => (
                <li key={s.dealId}>
                  <a href={`#lead/${s.dealId}`}>{s.title}</a>
                  <span class="muted">
                    {t('insights.stalledFor', {
                      stage: nameOf(s.stage),
                      days: days(Math.floor(s.daysInStage)),
                      limit: num(s.staleDays),
                    })}
                  </span>
                  {s.idle && (
                    <span class="flag rot">
                      {t('insights.untouched', { days: days(Math.floor(s.daysSinceActivity)) })}
                    </span>
                  )}
                </li>
              ))}
              {i.stalled.length > STALLED_SHOWN && (
                <li class="muted">{t('insights.andMore', { n: num(i.stalled.length - STALLED_SHOWN) })}</li>
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
