/**
 * The Insights view in real Chromium: known records are written straight into the extension's
 * IndexedDB (shaped by the same zod schemas the background writes through), the panel is
 * reloaded, and the figures worked out by hand below are read off the view.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import { SCHEMAS, type StoreName } from '../../lib/records';
import { type Browser, launch, openPanel, ROOT, SCREENSHOTS } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let b: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  // en-US so money and percentages have one known form: "€20,000", "75%".
  b = await launch({ locale: 'en-US' });
});
afterAll(async () => {
  await b?.close();
});

// ---------------------------------------------------------------------------------------------
// The data set. Everything that closes does so in the previous calendar year Y, at noon UTC, so
// the figures do not depend on today's date or the machine's time zone (± 12 h stays in Y).

const today = new Date();
const Y = today.getFullYear() - 1;
const at = (month: number, day: number) => Date.UTC(Y, month - 1, day, 12);
const NOW = Date.now();
const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a day `months` calendar months from today's month. */
const monthAhead = (months: number, day: number) => {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth() + months, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

type Stage = 'prospecting' | 'qualification' | 'meeting' | 'proposal' | 'negotiation' | 'won' | 'lost';
interface DealSpec {
  id: string;
  title: string;
  contactId: string;
  value: number;
  source: string;
  /** Stage path with the time each stage was entered; the first is the creation. */
  path: [Stage, number][];
  expectedClose?: string;
}

/*
 * Stage paths (days in each stage in brackets):
 *   dl-1 referral €10,000: prospecting Mar 1 (5) → meeting Mar 6 (10) → proposal Mar 16 (15) → won Mar 31. Cycle 30 d.
 *   dl-2 referral €20,000: prospecting Apr 1 (5) → qualification Apr 6 (5) → meeting Apr 11 (5)
 *        → proposal Apr 16 (15) → negotiation May 1 (10) → won May 11. Cycle 40 d.
 *   dl-3 event €30,000: prospecting Jun 1 (5) → qualification Jun 6 (5) → meeting Jun 11 (10)
 *        → proposal Jun 21 (20) → negotiation Jul 11 (10) → won Jul 21. Cycle 50 d.
 *   dl-4 event €5,000: prospecting Jun 1 (10) → qualification Jun 11 (10) → lost Jun 21.
 *   dl-5 outbound €40,000: prospecting Nov 1 (5) → qualification Nov 6 (10) → meeting Nov 16 (15)
 *        → proposal Dec 1, still there (stalled: the limit is 21 days). Closes next month.
 *   dl-6 inbound €16,000: created 10 days ago, in negotiation for 2 days. Closes in two months.
 */
const DEALS: DealSpec[] = [
  {
    id: 'dl-1',
    title: 'Maria Rossi — Acme Robotics',
    contactId: 'ct-1',
    value: 10_000,
    source: 'referral',
    path: [
      ['prospecting', at(3, 1)],
      ['meeting', at(3, 6)],
      ['proposal', at(3, 16)],
      ['won', at(3, 31)],
    ],
  },
  {
    id: 'dl-2',
    title: 'Luca Bianchi — Lumen Analytics',
    contactId: 'ct-2',
    value: 20_000,
    source: 'referral',
    path: [
      ['prospecting', at(4, 1)],
      ['qualification', at(4, 6)],
      ['meeting', at(4, 11)],
      ['proposal', at(4, 16)],
      ['negotiation', at(5, 1)],
      ['won', at(5, 11)],
    ],
  },
  {
    id: 'dl-3',
    title: 'Aisyah Rahman — Kedai Cloud',
    contactId: 'ct-3',
    value: 30_000,
    source: 'event',
    path: [
      ['prospecting', at(6, 1)],
      ['qualification', at(6, 6)],
      ['meeting', at(6, 11)],
      ['proposal', at(6, 21)],
      ['negotiation', at(7, 11)],
      ['won', at(7, 21)],
    ],
  },
  {
    id: 'dl-4',
    title: 'Jonas Becker — Ferro Logistics',
    contactId: 'ct-4',
    value: 5_000,
    source: 'event',
    path: [
      ['prospecting', at(6, 1)],
      ['qualification', at(6, 11)],
      ['lost', at(6, 21)],
    ],
  },
  {
    id: 'dl-5',
    title: 'Nadia Perez — Quarry Labs',
    contactId: 'ct-5',
    value: 40_000,
    source: 'outbound',
    expectedClose: monthAhead(1, 15),
    path: [
      ['prospecting', at(11, 1)],
      ['qualification', at(11, 6)],
      ['meeting', at(11, 16)],
      ['proposal', at(12, 1)],
    ],
  },
  {
    id: 'dl-6',
    title: 'Chen Wei — Nimbus Energy',
    contactId: 'ct-6',
    value: 16_000,
    source: 'inbound',
    expectedClose: monthAhead(2, 10),
    path: [
      ['prospecting', NOW - 10 * DAY],
      ['negotiation', NOW - 2 * DAY],
    ],
  },
];

/** Touchpoints before each win: 8 + 6 + 10 = 24 over 3 wins = 8 per won deal. */
const TOUCHPOINTS: Record<string, number> = { 'dl-1': 8, 'dl-2': 6, 'dl-3': 10 };

function records(): Record<StoreName, unknown[]> {
  const meta = (id: string, t: number) => ({ id, createdAt: t, updatedAt: t, rev: 1 });
  const deals: unknown[] = [];
  const activities: unknown[] = [];
  for (const d of DEALS) {
    const [first] = d.path[0]!;
    const created = d.path[0]![1];
    const [stage, entered] = d.path[d.path.length - 1]!;
    const closed = stage === 'won' || stage === 'lost';
    deals.push({
      ...meta(d.id, created),
      title: d.title,
      contactId: d.contactId,
      stage,
      stageEnteredAt: entered,
      value: d.value,
      currency: 'EUR',
      source: d.source,
      ...(d.expectedClose ? { expectedClose: d.expectedClose } : {}),
      ...(closed ? { closedAt: entered } : {}),
      ...(stage === 'lost' ? { lostReason: 'Went with a competitor' } : {}),
    });
    activities.push({
      ...meta(`${d.id}-s0`, created),
      kind: 'stage-change',
      at: created,
      text: `Created in ${first}`,
      dealId: d.id,
      contactId: d.contactId,
      toStage: first,
    });
    for (let i = 1; i < d.path.length; i++) {
      const [from] = d.path[i - 1]!;
      const [to, t] = d.path[i]!;
      activities.push({
        ...meta(`${d.id}-s${i}`, t),
        kind: 'stage-change',
        at: t,
        text: `${from} → ${to}`,
        dealId: d.id,
        contactId: d.contactId,
        fromStage: from,
        toStage: to,
      });
    }
    const n = TOUCHPOINTS[d.id] ?? 0;
    const kinds = ['call', 'email', 'meeting', 'message', 'demo', 'proposal'];
    for (let i = 0; i < n; i++) {
      // Spread between the creation and the win (exclusive), one hour apart at least.
      const t = created + Math.floor(((entered - created) * (i + 1)) / (n + 1));
      activities.push({
        ...meta(`${d.id}-t${i}`, t),
        kind: kinds[i % kinds.length],
        at: t,
        text: 'touch',
        dealId: d.id,
      });
    }
  }
  // A post-sale check-in call after dl-1's win: not a touchpoint "per won deal" (after the win).
  activities.push({
    ...meta('dl-1-checkin', at(4, 10)),
    kind: 'call',
    at: at(4, 10),
    text: 'check-in',
    dealId: 'dl-1',
  });

  const contact = (id: string, name: string, extra: object) => ({ ...meta(id, at(1, 2)), name, ...extra });
  const contacts = [
    // Customers before Y: 4 at the start of Y; ct-o4 churned on Sep 1 of Y → churn 1 ÷ 4 = 25%.
    contact('ct-o1', 'Olivia Smith', { lifecycle: 'customer', customerSince: Date.UTC(Y - 1, 5, 1) }),
    contact('ct-o2', 'Kwame Mensah', { lifecycle: 'customer', customerSince: Date.UTC(Y - 1, 5, 1) }),
    contact('ct-o3', 'Sofia García', { lifecycle: 'customer', customerSince: Date.UTC(Y - 1, 5, 1) }),
    contact('ct-o4', 'Marco Ricci', {
      lifecycle: 'churned',
      customerSince: Date.UTC(Y - 1, 5, 1),
      churnedAt: at(9, 1),
    }),
    // Won in Y: customers from their win, so not "at the start" of Y.
    contact('ct-1', 'Maria Rossi', { lifecycle: 'customer', customerSince: at(3, 31) }),
    contact('ct-2', 'Luca Bianchi', { lifecycle: 'customer', customerSince: at(5, 11) }),
    contact('ct-3', 'Aisyah Rahman', { lifecycle: 'customer', customerSince: at(7, 21) }),
    contact('ct-4', 'Jonas Becker', {}),
    contact('ct-5', 'Nadia Perez', {}),
    contact('ct-6', 'Chen Wei', {}),
  ];

  // NPS in Y, each contact's latest answer: 10, 9, 9 (promoters), 7 (passive), 3 (detractor;
  // ct-3 said 10 in February, then 3 in August, and the later answer counts).
  // NPS = 100 × (3 − 1) ÷ 5 = +40.
  const answer = (id: string, contactId: string, score: number, t: number) => ({
    ...meta(id, t),
    contactId,
    score,
    at: t,
  });
  const nps = [
    answer('np-1', 'ct-o1', 10, at(4, 2)),
    answer('np-2', 'ct-o2', 9, at(5, 2)),
    answer('np-3', 'ct-1', 9, at(6, 2)),
    answer('np-4', 'ct-2', 7, at(7, 2)),
    answer('np-5', 'ct-3', 10, at(2, 2)),
    answer('np-6', 'ct-3', 3, at(8, 2)),
  ];

  // Objections in Y: price twice (one unresolved), timing once.
  const objections = [
    { ...meta('ob-1', at(3, 20)), dealId: 'dl-1', category: 'price', said: 'Too expensive per seat', resolved: true },
    { ...meta('ob-2', at(6, 25)), dealId: 'dl-3', category: 'price', said: 'Over budget this year' },
    { ...meta('ob-3', at(6, 15)), dealId: 'dl-4', category: 'timing', said: 'Not before Q4', resolved: true },
  ];

  const settings = {
    ...defaultSettings(NOW),
    // Attainment in Y: €60,000 won ÷ €120,000 = 50%.
    quotas: [{ period: String(Y), amount: 120_000 }],
    // Return on spend of events: (€30,000 − €10,000) ÷ €10,000 = 200%.
    sourceCosts: { event: 10_000 },
  };

  const parse = (store: StoreName, xs: unknown[]) => xs.map((x) => SCHEMAS[store].parse(x));
  return {
    deals: parse('deals', deals),
    activities: parse('activities', activities),
    contacts: parse('contacts', contacts),
    nps: parse('nps', nps),
    objections: parse('objections', objections),
    settings: parse('settings', [settings]),
    companies: [],
    notes: [],
    followUps: [],
  };
}

/** Writes records into the extension's database from one of its pages, in one transaction. */
async function put(page: Page, stores: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(async (stores) => {
    const open = indexedDB.open('leadline');
    const db: IDBDatabase = await new Promise((ok, ko) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => ko(open.error);
    });
    const names = Object.keys(stores).filter((s) => (stores[s]?.length ?? 0) > 0);
    const tx = db.transaction(names, 'readwrite');
    for (const s of names) for (const r of stores[s]!) tx.objectStore(s).put(r);
    await new Promise<void>((ok, ko) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error);
    });
    db.close();
  }, stores);
}

