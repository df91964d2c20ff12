import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, openPanel, readStore, SCREENSHOTS } from './harness';

let b: Browser;
let panel: Page;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Extension pages forbid inline scripts; a DevTools evaluation is not subject to the page's CSP.
  await page.evaluate(`${axeSource};0`);
  return page.evaluate(async () => {
    const r = await (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => (n as { target: string[] }).target.join(' ')),
      }));
  });
}

const people = [
  {
    fullName: 'Maria Rossi',
    jobTitle: 'Head of Procurement',
    company: 'Acme Robotics',
    website: 'https://acme-robotics.example',
  },
  {
    fullName: 'Tomás Herrera',
    jobTitle: 'Head of Sales',
    company: 'Brightforge',
    website: 'https://brightforge.example',
  },
  { fullName: 'Aisyah Rahman', jobTitle: 'CCO', company: 'Kedai Cloud', website: 'https://kedai.example' },
];

beforeAll(async () => {
  b = await launch();
  panel = await openPanel(b);
  for (const p of people) {
    const r = await panel.evaluate(
      (p) =>
        chrome.runtime.sendMessage({
          type: 'capture.save',
          draft: {
            person: { fullName: p.fullName, jobTitle: p.jobTitle },
            company: { name: p.company, website: p.website },
            sourceUrl: `${p.website}/team`,
            followUp: 'none',
          },
        }),
      p,
    );
    expect(r).toMatchObject({ ok: true });
  }
  await panel.reload();
});
afterAll(async () => {
  await b?.close();
});

/** HTML5 drag and drop, dispatched as the browser does: dragstart → dragover → drop, one DataTransfer. */
async function drag(from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>): Promise<void> {
  const dt = await panel.evaluateHandle(() => new DataTransfer());
  await from.dispatchEvent('dragstart', { dataTransfer: dt });
  await to.dispatchEvent('dragover', { dataTransfer: dt });
  await to.dispatchEvent('drop', { dataTransfer: dt });
  await from.dispatchEvent('dragend', { dataTransfer: dt }).catch(() => undefined);
}

const column = (stage: string) => panel.locator(`[data-stage="${stage}"]`);
const card = (name: string) => panel.locator('.deal', { hasText: name });

describe('side panel', () => {
  it('shows the board with counts, warns about deals without a next step, and passes an accessibility scan', async () => {
    await column('prospecting').getByText('Maria Rossi').waitFor();
    await expect(column('prospecting').locator('.count').textContent()).resolves.toBe('3');
    await expect(card('Maria Rossi').locator('.next.none').textContent()).resolves.toContain('No next step');
    expect(await axe(panel)).toEqual([]);
    await panel.screenshot({ path: join(SCREENSHOTS, 'board.png') });
  });

  it('moves a deal by keyboard alone, announces it, and can undo', async () => {
    await card('Maria Rossi').focus();
    await panel.keyboard.press('Shift+ArrowRight');
    await column('qualification').getByText('Maria Rossi').waitFor();
    await expect(panel.locator('[data-testid="announce"]').textContent()).resolves.toContain(
      'Moved Maria Rossi from Prospecting to Qualification',
    );
    const moves = (await readStore<{ kind: string; toStage?: string }>(panel, 'activities')).filter(
      (a) => a.kind === 'stage-change' && a.toStage === 'qualification',
    );
    expect(moves).toHaveLength(1);
  });

  it('moves a deal by drag and drop, and Lost asks for a reason', async () => {
    await drag(card('Tomás Herrera'), column('meeting'));
    await column('meeting').getByText('Tomás Herrera').waitFor();
    await drag(card('Aisyah Rahman'), column('lost'));
    const dialog = panel.locator('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Price' }).click();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await column('lost').getByText('Aisyah Rahman').waitFor();
    const deals = await readStore<{ title: string; stage: string; lostReason?: string }>(panel, 'deals');
    expect(deals.find((d) => d.title.startsWith('Aisyah'))).toMatchObject({ stage: 'lost', lostReason: 'Price' });
  });

  it('opens a lead: edits a field, logs an activity, adds a note and a follow-up; all still there after a reload', async () => {
    await card('Maria Rossi').click();
    await panel.locator('#lead-name').waitFor();
    const title = panel.locator('input[name="jobTitle"]');
    await title.fill('Chief Procurement Officer');
    await title.press('Enter');
    await panel.getByPlaceholder('What happened…').fill('Discovery call: 3 factories, 40 users');
    await panel.getByRole('group', { name: 'Log a touchpoint' }).getByRole('button', { name: 'Call' }).click();
    await panel.locator('.timeline').getByText('Discovery call: 3 factories').waitFor();
    await panel
      .getByLabel('Note (markdown)')
      .fill('Raised a **€12M Series B** — see [the news](https://news.example/acme)');
    await panel.getByLabel('Research item').selectOption('funding');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.markdown strong', { hasText: '€12M Series B' }).waitFor();
    await panel.getByPlaceholder('What to do next…').fill('Send pricing');
    await panel.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await panel.locator('.fu', { hasText: 'Send pricing' }).waitFor();
    await panel.locator('input[name="budget"]').fill('€40k');
    await panel.locator('input[name="budget"]').press('Enter');
    await expect(panel.locator('.research-checklist .done').first().textContent()).resolves.toContain('Funding');
    expect(await axe(panel)).toEqual([]);
    await panel.locator('#lead-name').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'lead.png') });

    await panel.reload();
    await panel.locator('#lead-name').waitFor();
    await expect(panel.locator('input[name="jobTitle"]').inputValue()).resolves.toBe('Chief Procurement Officer');
    await expect(panel.locator('input[name="budget"]').inputValue()).resolves.toBe('€40k');
    await panel.locator('.timeline').getByText('Discovery call: 3 factories').waitFor();
    await panel.locator('.markdown strong', { hasText: '€12M Series B' }).waitFor();
    // Markdown links are rendered safely, to http(s) only, opening outside the panel.
    await expect(panel.locator('.markdown a').getAttribute('rel')).resolves.toContain('noopener');

    await panel.getByRole('button', { name: 'Brief' }).click();
    await panel.locator('#brief-h').waitFor();
    await expect(panel.locator('.brief').textContent()).resolves.toContain('Send pricing');
    await panel.screenshot({ path: join(SCREENSHOTS, 'brief.png') });
  });

  it('finds people, companies and notes as you type, with a typo', async () => {
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#pipeline`);
    await panel.getByLabel('Search contacts, companies and notes').fill('herera');
    await panel.locator('.hits').getByText('Tomás Herrera').waitFor();
    await panel.getByLabel('Search contacts, companies and notes').fill('series');
    await panel
      .locator('.hits')
      .getByText(/Note: Raised/)
      .waitFor();
  });

  it('lists follow-ups by Overdue, Today and Upcoming', async () => {
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#follow-ups`);
    await panel.locator('.fu-row', { hasText: 'Send pricing' }).waitFor();
    // Who next: Maria has the earliest follow-up (tomorrow), so she leads the list.
    await expect(panel.locator('.who-next li').first().textContent()).resolves.toContain('Maria Rossi');
    expect(await axe(panel)).toEqual([]);
    await panel.screenshot({ path: join(SCREENSHOTS, 'follow-ups.png') });
  });
});
