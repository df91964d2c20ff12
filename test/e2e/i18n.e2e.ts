/**
 * Leadline in a browser whose language is Italian: the side panel, a lead, Insights, the options
 * page, the capture card and the toolbar button speak Italian, and money, numbers and dates are
 * written the Italian way. The other E2E files run the same builds in English.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, clip, inWorker, launch, openPanel, ROOT, readStore, SCREENSHOTS, startServer } from './harness';

const LOCALE = 'it-IT';
let b: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let panel: Page;

/** What Italian formatting gives, worked out here (Node's Intl) to compare with what the page shows. */
const euros = (n: number) =>
  new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);

const people = [
  { fullName: 'Giulia Bianchi', company: 'Ferro Digitale', website: 'https://ferro.example', followUp: 'tomorrow' },
  { fullName: 'Tomás Herrera', company: 'Brightforge', website: 'https://brightforge.example', followUp: 'none' },
  { fullName: 'Aisyah Rahman', company: 'Kedai Cloud', website: 'https://kedai.example', followUp: 'none' },
];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  b = await launch({ locale: LOCALE });
  panel = await openPanel(b);
  for (const p of people) {
    const r = await panel.evaluate(
      (p) =>
        chrome.runtime.sendMessage({
          type: 'capture.save',
          draft: {
            person: { fullName: p.fullName, jobTitle: 'Responsabile acquisti' },
            company: { name: p.company, website: p.website },
            sourceUrl: `${p.website}/team`,
            pageTitle: `${p.fullName} | Team`,
            followUp: p.followUp,
          },
        }),
      p,
    );
    expect(r).toMatchObject({ ok: true });
  }
  // A value on Giulia's deal, to see the money written the Italian way.
  const [deal] = (await readStore<{ id: string; rev: number; title: string }>(panel, 'deals')).filter((d) =>
    d.title.startsWith('Giulia'),
  );
  const updated = await panel.evaluate(
    (d) =>
      chrome.runtime.sendMessage({
        type: 'record.update',
        store: 'deals',
        id: d.id,
        rev: d.rev,
        patch: { value: 12500 },
      }),
    deal as { id: string; rev: number },
  );
  expect(updated).toMatchObject({ ok: true });
  await panel.reload();
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

/** True when nothing in `selector` is wider than its box (no text pushed out of the 420 px panel). */
const fits = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1));