const kpi = (page: Page, name: string): Locator =>
  page.locator('.kpi').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) });
const kpiValue = (page: Page, name: string) => kpi(page, name).locator('.kpi-value').textContent();
/** The rows of a chart's hidden table, cells joined by " | ". */
const tableRows = (page: Page, card: string) =>
  page
    .locator(`#insight-${card} table tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim()).join(' | ')));

async function axe(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Evaluated through the debugger protocol: the extension page's CSP forbids inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`),
    }));
  });
}

describe('insights', () => {
  it('shows the figures worked out by hand for a known year, in charts with text alternatives', async () => {
    const page = await openPanel(b, '#insights');
    // The panel creates the database on first open; seed once it exists.
    await page.locator('.insights').waitFor();
    await put(page, records());
    await page.reload();
    await page.locator('.insights').waitFor();

    // Choose the year, then step back to Y.
    await page.getByRole('button', { name: 'Year', exact: true }).click();
    await page.getByRole('button', { name: 'Previous year' }).click();
    await expect(page.locator('.period-label').textContent()).resolves.toBe(String(Y));

    // Win rate: 3 won (dl-1, dl-2, dl-3) ÷ (3 + 1 lost, dl-4) = 75%.
    expect(await kpiValue(page, 'Win rate')).toBe('75%');
    expect(await kpi(page, 'Win rate').locator('.kpi-note').textContent()).toBe('3 won · 1 lost');
    // Average deal size: (10,000 + 20,000 + 30,000) ÷ 3 = €20,000.
    expect(await kpiValue(page, 'Average deal size')).toBe('€20,000');
    // Sales cycle: 30, 40, 50 days → median 40, mean 40.
    expect(await kpiValue(page, 'Sales cycle')).toBe('40 days');
    // Velocity: 2 open deals (dl-5, dl-6) × 75% × €20,000 ÷ 40 days = €750 a day.
    expect(await kpiValue(page, 'Pipeline velocity')).toBe('€750/day');
    // Attainment: €60,000 ÷ €120,000.
    expect(await kpiValue(page, 'Attainment')).toBe('50%');
    expect(await kpi(page, 'Attainment').locator('.kpi-note').textContent()).toBe('€60,000 of €120,000 quota');
    // Churn: 1 of the 4 customers at the start of Y.
    expect(await kpiValue(page, 'Churn rate')).toBe('25%');
    // NPS: 100 × (3 promoters − 1 detractor) ÷ 5 answers.
    expect(await kpiValue(page, 'NPS')).toBe('+40');
    // Touchpoints: 24 before the 3 wins (the check-in after dl-1's win does not count).
    expect(await kpiValue(page, 'Touchpoints per won deal')).toBe('8');
    // Time in stage, completed stays in Y, medians: prospecting [5,5,5,10,5] → 5;
    // qualification [5,5,10,10] → 7.5; meeting [10,5,10,15] → 10; proposal [15,15,20] → 15;
    // negotiation [10,10] → 10. The longest median is Proposal's.
    expect(await kpiValue(page, 'Bottleneck')).toBe('Proposal');
    expect(await tableRows(page, 'time-in-stage')).toEqual([
      'Prospecting | 5 days | ',
      'Qualification | 7.5 days | ',
      'Meeting | 10 days | ',
      `Proposal | 15 days | Bottleneck · 1 deal there now, ${stalledDays()} so far`,
      'Negotiation | 10 days | 1 deal there now, 2 days so far',
    ]);

    // Funnel of the 5 deals created in Y (dl-6 was created this year). Furthest reached:
    // dl-1 won (skipped qualification and negotiation: passed), dl-2 won, dl-3 won,
    // dl-4 qualification, dl-5 proposal. Reached: prospecting 5, qualification 5, meeting 4,
    // proposal 4, negotiation 3, won 3 → 100%, 80%, 100%, 75%, 100%.
    expect(await tableRows(page, 'funnel')).toEqual([
      'Prospecting | 5 | —',
      'Qualification | 5 | 100%',
      'Meeting | 4 | 80%',
      'Proposal | 4 | 100%',
      'Negotiation | 3 | 75%',
      'Won | 3 | 100%',
    ]);
    await expect(page.locator('#insight-funnel svg title').textContent()).resolves.toBe(
      'Funnel of the 5 deals created in this period',
    );

    // Forecast (open deals now): dl-5 €40,000 × 50% = €20,000 next month; dl-6 €16,000 × 75%
    // = €12,000 the month after.
    const month = (k: number) =>
      new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(today.getFullYear(), today.getMonth() + k, 15),
      );
    expect(await tableRows(page, 'forecast')).toEqual([
      `${month(1)} | €20,000 | €40,000 | 1 deal · €40,000 unweighted`,
      `${month(2)} | €12,000 | €16,000 | 1 deal · €16,000 unweighted`,
    ]);
    await expect(page.locator('#insight-forecast .sub').textContent()).resolves.toContain('€32,000 weighted');

    // Sources in Y: referral 2 leads, 2 won, €30,000; event 2 leads, 1 won 1 lost → 50%,
    // €30,000, ROI 200%; outbound 1 lead, nothing closed. Revenue ties keep LEAD_SOURCES order.
    expect(await tableRows(page, 'sources')).toEqual([
      'Referral | €30,000 | 2 | 2 | 100% | —',
      'Event, webinar or fair | €30,000 | 2 | 1 | 50% | 200%',
      'Outbound | €0 | 1 | 0 | — | —',
    ]);

    // NPS chart: 3 promoters (60%), 1 passive (20%), 1 detractor (20%).
    expect(await tableRows(page, 'nps')).toEqual([
      'Promoters (9–10) | 3 · 60%',
      'Passives (7–8) | 1 · 20%',
      'Detractors (0–6) | 1 · 20%',
    ]);

    // Objections: price 2 (1 unresolved), timing 1.
    const objections = await page.locator('#insight-objections li').allInnerTexts();
    expect(objections.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Price 2 1 unresolved',
      'Timing 1 all answered',
    ]);

    // Stalled: dl-5, in Proposal since Dec 1 of Y (over the 21-day limit), linked to its lead.
    const stalled = page.locator('#insight-stalled a');
    await expect(stalled.allInnerTexts()).resolves.toEqual(['Nadia Perez — Quarry Labs']);
    await expect(stalled.getAttribute('href')).resolves.toBe('#lead/dl-5');

    // Every chart is an image with a name, and the view passes axe (contrast, names, roles).
    for (const svg of await page.locator('.insights svg[role="img"]').all()) {
      const labelled = await svg.getAttribute('aria-labelledby');
      expect(labelled).toBeTruthy();
      await expect(page.locator(`[id="${labelled}"]`).textContent()).resolves.not.toBe('');
    }
    expect(await axe(page)).toEqual([]);

    // Export: the same figures as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`leadline-insights-${Y}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining([
        'metric,segment,value',
        `period,,${Y}`,
        'win-rate,,0.75',
        'average-deal-size,,20000',
        'attainment,,0.5',
        'nps,,40',
        'bottleneck,,proposal',
      ]),
    );

    // Nothing is wider than the panel (no sideways scrolling at 420 px).
    for (const el of ['main.view', 'html']) {
      expect(await page.locator(el).evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
    }

    // Screenshots: the panel's width, a wide window, and the dark theme.
    await page.screenshot({ path: join(SCREENSHOTS, 'insights.png') });
    // The whole view at the panel's width, for review (the view scrolls inside the panel).
    const tall = await page.locator('.insights').evaluate((e) => e.scrollHeight + 50);
    await page.setViewportSize({ width: 420, height: tall });
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-full.png') });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-wide.png') });
    await page.screenshot({ path: join(ROOT, 'docs/insights.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-dark-wide.png') });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-dark.png') });
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('explains what will appear in an empty period, and takes a custom range', async () => {
    const page = await openPanel(b, '#insights');
    await page.locator('.insights').waitFor();

    // This month: nothing was won or lost (all closes are in Y).
    await expect(page.getByRole('button', { name: 'Month', exact: true }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    await expect(kpi(page, 'Win rate').locator('.kpi-empty').textContent()).resolves.toBe(
      'Appears when a deal is won or lost in this period.',
    );
    await expect(kpi(page, 'NPS').locator('.kpi-empty').textContent()).resolves.toBe(
      'Appears when a customer’s NPS answer is recorded in this period.',
    );
    await expect(page.locator('#insight-nps .insight-empty').textContent()).resolves.toContain('NPS appears when');
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-empty.png') });

    // A write through the background reaches the open view by its change event, no reload:
    // one answer of 10 this month is NPS 100 × (1 − 0) ÷ 1 = +100.
    const created = await page.evaluate(
      (at) =>
        chrome.runtime.sendMessage({
          type: 'record.create',
          store: 'nps',
          draft: { contactId: 'ct-1', score: 10, at },
        }),
      Date.now(),
    );
    expect(created).toMatchObject({ ok: true });
    await kpi(page, 'NPS').locator('.kpi-value', { hasText: '+100' }).waitFor();

    // Custom: March 1 – May 11 of Y holds the wins of dl-1 (€10,000) and dl-2 (€20,000) and no
    // loss: 100%, average €15,000.
    await page.getByRole('button', { name: 'Custom', exact: true }).click();
    await page.getByLabel('From', { exact: true }).fill(`${Y}-03-01`);
    await page.getByLabel('To', { exact: true }).fill(`${Y}-05-11`);
    expect(await kpiValue(page, 'Win rate')).toBe('100%');
    expect(await kpiValue(page, 'Average deal size')).toBe('€15,000');
    // The end date is included: dl-2 won at noon on May 11.
    await page.getByLabel('To', { exact: true }).fill(`${Y}-05-10`);
    expect(await kpiValue(page, 'Average deal size')).toBe('€10,000');
    // Next steps by the range's length (71 days): May 11 – Jul 20 holds dl-2's win only
    // (dl-3 won on Jul 21), and dl-4's loss on Jun 21 → 1 ÷ 2 = 50%.
    await page.getByRole('button', { name: 'Next range' }).click();
    await expect(page.getByLabel('From', { exact: true }).inputValue()).resolves.toBe(`${Y}-05-11`);
    await expect(page.getByLabel('To', { exact: true }).inputValue()).resolves.toBe(`${Y}-07-20`);
    expect(await kpiValue(page, 'Win rate')).toBe('50%');
    // A reversed range says so instead of showing figures.
    await page.getByLabel('To', { exact: true }).fill(`${Y}-01-01`);
    await expect(page.locator('.insights').getByRole('alert').textContent()).resolves.toBe(
      'The end date is before the start date.',
    );
  });
});

/** dl-5's whole days in Proposal so far, as the view prints them (it depends on today's date). */
function stalledDays(): string {
  return `${Math.floor((Date.now() - Date.UTC(Y, 11, 1, 12)) / DAY)} days`;
}
