/**
 * The capture script, injected on demand (never declared for all sites). It reads the page,
 * shows the capture card in a shadow root, and sends the reviewed draft to the background.
 * It must stay small: its whole bundle is budgeted at 30 KB minified.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { CaptureCard } from '../../components/CaptureCard';
import { readPage } from '../../lib/clip';
import type { ClipDraftInput, LookupResult, Reply, RequestInput, SaveClipResult } from '../../lib/protocol';
import type { CaptureLaunch } from '../background/capture';
import './card.css';

type Global = { __leadlineLaunch?: CaptureLaunch; __leadlineUi?: ShadowRootContentScriptUi<unknown> };

async function send<T>(req: RequestInput): Promise<T> {
  const reply = (await browser.runtime.sendMessage(req)) as Reply<T> | undefined;
  if (!reply) throw new Error('Leadline did not answer. Reload the page and try again.');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

export default defineContentScript({
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const g = globalThis as Global;
    const launch = g.__leadlineLaunch ?? { mode: 'page' };
    g.__leadlineLaunch = undefined;
    // A second clip on the same page replaces the open card.
    g.__leadlineUi?.remove();

    const page = await readPage(document, location.href, launch, (html, url) =>
      send<unknown>({ type: 'capture.hcard', html, url }),
    );

    const ui = await createShadowRootUi(ctx, {
      name: 'leadline-capture',
      position: 'overlay',
      zIndex: 2147483647,
      onMount(container) {
        const close = () => {
          ui.remove();
          if (g.__leadlineUi === ui) g.__leadlineUi = undefined;
        };
        render(
          <CaptureCard
            drafts={page.drafts as ClipDraftInput[]}
            sources={page.sources}
            notice={page.notice}
            lookup={(draft) => send<LookupResult>({ type: 'capture.lookup', draft })}
            save={(draft, contactId) => send<SaveClipResult>({ type: 'capture.save', draft, contactId })}
            onClose={close}
          />,
          container,
        );
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    g.__leadlineUi = ui;
    ui.mount();
    return { drafts: page.drafts.length, pageKind: page.pageKind };
  },
});
