/**
 * Drives Debian's Chromium with the built extension loaded (playwright-core; no browser is
 * ever downloaded). Serves fixture pages from 127.0.0.1, which the E2E build may script.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output-e2e/chrome-mv3');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
};

/** A static server for test/fixtures/pages and demo/, on a free loopback port. */
export async function startServer(): Promise<{
  url: (path: string) => string;
  close: () => Promise<void>;
  server: Server;
}> {
  const roots = [join(ROOT, 'test/fixtures/pages'), join(ROOT, 'demo')];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = roots.map((r) => join(r, path)).find((f) => !path.includes('..') && existsSync(f) && f.includes('.'));
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    url: (p) => `http://127.0.0.1:${port}/${p.replace(/^\//, '')}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Closes the browser; keeps the profile unless `wipe`. */
  close(opts?: { wipe?: boolean }): Promise<void>;
}

/**
 * Launches Chromium on a profile (a fresh one unless `userDataDir` is given). `locale` ("it-IT")
 * makes it a browser in that language: `--lang` sets the UI language, which picks the extension's
 * messages (it must be a language Chromium ships, "it" rather than "it-IT"); Playwright's locale
 * sets `navigator.language` and what `chrome.i18n.getUILanguage()` reports in pages; LANGUAGE and
 * LANG are set as a desktop session in that language would have them. `args` are extra flags.
 */
export async function launch(opts: { userDataDir?: string; locale?: string; args?: string[] } = {}): Promise<Browser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No E2E build at ${EXTENSION_DIR}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'leadline-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    locale: opts.locale,
    env: opts.locale ? localeEnv(opts.locale) : undefined,
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.locale ? [`--lang=${chromiumLanguage(opts.locale)}`] : []),
      ...(opts.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close({ wipe = true } = {}) {
      await context.close();
      if (wipe) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium's UI languages are bare ("it", "ms") but for a few regional ones ("en-GB", "es-419"). */
function chromiumLanguage(locale: string): string {
  return /^(en-(US|GB)|es-419|pt-(BR|PT)|zh-(CN|TW))$/.test(locale) ? locale : (locale.split('-')[0] ?? locale);
}

/** The environment of a desktop session in `locale`. */
function localeEnv(locale: string): Record<string, string> {
  const posix = locale.replace('-', '_');
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...env, LANGUAGE: posix, LANG: `${posix}.UTF-8` };
}

/** The current service worker (it may have been restarted since launch). */
export async function currentWorker(b: Browser): Promise<Worker> {
  const live = b.context.serviceWorkers().find((w) => w.url().includes(b.extensionId));
  return live ?? (await b.context.waitForEvent('serviceworker', { timeout: 20_000 }));
}

/** Opens the side panel's page as a tab (sidePanel.open needs a real user gesture). */
export async function openPanel(b: Browser, hash = ''): Promise<Page> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`chrome-extension://${b.extensionId}/sidepanel.html${hash}`);
  return page;
}

/** Clips the page open in `page` as the toolbar button would (the same capture path, run for that tab). */
export async function clip(
  b: Browser,
  page: Page,
  /** `closedShadow`: mount the card in a closed shadow root, as the store build does (E2E builds open it). */
  launch: { mode: 'page' | 'link'; linkUrl?: string; linkText?: string; closedShadow?: boolean } = { mode: 'page' },
): Promise<void> {
  await page.bringToFront();
  await hook(b, page, 'clip', launch);
}

/** Runs `fn` in the worker and returns its result (chrome.* is available there). */
export async function inWorker<T, A>(b: Browser, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  const worker = await currentWorker(b);
  return worker.evaluate(fn as never, arg as never) as Promise<T>;
}

/** Runs a worker test hook (see entrypoints/background/index.ts) against the tab showing `page`. */
export async function hook(b: Browser, page: Page, name: 'clip' | 'addSelection', ...args: unknown[]): Promise<void> {
  const worker = await currentWorker(b);
  await worker.evaluate(
    async ({ url, name, args }) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab) throw new Error(`no tab with ${url}`);
      const h = (globalThis as unknown as { leadlineTest?: Record<string, (...a: unknown[]) => Promise<void>> })
        .leadlineTest;
      const fn = h?.[name];
      if (!fn) throw new Error(`the E2E build exposes leadlineTest.${name} in the worker`);
      await fn(tab, ...args);
    },
    { url: page.url(), name, args },
  );
}

/** Reads every record of a store through an extension page (same origin as the worker's database). */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const open = indexedDB.open('leadline');
    const db: IDBDatabase = await new Promise((ok, ko) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => ko(open.error);
    });
    const all = await new Promise<unknown[]>((ok, ko) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    db.close();
    return all;
  }, store) as Promise<T[]>;
}
