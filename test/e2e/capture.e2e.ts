import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, clip, hook, inWorker, launch, openPanel, readStore, SCREENSHOTS, startServer } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let b: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

describe('capture', () => {
  it('clips a profile page into a deal in Prospecting, and knows it the second time', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url('profile.html'));
    await clip(b, page);

    const card = page.locator('leadline-capture');
    await card.locator('.card').waitFor();
    await expect(card.locator('input[name="fullName"]').inputValue()).resolves.toBe('Maria Rossi');
    // The page's hostile CSS must not reach the card.
    const font = await card.locator('input[name="fullName"]').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).not.toMatch(/Comic Sans/);
    await page.screenshot({ path: join(SCREENSHOTS, 'capture-card.png') });
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();

    const panel = await openPanel(b);
    const column = panel.locator('[data-stage="prospecting"]');
    await column.getByText('Maria Rossi').first().waitFor();
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel.png') });

    // Clip again: the card says she is known, and saving makes no duplicate.
    await page.bringToFront();
    await clip(b, page);
    await card.locator('[data-testid="known"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'capture-card-known.png') });
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();
    const counts = {
      contacts: (await readStore(panel, 'contacts')).length,
      deals: (await readStore(panel, 'deals')).length,
    };
    expect(counts).toEqual({ contacts: 1, deals: 1 });
  });

  it('clips several people from a speaker page at once', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url('prospects.html'));
    await clip(b, page);
    const card = page.locator('leadline-capture');
    await card.locator('.people').waitFor();
    await expect(card.locator('.people li').count()).resolves.toBe(4);
    // The first is chosen; add the third, and review her before saving.
    await card.locator('.people li').nth(2).locator('input[type="checkbox"]').check();
    await card.locator('.people li').nth(2).locator('button').click();
    await expect(card.locator('input[name="fullName"]').inputValue()).resolves.toBe('Aisyah Rahman');
    await expect(card.locator('input[name="company"]').inputValue()).resolves.toBe('Kedai Cloud');
    await page.screenshot({ path: join(SCREENSHOTS, 'capture-card-team.png') });
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();
    const panel = await openPanel(b);
    const names = (await readStore<{ name: string }>(panel, 'contacts')).map((c) => c.name).sort();
    expect(names).toEqual(['Aisyah Rahman', 'Maria Rossi', 'Priya Natarajan']);
    await panel.close();
  });

  it('adds a selection to research notes with its page and title', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url('profile.html'));
    const text = await page.evaluate(() => {
      const el = document.getElementById('news');
      if (!el) throw new Error('fixture changed');
      const range = document.createRange();
      range.selectNodeContents(el);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return el.textContent ?? '';
    });
    await hook(b, page, 'addSelection', text);
    const panel = await openPanel(b);
    const notes = await readStore<{ kind: string; body: string; sourceUrl: string; pageTitle: string }>(panel, 'notes');
    const clipping = notes.find((n) => n.kind === 'clipping');
    expect(clipping?.body).toContain('€12M Series B');
    expect(clipping?.sourceUrl).toBe(page.url());
    expect(clipping?.pageTitle).toContain('Maria Rossi');
    await panel.close();
  });

  it('the built manifest asks only for what DESIGN.md lists and declares no content script', async () => {
    const manifest = await inWorker(b, () => chrome.runtime.getManifest(), null);
    expect(manifest.permissions?.sort()).toEqual(
      [
        'activeTab',
        'alarms',
        'contextMenus',
        'notifications',
        'offscreen',
        'scripting',
        'sidePanel',
        'storage',
        'unlimitedStorage',
      ].sort(),
    );
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect((manifest as { side_panel?: unknown }).side_panel).toBeTruthy();
  });
});
