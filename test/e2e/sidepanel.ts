/**
 * The real side panel, and site access as the rep grants it, for the E2E tests.
 *
 * - `openSidePanel`: `sidePanel.open` needs a user gesture, and a click in one of Leadline's
 *   own pages is one: the test clicks a button in the options page that opens the panel in
 *   that window. Playwright does not adopt the panel's page, so it is driven over the DevTools
 *   protocol (evaluate, wait, screenshot).
 * - `grantSite` / `revokeSite`: the browser's permission prompt cannot be clicked headless. The
 *   test grants (and revokes) host access the way chrome://extensions' "Site access" does; the
 *   extension's own `permissions.request` then resolves without a prompt, and a revoke fires
 *   `permissions.onRemoved` in the extension as it would for the rep.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { Browser } from './harness';

export interface SidePanel {
  /** Evaluates an expression in the panel (awaited); returns its JSON value. */
  eval<T = unknown>(expression: string): Promise<T>;
  /** Waits until the expression is truthy in the panel; returns its value. */
  waitFor<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
  /** Clicks the first element matching `selector` whose text contains `text`. */
  click(selector: string, text?: string): Promise<void>;
  screenshot(path: string): Promise<void>;
}

export async function openSidePanel(b: Browser, from: Page): Promise<SidePanel> {
  await from.bringToFront();
  await from.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'e2e-open-panel';
    button.textContent = 'Open the side panel';
    button.addEventListener('click', () => {
      void chrome.windows.getCurrent().then((w) => chrome.sidePanel.open({ windowId: w.id as number }));
    });
    document.body.prepend(button);
  });
  await from.click('#e2e-open-panel');
  await from.evaluate(() => document.getElementById('e2e-open-panel')?.remove());
  const cdp = await b.context.newCDPSession(from);
  let target: { targetId: string } | undefined;
  for (let i = 0; i < 100 && !target; i++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    target = targetInfos.find((t) => t.type === 'page' && t.url.includes(`${b.extensionId}/sidepanel.html`));
    if (!target) await new Promise((r) => setTimeout(r, 100));
  }
  if (!target) throw new Error('the side panel did not open');
  return panelOver(cdp, target.targetId);
}

async function panelOver(cdp: CDPSession, targetId: string): Promise<SidePanel> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  let next = 0;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
    if (m.id !== undefined) pending.delete(m.id);
  });
  const call = <T>(method: string, params: object) =>
    new Promise<T>((ok, ko) => {
      const id = ++next;
      pending.set(id, (m) => (m.error ? ko(new Error(`${method}: ${m.error.message}`)) : ok(m.result as T)));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await call<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  };
  const panel: SidePanel = {
    eval: evaluate,
    async waitFor<T>(expression: string, timeoutMs = 15_000): Promise<T> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = await evaluate<T>(expression).catch(() => undefined);
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting in the side panel for: ${expression}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async click(selector: string, text = '') {
      const found = await panel.waitFor<boolean>(
        `(() => { const el = [...document.querySelectorAll(${JSON.stringify(selector)})].find((e) => e.textContent.includes(${JSON.stringify(text)})); if (!el) return false; el.click(); return true; })()`,
      );
      if (!found) throw new Error(`no ${selector} with "${text}" in the side panel`);
    },
    async screenshot(path: string) {
      const { data } = await call<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
  };
  return panel;
}

async function siteAccess(b: Browser, patterns: string[], op: 'addHostPermission' | 'removeHostPermission') {
  const page = await b.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${b.extensionId}`);
    await page.evaluate(
      async ({ id, patterns, op }) => {
        const api = (
          globalThis as unknown as { chrome: { developerPrivate: Record<string, (...a: unknown[]) => Promise<void>> } }
        ).chrome.developerPrivate;
        for (const p of patterns) await api[op]?.(id, p);
      },
      { id: b.extensionId, patterns, op },
    );
  } finally {
    await page.close();
  }
}

/** Gives Leadline host access to the patterns, as chrome://extensions → Site access does. */
export const grantSite = (b: Browser, patterns: string[]) => siteAccess(b, patterns, 'addHostPermission');
/** Takes it away again, as the rep would in chrome://extensions. */
export const revokeSite = (b: Browser, patterns: string[]) => siteAccess(b, patterns, 'removeHostPermission');
