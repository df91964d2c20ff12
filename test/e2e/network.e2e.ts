/**
 * Privacy: nothing leaves the machine. Every request made by Leadline's pages (side panel,
 * options), its service worker and its offscreen reader, and by the clipped tab, is recorded
 * through a full flow (clip a local page and save it, open the panel's pipeline, lead, brief,
 * follow-ups and insights, the options page, export a backup), and each must go to the local
 * test server this test serves, or stay inside the extension (chrome-extension://, and the
 * blob: and data: URLs of its own pages).
 *
 * The recorder is Playwright's `request` event on the context, which sees pages and service
 * workers; `PW_CHROMIUM_ATTACH_TO_OTHER` makes it attach to the offscreen document too (a
 * target of type "other"). The test checks that each kind of context was seen, so an empty
 * record cannot pass for a clean one.
 */
process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, clip, inWorker, launch, openPanel, readStore, startServer } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let b: Browser;

interface Seen {
  url: string;
  /** Where it came from: the service worker, or the URL of the page or frame that asked. */
  from: string;
}
const seen: Seen[] = [];

beforeAll(async () => {
  server = await startServer();
  b = await launch();
  b.context.on('request', (r) => {
    let from = 'unknown';
    if (r.serviceWorker()) from = `service worker ${r.serviceWorker()?.url()}`;
    else {
      try {
        from = r.frame().url() || r.frame().page().url();
      } catch {
        // a request of a frame that is gone
      }
    }
    seen.push({ url: r.url(), from });
  });
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

describe('network', () => {
  it('a full flow sends no request anywhere but the local test server and the extension itself', async () => {
    const ext = `chrome-extension://${b.extensionId}`;
    const local = new URL(server.url('/')).origin;

    // Clip a local page, and save it.
    const page = await b.context.newPage();
    await page.goto(server.url('profile.html'));
    await clip(b, page);
    const card = page.locator('leadline-capture');
    await card.locator('.card').waitFor();
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();

    // The panel: pipeline, lead, brief, follow-ups, insights.
    const panel = await openPanel(b);
    await panel.locator('[data-stage="prospecting"]').getByText('Maria Rossi').first().waitFor();
    const [deal] = await readStore<{ id: string }>(panel, 'deals');
    if (!deal) throw new Error('the clip saved no deal');
    await panel.goto(`${ext}/sidepanel.html#lead/${deal.id}`);
    await panel.locator('#lead-name').waitFor();
    await panel.goto(`${ext}/sidepanel.html#brief/${deal.id}`);
    await panel.getByText('Maria Rossi').first().waitFor();
    await panel.goto(`${ext}/sidepanel.html#follow-ups`);
    await panel.getByText('Follow up with Maria Rossi', { exact: false }).first().waitFor();
    await panel.goto(`${ext}/sidepanel.html#insights`);
    await panel.locator('[data-testid="insights"], .insights').first().waitFor();

    // Options, and a backup export (a download from a blob: URL).
    const options = await b.context.newPage();
    await options.goto(`${ext}/options.html`);
    await options.locator('[data-testid="data-section"]').waitFor();
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('[data-testid="export-backup"]').click(),
    ]);
    await download.path();

    // The recorder sees the service worker too: one request the test itself makes from it.
    await inWorker(b, (url) => fetch(url).then((r) => r.status), server.url('profile.html?from-worker'));
    await panel.waitForTimeout(500);

    const fromWorker = seen.filter((s) => s.from.startsWith('service worker'));
    const fromOffscreen = seen.filter((s) => s.from.includes('/offscreen.html'));
    const fromPanel = seen.filter((s) => s.from.startsWith(`${ext}/sidepanel.html`));
    const fromOptions = seen.filter((s) => s.from.startsWith(`${ext}/options.html`));
    const fromTab = seen.filter((s) => s.from.startsWith(local));
    expect(fromWorker.map((s) => s.url)).toContain(server.url('profile.html?from-worker'));
    expect(fromOffscreen.length, 'the offscreen reader was not observed').toBeGreaterThan(0);
    expect(fromPanel.length).toBeGreaterThan(0);
    expect(fromOptions.length).toBeGreaterThan(0);

    const allowed = (u: string) =>
      u.startsWith(`${ext}/`) || u.startsWith(`${local}/`) || u.startsWith(`blob:${ext}/`) || u.startsWith('data:');
    const leaving = seen.filter((s) => !allowed(s.url));
    console.log(
      `network: ${seen.length} requests recorded (service worker ${fromWorker.length}, offscreen ${fromOffscreen.length}, ` +
        `side panel ${fromPanel.length}, options ${fromOptions.length}, clipped tab ${fromTab.length}); ` +
        `${leaving.length} left the machine`,
    );
    expect(leaving).toEqual([]);
    await options.close();
    await panel.close();
    await page.close();
  });
});
