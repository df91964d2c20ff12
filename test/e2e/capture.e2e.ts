import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, clip, inWorker, launch, openPanel, SCREENSHOTS, startServer } from './harness';

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
    const counts = await panel.evaluate(async () => {
      const open = indexedDB.open('leadline');
      const db: IDBDatabase = await new Promise((ok, ko) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => ko(open.error);
      });
      const count = (s: string) =>
        new Promise<number>((ok) => {
          const r = db.transaction(s).objectStore(s).count();
          r.onsuccess = () => ok(r.result);
        });
      return { contacts: await count('contacts'), deals: await count('deals') };
    });
    expect(counts).toEqual({ contacts: 1, deals: 1 });
  });

  it('the built manifest asks only for what DESIGN.md lists and declares no content script', async () => {
    const manifest = await inWorker(b, () => chrome.runtime.getManifest(), null);
    expect(manifest.permissions?.sort()).toEqual(
      ['activeTab', 'alarms', 'contextMenus', 'notifications', 'offscreen', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage'].sort(),
    );
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect((manifest as { side_panel?: unknown }).side_panel).toBeTruthy();
  });
});
