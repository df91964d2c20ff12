/**
 * The "already in Leadline" marker. Registered at run time only for the sites the rep opted in
 * to (entrypoints/background/markers.ts), never declared in the manifest. It asks the
 * background whether this page is a stored contact or company (the background reads the
 * page's address from the sender, not from the message) and, if so, shows one line of text
 * in a closed shadow root: the page's scripts cannot read the name. Kept tiny: no framework; its
 * words come from `_locales` through `browser.i18n` (nothing bundled).
 */

import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { i18n } from '#i18n';
import type { PageMatch } from '../lib/page-match';
import type { Reply } from '../lib/protocol';

const CSS = `:host{all:initial}
.m{position:fixed;right:16px;bottom:16px;z-index:2147483647;display:flex;align-items:center;gap:8px;max-width:min(360px,calc(100vw - 32px));padding:6px 6px 6px 8px;border-radius:999px;background:#fff;color:#1f2328;border:1px solid #d0d7de;box-shadow:0 2px 8px rgba(0,0,0,.14);font:500 12px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;opacity:.94}
.l{flex:none;display:grid;place-items:center;width:18px;height:18px;border-radius:50%;background:#0b57d0;color:#fff;font-weight:700;font-size:11px}
.t{overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
b{font-weight:650}
.s{color:#59636e}
button{all:unset;flex:none;cursor:pointer;width:18px;height:18px;border-radius:50%;text-align:center;color:#59636e;font-size:14px;line-height:18px}
button:hover,button:focus-visible{background:#eef1f4;color:#1f2328;outline:2px solid #0b57d0}
@media (prefers-color-scheme:dark){.m{background:#1f2328;color:#e6edf3;border-color:#3d444d}.s,button{color:#9198a1}button:hover,button:focus-visible{background:#2d333b;color:#e6edf3}}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

function show(match: PageMatch): HTMLElement {
  const host = document.createElement('leadline-marker');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const box = el('div', 'm');
  box.setAttribute('role', 'status');
  const line = el('span', 't', `${i18n.t('marker.inLeadline')} `);
  line.append(el('b', '', match.name));
  const extra = match.kind === 'company' ? i18n.t('offer.company') : match.stageName;
  if (extra) line.append(el('span', 's', ` · ${extra}`));
  line.title = [match.name, match.detail, match.stageName].filter(Boolean).join(' · ');
  const close = el('button', '', '×');
  close.setAttribute('aria-label', i18n.t('marker.hide'));
  close.addEventListener('click', () => host.remove());
  box.append(el('span', 'l', 'L'), line, close);
  root.append(style, box);
  (document.body ?? document.documentElement).append(host);
  return host;
}

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    let shown: HTMLElement | undefined;
    let asked = '';
    const check = async () => {
      if (asked === location.href) return;
      asked = location.href;
      const reply = (await browser.runtime.sendMessage({ type: 'page.lookup' }).catch(() => undefined)) as
        | Reply<PageMatch | null>
        | undefined;
      shown?.remove();
      shown = reply?.ok && reply.value ? show(reply.value) : undefined;
    };
    void check();
    // Single-page sites (LinkedIn among them) change the address without loading a page.
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    const onNavigate = () => void check();
    nav?.addEventListener('navigatesuccess', onNavigate);
    addEventListener('popstate', onNavigate);
    ctx.onInvalidated(() => {
      shown?.remove();
      nav?.removeEventListener('navigatesuccess', onNavigate);
      removeEventListener('popstate', onNavigate);
    });
  },
});