describe('in Italian', () => {
  it('is the browser’s language for the extension: pages, worker and messages', async () => {
    expect(await panel.evaluate(() => chrome.i18n.getUILanguage())).toBe(LOCALE);
    expect(await inWorker(b, () => chrome.i18n.getUILanguage(), null)).toBe(LOCALE);
    expect(await panel.evaluate(() => chrome.i18n.getMessage('extDescription'))).toMatch(/^Un CRM locale/);
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe(LOCALE);
  });

  it('shows the pipeline in Italian, with Italian money and relative dates', async () => {
    const tabs = panel.getByRole('navigation', { name: 'Viste' });
    await tabs.getByRole('link', { name: 'Pipeline' }).waitFor();
    await tabs.getByRole('link', { name: /^Follow-up/ }).waitFor();
    await tabs.getByRole('link', { name: 'Analisi' }).waitFor();

    const prospecting = panel.locator('[data-stage="prospecting"]');
    await prospecting.getByText('Giulia Bianchi', { exact: true }).waitFor();
    await expect(prospecting.locator('h2').textContent()).resolves.toBe('Prospezione 3');
    await expect(panel.locator('[data-stage="qualification"] h2').textContent()).resolves.toBe('Qualificazione 0');
    await expect(panel.locator('[data-stage="qualification"] .column-empty').textContent()).resolves.toBe(
      'Trascina qui una trattativa',
    );
    await expect(panel.locator('[data-stage="won"] .column-empty').textContent()).resolves.toBe('Ancora nessuna');
    await expect(panel.getByLabel('Cerca contatti, aziende e note').getAttribute('placeholder')).resolves.toContain(
      'Cerca persone',
    );

    const giulia = prospecting.locator('.deal', { hasText: 'Giulia Bianchi' });
    // 12.500 €: a dot between thousands and the euro sign after the number.
    await expect(giulia.locator('.value').textContent()).resolves.toBe(euros(12500));
    expect(euros(12500)).toMatch(/^12\.500\s€$/);
    await expect(giulia.locator('.temp').textContent()).resolves.toBe('Freddo');
    // The follow-up Leadline planned on the clip ("Follow up with …") reads in Italian, its time too.
    const next = (await giulia.locator('.next').textContent()) ?? '';
    expect(next).toMatch(/^Prossimo: Ricontattare Giulia Bianchi · (tra|domani)/);
    await expect(
      prospecting.locator('.deal', { hasText: 'Tomás Herrera' }).locator('.next').textContent(),
    ).resolves.toBe('Nessun passo successivo');
    await expect(giulia.getAttribute('aria-roledescription')).resolves.toBe('scheda trattativa');

    expect(await fits(panel, 'header.topbar, .toolbar, .deal')).toBe(true);
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-it.png') });
    await panel.screenshot({ path: join(ROOT, 'docs/sidepanel-it.png') });
  });

  it('moves a deal and says so in Italian, undo included', async () => {
    const card = panel.locator('[data-stage="prospecting"] .deal', { hasText: 'Tomás Herrera' });
    await card.focus();
    await card.press('Shift+ArrowRight');
    await panel.locator('[data-stage="qualification"]').getByText('Tomás Herrera').waitFor();
    await expect(panel.locator('[data-testid="announce"]').textContent()).resolves.toBe(
      'Trattativa di Tomás Herrera spostata da Prospezione a Qualificazione.',
    );
    await panel.locator('.toast').getByRole('button', { name: 'Annulla' }).click();
    await panel.locator('[data-stage="prospecting"]').getByText('Tomás Herrera').waitFor();
    await expect(panel.locator('[data-testid="announce"]').textContent()).resolves.toBe('Spostamento annullato.');
  });

  it('shows a lead in Italian, its follow-up date as Italians write it', async () => {
    await panel.locator('.deal', { hasText: 'Giulia Bianchi' }).click();
    await panel.locator('#lead-name').waitFor();
    await expect(panel.locator('#deal-h').textContent()).resolves.toBe(`Trattativa · ${euros(12500)}`);
    await panel.getByRole('heading', { name: 'Prossimi passi' }).waitFor();
    await panel
      .getByRole('group', { name: 'Registra un contatto' })
      .getByRole('button', { name: 'Chiamata' })
      .waitFor();

    const [fu] = await readStore<{ dueAt: number }>(panel, 'followUps');
    const dueAt = (fu as { dueAt: number }).dueAt;
    // formatDateTime's own options, in Italian: "mar 24 nov, 09:00".
    const date = new Intl.DateTimeFormat(LOCALE, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(dueAt);
    const row = (await panel.locator('.fu').first().textContent()) ?? '';
    expect(row).toContain(`Chiamata Ricontattare Giulia Bianchi · ${date}`);
    // The timeline: what Leadline wrote when the lead was clipped, in Italian.
    await panel.locator('.timeline').getByText('Creata in Prospezione').waitFor();
    await panel.locator('.timeline').getByText('Salvato da Giulia Bianchi | Team').waitFor();
    await expect(panel.locator('select[name="stage"] option').first().textContent()).resolves.toBe('Prospezione');
    expect(await fits(panel, '.lead-head, .card-section')).toBe(true);
    await panel.screenshot({ path: join(SCREENSHOTS, 'lead-it.png') });
  });

  it('reschedules a follow-up in Italian: the form, its preview and the saved time', async () => {
    const item = panel.locator('.fu').first();
    await item.getByRole('button', { name: 'Riprogramma…' }).click();
    const form = item.getByRole('form', { name: 'Riprogramma il follow-up' });
    await form.waitFor();
    await form.getByText('Data', { exact: true }).waitFor();
    await form.getByText('Ora', { exact: true }).waitFor();
    const preview = form.getByTestId('reschedule-preview');
    const zone = /Fuso orario: (.+)$/.exec((await preview.textContent()) ?? '')?.[1]?.replace(/ /g, '_');
    expect(zone).toBeTruthy();
    // Same day, half past ten: the saved instant is 10:30 on the wall clock of the zone shown.
    await form.locator('input[name="dueTime"]').fill('10:30');
    await expect(preview.textContent()).resolves.toMatch(/10:30/);
    await form.getByRole('button', { name: 'Riprogramma', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const [fu] = await readStore<{ dueAt: number }>(panel, 'followUps');
    const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
      (fu as { dueAt: number }).dueAt,
    );
    expect(time).toBe('10:30');
    // The panel re-reads after the write's change event: wait for it rather than read once.
    await panel.locator('.fu', { hasText: '10:30' }).first().waitFor();
  });

  it('shows Insights in Italian, with Italian month names', async () => {
    await panel.goto(panel.url().replace(/#.*$/, '#insights'));
    await panel.locator('.insights').waitFor();
    await panel.getByRole('heading', { name: 'Analisi', level: 1 }).waitFor();
    await expect(panel.getByRole('button', { name: 'Mese', exact: true }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    const month = new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric' }).format(Date.now());
    await expect(panel.locator('.period-label').textContent()).resolves.toBe(month);
    await panel.locator('.kpi dt', { hasText: 'Tasso di chiusura' }).waitFor();
    await panel.getByRole('button', { name: 'Trimestre', exact: true }).click();
    await expect(panel.locator('.period-label').textContent()).resolves.toMatch(/^T[1-4] \d{4}$/);
    for (const el of ['main.view', 'html']) {
      expect(await panel.locator(el).evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
    }
    await panel.screenshot({ path: join(SCREENSHOTS, 'insights-it.png') });
  });

  it('shows the options page in Italian and keeps untouched default stages as defaults', async () => {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'Impostazioni di Leadline', level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe('Impostazioni di Leadline');
    await page.getByRole('heading', { name: 'Fasi della pipeline' }).waitFor();
    await page.getByRole('heading', { name: 'I tuoi dati' }).waitFor();
    const names = await page
      .getByLabel('Nome della fase')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toEqual(['Prospezione', 'Qualificazione', 'Incontro', 'Proposta', 'Negoziazione', 'Vinta', 'Persa']);
    // Working days: Intl's short weekday names, Monday first.
    const days = Array.from({ length: 7 }, (_, i) =>
      new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 5 + i)),
    );
    const chips = await page.locator('fieldset.chips label').allTextContents();
    expect(chips.map((c) => c.trim())).toEqual(days);
    await page.locator('[data-testid="storage"]').getByText('3 contatti').waitFor();

    // Saving the stages untouched keeps them the English defaults (data), so they follow the language.
    await page.getByRole('button', { name: 'Salva le fasi' }).click();
    await page.getByText('Salvato. Tutti i pannelli di Leadline aperti lo usano già.').waitFor();
    const [settings] = await readStore<{ stages: { name: string; exitChecklist: string[] }[] }>(page, 'settings');
    expect(settings?.stages.map((s) => s.name)).toEqual([
      'Prospecting',
      'Qualification',
      'Meeting',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    expect(settings?.stages[0]?.exitChecklist).toEqual(['Researched the company', 'Found the decision maker']);
    await page.setViewportSize({ width: 900, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'options-it.png'), fullPage: true });
    await page.close();
  });

  it('shows the capture card in Italian on a clipped page', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url('profile.html'));
    await clip(b, page);
    const card = page.locator('leadline-capture');
    await card.locator('.card').waitFor();
    await expect(card.locator('#ll-title').textContent()).resolves.toBe('Salva in Leadline');
    await expect(card.locator('input[name="fullName"]').inputValue()).resolves.toBe('Maria Rossi');
    const labels = await card.locator('label > span').allTextContents();
    expect(labels.map((l) => l.trim())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Nome/), expect.stringMatching(/^Ruolo/), 'Origine', 'Tag']),
    );
    await card.getByRole('button', { name: 'Annulla' }).waitFor();
    await expect(card.getByRole('button', { name: 'Chiudi (Esc)' }).getAttribute('title')).resolves.toBe(
      'Chiudi (Esc)',
    );
    await expect(card.locator('select[name="source"] option:checked').textContent()).resolves.not.toBe('');
    expect(await fits(page, 'leadline-capture >> .card')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'capture-card-it.png') });
    await page.screenshot({ path: join(ROOT, 'docs/capture-card-it.png') });
    await card.locator('button[type="submit"]').click();
    await expect(card.locator('[data-testid="saved"]').textContent()).resolves.toBe(
      'Nuovo lead salvato nella pipeline.',
    );
    await page.close();
  });

  it('words the toolbar button’s tooltip in Italian when follow-ups are due', async () => {
    const created = await panel.evaluate(
      (dueAt) =>
        chrome.runtime.sendMessage({
          type: 'record.create',
          store: 'followUps',
          draft: { dueAt, kind: 'call', text: 'Chiamare per il preventivo' },
        }),
      Date.now() + 1000,
    );
    expect(created).toMatchObject({ ok: true });
    const end = Date.now() + 15_000;
    let title = '';
    while (Date.now() < end && !title.includes('in scadenza')) {
      await new Promise((r) => setTimeout(r, 250));
      title = await inWorker(b, () => chrome.action.getTitle({}), null);
    }
    expect(title).toBe('Leadline: 1 follow-up in scadenza');
  });
});
