/**
 * The page beside the panel and the "already in Leadline" marker, in real Chromium with the
 * real side panel. Pages are served from 127.0.0.1 under the names they would have (a LinkedIn
 * profile, a company's own domain) through Chromium's host resolver rules, so the lookups by
 * profile and by domain run as they do for a rep; the E2E build's host access to 127.0.0.1
 * does not cover those names, so Leadline can read them only once the rep opts them in.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, inWorker, launch, ROOT } from './harness';
import { grantSite, openSidePanel, revokeSite, type SidePanel } from './sidepanel';

const DOCS = join(ROOT, 'docs');
let b: Browser;
let server: Server;
let port: number;
let options: Page;
let panel: SidePanel;
let tab: Page;
const ids: Record<string, { contactId: string; dealId: string }> = {};

/** A page as the site would serve it: a profile, a company's home page, or something else. */
function html(host: string, path: string): { status: number; body: string } {
  const shell = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>
body{margin:0;font:15px/1.5 system-ui,sans-serif;background:#f3f2ef;color:#1d2226}
header{background:#fff;border-bottom:1px solid #ddd;padding:10px 24px;font-weight:700;color:#0a66c2}
main{max-width:720px;margin:24px auto;background:#fff;border-radius:10px;padding:24px 28px;box-shadow:0 1px 2px #0002}
h1{margin:0 0 4px;font-size:26px}h2.muted{margin:0;font-size:16px;font-weight:400}.muted{color:#666}</style></head><body>${body}</body></html>`;
  const person = (name: string, title: string, company: string) =>
    shell(
      `${name} | LinkedIn`,
      `<header>in</header><main><script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Person',
        name,
        jobTitle: title,
        worksFor: { '@type': 'Organization', name: company },
      })}</script><section class="top-card-layout"><h1 class="top-card-layout__title">${name}</h1>
<h2 class="top-card-layout__headline muted">${title} at ${company}</h2></section>
<h2>About</h2><p>${name.split(' ')[0]} works on computing engines and writes about what they can do beyond arithmetic.</p>
<h2>Experience</h2><p>${title}, ${company} · 3 yrs</p></main>`,
    );
  if (host === 'www.linkedin.com' && path === '/in/ada-lovelace/')
    return { status: 200, body: person('Ada Lovelace', 'Analyst', 'Analytical Engines') };
  if (host === 'www.linkedin.com' && path === '/in/grace-hopper/')
    return { status: 200, body: person('Grace Hopper', 'Rear Admiral', 'Eckert–Mauchly') };
  if (host === 'www.linkedin.com' && path === '/in/nobody/')
    return { status: 200, body: person('Nobody Known', 'Visitor', 'Elsewhere') };
  if (host === 'analytical-engines.example')
    return {
      status: 200,
      body: shell(
        'Analytical Engines — general-purpose computing',
        '<header>Analytical Engines</header><main><h1>Engines that weave algebraic patterns</h1><p>Analytical Engines builds general-purpose computing machinery.</p></main>',
      ),
    };
  if (host === 'elsewhere.example')
    return { status: 200, body: shell('Elsewhere', '<main><h1>A page Leadline knows nothing about</h1></main>') };
  return { status: 404, body: 'not found' };
}

const at = (host: string, path = '/') => `http://${host}:${port}${path}`;

/** The marker's text, read through its closed shadow root (the page's own scripts cannot). */
async function markerText(page: Page): Promise<string | null> {
  const cdp = await b.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, (n) => n.nodeName === 'LEADLINE-MARKER');
    if (!host) return null;
    return (host.shadowRoots ?? []).map(text).join('').replace(/\s+/g, ' ').trim();
  } finally {
    await cdp.detach();
  }
}
interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}
function find(n: DomNode, ok: (n: DomNode) => boolean): DomNode | undefined {
  if (ok(n)) return n;
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    const f = find(c, ok);
    if (f) return f;
  }
  return undefined;
}
function text(n: DomNode): string {
  if (n.nodeName === 'STYLE') return '';
  if (n.nodeType === 3) return n.nodeValue;
  return (n.children ?? []).map(text).join('');
}
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}
const registered = () =>
  inWorker(
    b,
    async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => [...(s.matches ?? [])].sort()),
    null,
  );
