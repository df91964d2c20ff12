/**
 * Capture triggers: the toolbar button, the keyboard command and the context menu. Each one
 * is a user gesture that grants `activeTab`; the capture script is injected only then.
 */
import { type Browser, browser } from 'wxt/browser';
import { errorText, t } from '../../components/i18n';
import type { Db } from '../../lib/db/open';
import { transact } from '../../lib/db/repo';
import { neverCaptureMatches } from '../../lib/dedupe';
import { defaultSettings } from '../../lib/defaults';
import { addClipping } from '../../lib/service';
import { broadcast, broadcastTab } from './broadcast';

type Tab = Browser.tabs.Tab;

/** Set in the page's isolated world before the capture script runs, to say what to capture. */
export interface CaptureLaunch {
  mode: 'page' | 'link';
  linkUrl?: string;
  linkText?: string;
}

const MENU = { page: 'leadline-clip-page', selection: 'leadline-add-selection', link: 'leadline-clip-link' } as const;

export function registerCapture(getDb: () => Promise<Db>): void {
  browser.action.onClicked.addListener((tab) => {
    // No await before this call: it would drop the user gesture sidePanel.open needs.
    openPanel(tab);
    broadcastTab();
    void capture(getDb, tab, { mode: 'page' });
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'clip-page' || !tab) return;
    broadcastTab();
    void capture(getDb, tab, { mode: 'page' });
  });

  browser.runtime.onInstalled.addListener(() => {
    // Menus persist across restarts; recreate them on install and update only.
    void browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: MENU.page, title: t('menu.clipPage'), contexts: ['page'] });
      browser.contextMenus.create({ id: MENU.selection, title: t('menu.addSelection'), contexts: ['selection'] });
      browser.contextMenus.create({ id: MENU.link, title: t('menu.clipLink'), contexts: ['link'] });
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (!tab) return;
    broadcastTab();
    if (info.menuItemId === MENU.page) void capture(getDb, tab, { mode: 'page' });
    else if (info.menuItemId === MENU.link) {
      void capture(getDb, tab, { mode: 'link', linkUrl: info.linkUrl, linkText: info.selectionText });
    } else if (info.menuItemId === MENU.selection) {
      void addSelection(getDb, tab, info.selectionText ?? '', info.pageUrl ?? tab.url ?? '');
    }
  });
}

function openPanel(tab: Tab): void {
  const api = (browser as unknown as { sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> } })
    .sidePanel;
  if (api && tab.id !== undefined) {
    api.open({ tabId: tab.id }).catch(() => undefined);
    return;
  }
  // Firefox: the sidebar.
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  sidebar?.open().catch(() => undefined);
}

async function neverCapture(getDb: () => Promise<Db>, url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const db = await getDb();
  const settings = (await db.get('settings', 'settings')) ?? defaultSettings(Date.now());
  return neverCaptureMatches(url, settings.neverCapture);
}

async function notify(title: string, message: string): Promise<void> {
  await browser.notifications
    .create({ type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message })
    .catch(() => undefined);
}

/** Injects the capture script into the tab (granted by the gesture), unless the site is on the never-capture list. */
export async function capture(getDb: () => Promise<Db>, tab: Tab, launch: CaptureLaunch): Promise<void> {
  if (tab.id === undefined) return;
  if (await neverCapture(getDb, tab.url)) {
    await notify('Leadline', t('notify.neverCapture'));
    return;
  }
  try {
    await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (l: CaptureLaunch) => {
        (globalThis as { __leadlineLaunch?: CaptureLaunch }).__leadlineLaunch = l;
      },
      args: [launch],
    });
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/capture.js'] });
  } catch (e) {
    // Browser pages (chrome://, the Web Store) and PDFs refuse scripts: say so instead of failing silently.
    await notify(t('notify.cannotClip'), e instanceof Error ? e.message : String(e));
  }
}

export async function addSelection(
  getDb: () => Promise<Db>,
  tab: Tab,
  selectionText: string,
  pageUrl: string,
): Promise<void> {
  if (await neverCapture(getDb, pageUrl)) {
    await notify('Leadline', t('notify.neverCapture'));
    return;
  }
  // The context menu flattens line breaks; read the selection itself where the page allows it.
  let text = selectionText;
  if (tab.id !== undefined) {
    try {
      const [res] = await browser.scripting.executeScript({
        target: { tabId: tab.id },
        func: () => globalThis.getSelection?.()?.toString() ?? '',
      });
      if (typeof res?.result === 'string' && res.result.trim()) text = res.result;
    } catch {
      // Keep the menu's text.
    }
  }
  if (!text.trim()) return;
  try {
    const db = await getDb();
    const { value, changes } = await transact(db, ['contacts', 'companies', 'notes'], Date.now(), (w) =>
      addClipping(w, { text, url: pageUrl, title: tab.title ?? '' }),
    );
    broadcast(changes);
    await notify(t('notify.added'), t('notify.savedTo', { name: value.subjectName }));
  } catch (e) {
    await notify(t('notify.cannotSave'), errorText(e));
  }
}
