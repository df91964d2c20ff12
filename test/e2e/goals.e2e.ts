import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, readStore, SCREENSHOTS } from './harness';

let b: Browser;
let page: Page;

beforeAll(async () => {
  b = await launch();
  page = await b.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Quotas' }).waitFor();
});
afterAll(async () => {
  await b?.close();
});

type StoredSettings = { quotas: { period: string; amount: number }[]; cadences: Record<string, unknown>; rev: number };
const settings = async () => (await readStore<StoredSettings>(page, 'settings'))[0];

describe('quotas and cadences', () => {
  it('refuses a bad period, saves the quotas, and Insights measures attainment against them', async () => {
    const quotas = page.locator('section[aria-labelledby="quotas-h"]');
    await quotas.getByRole('button', { name: 'Add a quota' }).click();
    await quotas.getByLabel('Period').fill('2026-13');
    await quotas.getByLabel('Amount (EUR)').fill('120000');
    await quotas.getByRole('button', { name: 'Save quotas' }).click();
    await quotas.getByText('Write the period as 2026, 2026-Q3 or 2026-07.').waitFor();
    expect((await settings())?.quotas ?? []).toEqual([]);

    await quotas.getByLabel('Period').fill('2026');
    await quotas.getByRole('button', { name: 'Save quotas' }).click();
    await page.getByText('Saved. Every open Leadline panel uses it now.').waitFor();
    expect((await settings())?.quotas).toEqual([{ period: '2026', amount: 120_000 }]);

    // The panel's Insights reads the quota at once (no deal won yet: 0% of it).
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#insights`);
    await panel.getByRole('button', { name: 'Year', exact: true }).click();
    await panel
      .getByText(/of €120,000/)
      .first()
      .waitFor();
    await panel.close();
  });

  it('saves cadences, and refuses days out of range naming the field', async () => {
    const cad = page.locator('section[aria-labelledby="cadences-h"]');
    await cad.getByLabel('First touch after a clip (working days)').fill('61');
    await cad.getByRole('button', { name: 'Save cadences' }).click();
    await cad.getByText('Enter whole days from 0 to 60.').waitFor();
    await cad.getByLabel('First touch after a clip (working days)').fill('2');
    await cad.getByLabel('Check-ins after a win (days)').fill('14, 60');
    await cad.getByRole('button', { name: 'Save cadences' }).click();
    await expect
      .poll(async () => (await settings())?.cadences)
      .toMatchObject({ firstTouchDays: 2, checkInDays: [14, 60] });
    await page
      .locator('section[aria-labelledby="quotas-h"]')
      .screenshot({ path: join(SCREENSHOTS, 'options-quotas.png') });
    await cad.screenshot({ path: join(SCREENSHOTS, 'options-cadences.png') });
  });
});