const offer = () =>
  panel.eval<string | null>(`document.querySelector('[data-testid="page-offer"]')?.textContent ?? null`);

/** Opts a site in from the options page, as the rep does: type it, Add (the browser's prompt is pre-answered). */
async function optIn(site: string, patterns: string[]) {
  await grantSite(b, patterns);
  await options.bringToFront();
  await options.locator('input[name="markerSite"]').fill(site);
  await options.getByRole('button', { name: 'Add site' }).click();
  await options.locator(`[data-site="${site}"]`, { hasText: 'On' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(DOCS, { recursive: true });
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const { status, body } = html(host, new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
  b = await launch({
    args: ['--host-resolver-rules=MAP *.example 127.0.0.1, MAP www.linkedin.com 127.0.0.1'],
  });
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  for (const [key, draft] of Object.entries({
    ada: {
      person: { fullName: 'Ada Lovelace', jobTitle: 'Analyst', linkedin: 'https://www.linkedin.com/in/ada-lovelace/' },
      company: { name: 'Analytical Engines', website: 'https://analytical-engines.example' },
      sourceUrl: 'https://www.linkedin.com/in/ada-lovelace/',
      followUp: 'tomorrow',
    },
    maria: {
      person: { fullName: 'Maria Rossi', jobTitle: 'Head of Procurement' },
      company: { name: 'Acme Robotics', website: 'https://acme-robotics.example' },
      sourceUrl: 'https://acme-robotics.example/team',
      followUp: 'none',
    },
  })) {
    const r = (await options.evaluate(
      (draft) => chrome.runtime.sendMessage({ type: 'capture.save', draft }),
      draft,
    )) as {
      ok: boolean;
      value: { contactId: string; dealId: string };
    };
    expect(r.ok).toBe(true);
    ids[key] = r.value;
  }
  tab = await b.context.newPage();
  await tab.goto(at('www.linkedin.com', '/in/ada-lovelace/'));
  panel = await openSidePanel(b, options);
  await panel.waitFor(`document.querySelector('.board')`);
});
afterAll(async () => {
  await b?.close();
  await new Promise((ok) => server?.close(ok));
});

describe('the page beside the side panel', () => {
  it('offers nothing where Leadline may not read the page, and the lead once the rep opts the site in', async () => {
    await tab.bringToFront();
    // Without a gesture or the rep's opt-in the panel cannot learn the address: no offer.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await offer()).toBeNull();

    await optIn('linkedin.com', ['https://*.linkedin.com/*', 'http://*.linkedin.com/*']);
    await tab.bringToFront();
    const text = await panel.waitFor<string>(
      `document.querySelector('[data-testid="page-offer"]')?.textContent.includes('Ada Lovelace') && document.querySelector('[data-testid="page-offer"]').textContent`,
    );
    expect(text).toContain('On this page: Ada Lovelace · Analyst · Analytical Engines');
    expect(text).toContain('Open');

    // On another lead the offer stays at the top; that is the screenshot for the docs.
    await panel.eval(`location.hash = '#lead/${ids.maria?.dealId}'`);
    await panel.waitFor(`document.querySelector('#lead-name')?.textContent === 'Maria Rossi'`);
    await panel.waitFor(`document.querySelector('[data-testid="page-offer"]')`);
    await panel.screenshot(join(DOCS, 'page-offer.png'));

    await panel.click('[data-testid="page-offer"] button', 'Open');
    await panel.waitFor(`document.querySelector('#lead-name')?.textContent === 'Ada Lovelace'`);
    expect(await panel.eval<string>('location.hash')).toBe(`#lead/${ids.ada?.dealId}`);
    // The lead open is the page's lead: nothing more to offer.
    expect(await offer()).toBeNull();

    // A tab on a site not opted in: the panel learns nothing there.
    const elsewhere = await b.context.newPage();
    await elsewhere.goto(at('elsewhere.example'));
    await panel.eval(`location.hash = '#pipeline'`);
    await tab.bringToFront();
    await panel.waitFor(`document.querySelector('[data-testid="page-offer"]')`);
    await elsewhere.bringToFront();
    await panel.waitFor(`!document.querySelector('[data-testid="page-offer"]')`);
    await elsewhere.close();
  });

  it('offers "Clip this page" on an unknown page, and the new lead once it is saved', async () => {
    await tab.bringToFront();
    await tab.goto(at('www.linkedin.com', '/in/grace-hopper/'));
    const text = await panel.waitFor<string>(
      `document.querySelector('[data-testid="page-offer"]')?.textContent.includes('Clip this page') && document.querySelector('[data-testid="page-offer"]').textContent`,
    );
    expect(text).toContain('Not in Leadline yet: Grace Hopper | LinkedIn');
    await panel.click('[data-testid="page-offer"] button', 'Clip this page');
    const card = tab.locator('leadline-capture');
    await card.locator('.card').waitFor();
    await expect(card.locator('input[name="fullName"]').inputValue()).resolves.toBe('Grace Hopper');
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="saved"]').waitFor();
    const known = await panel.waitFor<string>(
      `document.querySelector('[data-testid="page-offer"]')?.textContent.includes('Grace Hopper ·') && document.querySelector('[data-testid="page-offer"]').textContent`,
    );
    expect(known).toContain('On this page: Grace Hopper');
  });
});

describe('the "already in Leadline" marker', () => {
  it('shows on a stored contact’s page of an opted-in site, not on an unknown one, and goes with the site', async () => {
    // linkedin.com was opted in above: its marker script is registered for it alone.
    expect(await until(registered, (r) => r.length === 1)).toEqual([
      ['http://*.linkedin.com/*', 'https://*.linkedin.com/*'],
    ]);
    await tab.bringToFront();
    await tab.goto(at('www.linkedin.com', '/in/ada-lovelace/'));
    expect(
      await until(
        () => markerText(tab),
        (t) => !!t,
      ),
    ).toBe('LIn Leadline: Ada Lovelace · Prospecting×');
    await tab.screenshot({ path: join(DOCS, 'marker.png') });
    // The page's own scripts see the host element, not what it says.
    expect(await tab.evaluate(() => document.querySelector('leadline-marker')?.shadowRoot ?? null)).toBeNull();

    await tab.goto(at('www.linkedin.com', '/in/nobody/'));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await markerText(tab)).toBeNull();

    // A company's own site, opted in, then revoked in the browser: the script goes with the access.
    await optIn('analytical-engines.example', [
      'https://*.analytical-engines.example/*',
      'http://*.analytical-engines.example/*',
    ]);
    const company = await b.context.newPage();
    await company.goto(at('analytical-engines.example'));
    expect(
      await until(
        () => markerText(company),
        (t) => !!t,
      ),
    ).toBe('LIn Leadline: Analytical Engines · company×');
    await revokeSite(b, ['https://*.analytical-engines.example/*', 'http://*.analytical-engines.example/*']);
    expect(await until(registered, (r) => r[0]?.length === 2)).toEqual([
      ['http://*.linkedin.com/*', 'https://*.linkedin.com/*'],
    ]);
    await options.bringToFront();
    await options.locator('[data-site="analytical-engines.example"]', { hasText: 'No access' }).waitFor();
    await company.reload();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await markerText(company)).toBeNull();
    await company.close();

    // The rep removes linkedin.com: no script, no access kept, no marker.
    await options.getByRole('button', { name: 'Remove linkedin.com' }).click();
    await options.locator('[data-site="linkedin.com"]').waitFor({ state: 'detached' });
    expect(await until(registered, (r) => r.length === 0)).toEqual([]);
    // The access is given back after the registration goes (the options page removes it second).
    expect(
      await until(
        () => inWorker(b, () => chrome.permissions.contains({ origins: ['https://*.linkedin.com/*'] }), null),
        (has) => has === false,
      ),
    ).toBe(false);
    await tab.bringToFront();
    await tab.goto(at('www.linkedin.com', '/in/ada-lovelace/'));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await markerText(tab)).toBeNull();
  });
});
