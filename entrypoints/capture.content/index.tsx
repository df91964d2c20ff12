/**
 * The capture script, injected on demand (never declared for all sites). It snapshots the
 * page, lets an extension page read it (the extractor's size then costs the page nothing),
 * shows the capture card in a shadow root (./mount.ts), and sends the reviewed draft to the background.
 * Budget: 30 KB minified.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CaptureCard } from '../../components/CaptureCard';
import { t } from '../../components/i18n';
import type { CaptureLaunchLike, PageRead } from '../../lib/clip';
import type { ClipDraftInput, LookupResult, Reply, RequestInput, SaveClipResult } from '../../lib/protocol';
import { snapshotHtml } from '../../lib/snapshot';
// Inlined, so no web-accessible resource is exposed for pages to probe.
import cardCss from './card.css?inline';
import { type Mounted, mountShadow } from './mount';

type Global = { __leadlineLaunch?: CaptureLaunchLike; __leadlineUi?: Mounted };

async function send<T>(req: RequestInput): Promise<T> {
  const reply = (await browser.runtime.sendMessage(req)) as Reply<T> | undefined;
  if (!reply) throw new Error(t('error.noAnswerPage'));
  // The code lets the card word the error in the UI's language.
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

export default defineContentScript({
  registration: 'runtime',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const g = globalThis as Global;
    const launch = g.__leadlineLaunch ?? { mode: 'page' };
    g.__leadlineLaunch = undefined;
    // A second clip on the same page replaces the open card.
    g.__leadlineUi?.remove();

    const url = location.href;
    const page = await send<PageRead>({
      type: 'capture.read',
      snapshot: { html: snapshotHtml(document), url, title: document.title },
      launch,
    });
    if (page.siteRule) {
      void send({ type: 'capture.ruleHealth', rule: page.siteRule.name, matched: page.siteRule.matched, url }).catch(
        () => undefined,
      );
    }

    // The store build's root is closed (see ./mount.ts). Playwright's locators cannot enter a
    // closed root, so the E2E build opens it unless a test asks for the store build's.
    const closedForTest = (launch as { closedShadow?: boolean }).closedShadow === true;
    const ui = mountShadow('leadline-capture', cardCss, __LEADLINE_E2E__ && !closedForTest ? 'open' : 'closed');
    g.__leadlineUi = ui;
    const close = () => {
      render(null, ui.container);
      ui.remove();
      if (g.__leadlineUi === ui) g.__leadlineUi = undefined;
    };
    // An extension update or reload invalidates this script: take the card away with it.
    ctx.onInvalidated(close);
    render(
      <CaptureCard
        drafts={page.drafts as ClipDraftInput[]}
        sources={page.sources}
        notice={
          page.noticeCode?.kind === 'layout'
            ? t('cap.noticeLayout', { site: page.noticeCode.site })
            : page.noticeCode?.kind === 'company'
              ? t('cap.noticeCompany')
              : page.notice
        }
        lookup={(draft) => send<LookupResult>({ type: 'capture.lookup', draft })}
        save={(draft, contactId) => send<SaveClipResult>({ type: 'capture.save', draft, contactId })}
        onClose={close}
      />,
      ui.container,
    );
    return { drafts: page.drafts.length, pageKind: page.pageKind };
  },
});
