/**
 * Hostile pages in real Chromium. A team page whose names, titles, company, links, JSON-LD and
 * <title> carry script, `<img onerror>` and `javascript:` payloads is clipped; the capture card
 * and the side panel must show them as text: no payload runs (each would call the
 * `leadlinePwned` binding this test exposes to every page of the browser, and set
 * `window.__pwned`), no element is made from page text, and links are http(s), mailto or tel
 * only. A second page imitates Leadline (postMessage, DOM and custom events, a direct
 * `chrome.runtime.sendMessage`, and pressing Save inside the card): nothing is written.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, clip, EXTENSION_DIR, launch, openPanel, readStore, SCREENSHOTS, startServer } from './harness';

const STORES = ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps', 'objections', 'nps', 'settings'];

let server: Awaited<ReturnType<typeof startServer>>;
let b: Browser;
/** Every call of the binding, with the page that made it: must stay empty. */
const fired: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  b = await launch();
  await b.context.exposeBinding('leadlinePwned', ({ page }, where: unknown) => {
    fired.push(`${String(where)} in ${page?.url() ?? 'a worker'}`);
  });
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

async function snapshot(page: Page): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of STORES) {
    out[s] = (await readStore<{ id: string }>(page, s)).sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  return out;
}

/** Checks a page (or the card's shadow root) for what could run: elements made of page text, unsafe links. */
async function inert(
  page: Page,
  rootSelector?: string,
): Promise<{ elements: string[]; links: string[]; pwned: unknown }> {
  return page.evaluate((sel) => {
    const root: ParentNode | null | undefined = sel ? document.querySelector(sel)?.shadowRoot : document;
    if (!root) throw new Error(`no ${sel}`);
    const elements = [
      ...root.querySelectorAll('img, script:not([type="module"][src]), iframe, object, embed, svg[onload], math'),
    ].map((e) => e.outerHTML.slice(0, 120));
    const links = [...root.querySelectorAll('[href], [src], [action], [formaction]')]
      .map(
        (e) =>
          e.getAttribute('href') ??
          e.getAttribute('src') ??
          e.getAttribute('action') ??
          e.getAttribute('formaction') ??
          '',
      )
      .filter(
        (u) =>
          !/^(https?:\/\/|mailto:|tel:|#)/i.test(u) &&
          !u.startsWith('/') &&
          !u.startsWith('./') &&
          !u.startsWith('chrome-extension://'),
      );
    const handlers = [...root.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
    );
    return { elements: [...elements, ...handlers], links, pwned: (window as { __pwned?: unknown }).__pwned };
  }, rootSelector);
}

describe('hostile pages', () => {
  it('a team page of payloads is clipped and shown as text in the card and the panel; nothing runs', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url('hostile.html'));
    await clip(b, page);
    const card = page.locator('leadline-capture');
    await card.locator('.card').waitFor();

    // The card: both people listed, the payloads are the inputs' values, character for character.
    await expect(card.locator('.people li').count()).resolves.toBe(2);
    const name = `Mallory <img src=x onerror="window.__pwned='name';leadlinePwned('name')" alt="${'x'.repeat(200)}">`;
    await expect(card.locator('input[name="fullName"]').inputValue()).resolves.toBe(name);
    await expect(card.locator('input[name="jobTitle"]').inputValue()).resolves.toContain('CTO <svg onload=');
    await expect(card.locator('.people').textContent()).resolves.toContain(
      `Trudy <img src=x onerror="window.__pwned='name2'`,
    );
    await expect(card.locator('input[name="linkedin"]').inputValue()).resolves.toBe(
      'https://www.linkedin.com/in/mallory-attacker/',
    );
    for (const k of ['twitter', 'github', 'website']) {
      await expect(card.locator(`input[name="${k}"]`).inputValue()).resolves.not.toMatch(/javascript|data:/i);
    }
    expect(await inert(page, 'leadline-capture')).toEqual({ elements: [], links: [], pwned: undefined });

    // The rep pastes page text into the first note (it is markdown, rendered in the panel) and saves both.
    const pasted = await page.locator('#selection').textContent();
    await card.locator('textarea[name="note"]').fill(`From their page: ${pasted}`);
    await card.locator('.people li').nth(1).locator('input[type="checkbox"]').check();
    await page.screenshot({ path: join(SCREENSHOTS, 'capture-card-hostile.png') });
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();
    expect(await inert(page)).toMatchObject({ pwned: undefined });

    // "Clip linked profile" on the page's javascript: link: the card keeps the text, not the link.
    await clip(b, page, {
      mode: 'link',
      linkUrl: "javascript:window.__pwned='link';leadlinePwned('link')",
      linkText: "Mallory <img src=x onerror=leadlinePwned('linkText') x=",
    });
    await card.locator('.card').waitFor();
    for (const k of ['linkedin', 'twitter', 'github', 'website']) {
      await expect(card.locator(`input[name="${k}"]`).inputValue()).resolves.toBe('');
    }
    expect(await inert(page, 'leadline-capture')).toEqual({ elements: [], links: [], pwned: undefined });
    await card.locator('button.secondary').click();

    // The panel: the lead view and the brief of Mallory's deal show the payloads as text.
    const panel = await openPanel(b);
    const deals = await readStore<{ id: string; title: string }>(panel, 'deals');
    expect(deals).toHaveLength(2);
    const mallory = deals.find((d) => d.title.startsWith('Mallory'));
    if (!mallory) throw new Error('Mallory’s deal is not there');
    const contacts = await readStore<{ profiles: Record<string, string>; name: string }>(panel, 'contacts');
    for (const c of contacts) for (const u of Object.values(c.profiles)) expect(u).toMatch(/^https?:\/\//);

    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#pipeline`);
    await panel.locator('[data-stage="prospecting"]').getByText('Mallory <img', { exact: false }).first().waitFor();
    expect(await inert(panel)).toEqual({ elements: [], links: [], pwned: undefined });

    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${mallory.id}`);
    await panel.getByText(name).first().waitFor();
    // The note: markdown rendered and sanitised (no image, no javascript: link), its text kept.
    // (The text shows at once; the rendered markdown replaces it when marked and DOMPurify have loaded.)
    await panel.locator('.markdown p').getByText('From their page', { exact: false }).first().waitFor();
    await expect(panel.locator('.markdown a').first().textContent()).resolves.toBe('their pricing');
    await panel.screenshot({ path: join(SCREENSHOTS, 'lead-hostile.png'), fullPage: true });
    expect(await inert(panel)).toEqual({ elements: [], links: [], pwned: undefined });
    // The timeline says where the lead was clipped from: the page's <title>, as text.
    await panel
      .getByText("Clipped from Mallory <img src=x onerror=\"window.__pwned='pageTitle'", { exact: false })
      .first()
      .waitFor();

    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#brief/${mallory.id}`);
    await panel.getByText(name).first().waitFor();
    expect(await inert(panel)).toEqual({ elements: [], links: [], pwned: undefined });

    // Nothing ran anywhere: not in the web page (where the card lives), not in Leadline's pages.
    expect(fired).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('a page that imitates Leadline (postMessage, DOM events, sendMessage, pressing Save in the card) writes nothing', async () => {
    // The store build declares no externally_connectable: a web page has no way to message Leadline.
    const store = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(store.externally_connectable).toBeUndefined();

    const panel = await openPanel(b);
    // A lead the page would love to change or delete.
    const created = await panel.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'record.create', store: 'contacts', draft: { name: 'Existing Lead' } }),
    );
    expect(created).toMatchObject({ ok: true });
    const before = await snapshot(panel);

    const page = await b.context.newPage();
    await page.goto(server.url(`spoof.html?ext=${b.extensionId}`));
    // The store build's closed shadow root (the E2E build opens it for Playwright unless asked).
    await clip(b, page, { mode: 'page', closedShadow: true });
    await page.locator('leadline-capture').waitFor({ state: 'attached' });
    // Let the page go through its rounds with the card on the page.
    await page.waitForFunction(
      () =>
        ((window as { __spoofLog?: string[] }).__spoofLog ?? []).filter((l) => l.startsWith('card found')).length >= 5,
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(1500);
    // First what matters: not a record changed.
    expect(await snapshot(panel)).toEqual(before);
    const log = await page.evaluate(() => (window as { __spoofLog?: string[] }).__spoofLog ?? []);
    expect(log).toContain('round 0: chrome.runtime is undefined');
    expect(log.some((l) => l.startsWith('sendMessage threw'))).toBe(true);
    expect(log.filter((l) => l === 'sendMessage sent' || l.startsWith('reply'))).toEqual([]);
    expect(log.filter((l) => l.startsWith('card found'))).toContain('card found, shadowRoot null');
    expect(log).not.toContain('pressed Save');

    expect(fired).toEqual([]);
    await page.close();
    await panel.close();
  });
});
