import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, readStore, SCREENSHOTS } from './harness';

const STORES = ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps', 'objections', 'nps', 'settings'];

const HEADER = 'First Name,Last Name,Email,Job Title,Company Name,Company Domain Name,Deal Name,Amount';
/** Line 5 repeats Luca (a duplicate within the file); Maria is already stored. */
const GOOD = [
  HEADER,
  'Maria,Rossi,maria@acme.example,Head of Procurement,Acme Robotics,acme.example,Robots for Acme,"12,500"',
  'Luca,Bianchi,luca@lumen.example,CTO,Lumen Analytics,lumen.example,,',
  'Aisyah,Rahman,aisyah@kedai.example,CEO,Kedai Cloud,kedai.example,,',
  'Luca,Bianchi,luca@lumen.example,CTO,Lumen Analytics,lumen.example,,',
  'Priya,Natarajan,priya@acme.example,CFO,Acme Robotics,acme.example,,',
].join('\r\n');
const BAD = GOOD.replace(
  'Luca,Bianchi,luca@lumen.example,CTO,Lumen Analytics,lumen.example,,\r\nPriya',
  'Luca,Bianchi,luca@,CTO,Lumen Analytics,lumen.example,,\r\nPriya',
);

let b: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  b = await launch();
  page = await b.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.locator('[data-testid="data-section"]').waitFor();
});
afterAll(async () => {
  await b?.close();
});

function csv(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function downloaded(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of STORES) {
    out[s] = (await readStore<{ id: string }>(page, s)).sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  return out;
}

describe('data in and out', () => {
  it('refuses a CSV with one bad row, naming the row, and writes nothing; the fixed file imports and merges', async () => {
    // A contact the rep already has: the import must merge into her, not double her.
    const created = await page.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'record.create',
        store: 'contacts',
        draft: { name: 'Maria Rossi', emails: ['maria@acme.example'] },
      }),
    );
    expect(created).toMatchObject({ ok: true });

    await page.locator('[data-testid="csv-file"]').setInputFiles(csv('leads.csv', BAD));
    const errors = page.locator('[data-testid="csv-errors"]');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain('Line 5 "luca@" is not an email address');
    await expect(page.locator('[data-testid="csv-import"]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="csv-preview"] tr.bad').count()).resolves.toBe(1);
    await page.locator('[data-testid="data-section"]').screenshot({ path: join(SCREENSHOTS, 'options-data.png') });

    // The background refuses the same file on its own, whatever a page sends.
    const refused = await page.evaluate(
      (text) => chrome.runtime.sendMessage({ type: 'data.import', kind: 'csv', text }),
      BAD,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((refused as { error: { message: string } }).error.message).toContain(
      'Line 5: "luca@" is not an email address',
    );
    expect((await readStore(page, 'contacts')).length).toBe(1);
    expect((await readStore(page, 'companies')).length).toBe(0);

    await page.locator('[data-testid="csv-file"]').setInputFiles(csv('leads-fixed.csv', GOOD));
    await page.locator('[data-testid="csv-review"]').waitFor();
    await expect(errors.count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="csv-import"]').textContent()).resolves.toBe('Import 5 rows');
    await page.locator('[data-testid="csv-import"]').click();
    const ok = page.locator('[data-testid="csv-ok"]');
    await ok.waitFor();
    await expect(ok.textContent()).resolves.toContain('Contacts: 3 new, 1 merged into one you had, 1 already there.');

    const contacts = await readStore<{ name: string; jobTitle?: string; companyId?: string }>(page, 'contacts');
    const companies = await readStore<{ id: string; domain?: string }>(page, 'companies');
    const deals = await readStore<{ title: string; value?: number }>(page, 'deals');
    expect(contacts.map((c) => c.name).sort()).toEqual([
      'Aisyah Rahman',
      'Luca Bianchi',
      'Maria Rossi',
      'Priya Natarajan',
    ]);
    expect(companies.map((c) => c.domain).sort()).toEqual(['acme.example', 'kedai.example', 'lumen.example']);
    const maria = contacts.find((c) => c.name === 'Maria Rossi');
    expect(maria?.jobTitle).toBe('Head of Procurement');
    expect(maria?.companyId).toBe(companies.find((c) => c.domain === 'acme.example')?.id);
    expect(deals.map((d) => [d.title, d.value])).toEqual([['Robots for Acme', 12500]]);
    // The storage line counts what is there now.
    await page.locator('[data-testid="storage"]').getByText('4 contacts').waitFor();
  });

  it('exports a backup, wipes everything, and the backup brings back the same data', async () => {
    const before = await snapshot();
    expect(before.contacts).toHaveLength(4);
    const first = await downloaded(() => page.locator('[data-testid="export-backup"]').click());
    expect(first.name).toMatch(/^leadline-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(first.text)).toMatchObject({ format: 'leadline-backup', version: 1 });

    await page.locator('input[name="wipe-confirm"]').fill('wipe');
    await expect(page.locator('[data-testid="wipe"]').isDisabled()).resolves.toBe(true);
    await page.locator('input[name="wipe-confirm"]').fill('WIPE');
    await page.locator('[data-testid="wipe"]').click();
    await page.locator('[data-testid="wipe-ok"]').waitFor();
    for (const s of STORES) expect(await readStore(page, s)).toEqual([]);

    await page.locator('[data-testid="backup-file"]').setInputFiles({
      name: first.name,
      mimeType: 'application/json',
      buffer: Buffer.from(first.text, 'utf8'),
    });
    await page.locator('[data-testid="backup-plan"]').getByText('4 contacts, 3 companies, 1 deal').waitFor();
    await page.locator('input[name="restore-mode"][value="replace"]').check();
    await page.locator('[data-testid="restore"]').click();
    await page.locator('[data-testid="restore-ok"]').waitFor();

    expect(await snapshot()).toEqual(before);
    const second = await downloaded(() => page.locator('[data-testid="export-backup"]').click());
    const body = (t: string) => t.replace(/"exportedAt": \d+/, '"exportedAt": 0');
    expect(body(second.text)).toBe(body(first.text));
  });

  it('exports contacts, companies and deals as CSV and the contacts as one vCard file', async () => {
    const contacts = await downloaded(() => page.locator('[data-testid="export-contacts-csv"]').click());
    expect(contacts.name).toMatch(/^leadline-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    // The BOM stays: Excel reads the file as UTF-8 only with it.
    expect(contacts.text.startsWith('\uFEFFFirst Name,Last Name,Email,')).toBe(true);
    const lines = contacts.text.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    const companies = await downloaded(() => page.locator('[data-testid="export-companies-csv"]').click());
    expect(companies.text).toContain('acme.example');
    const deals = await downloaded(() => page.locator('[data-testid="export-deals-csv"]').click());
    expect(deals.text).toContain('Robots for Acme,Sales Pipeline,Prospecting,12500,EUR');
    const vcf = await downloaded(() => page.locator('[data-testid="export-contacts-vcf"]').click());
    expect(vcf.name).toMatch(/\.vcf$/);
    expect(vcf.text.match(/BEGIN:VCARD/g)).toHaveLength(4);
    expect(vcf.text).toContain('FN:Maria Rossi');
  });
});
