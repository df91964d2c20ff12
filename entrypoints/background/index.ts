/**
 * The service worker: the only writer to the database. It wires browser events to lib/
 * functions and holds no state in globals (it can be stopped at any moment): the database
 * handle below is a cache that is reopened on demand.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { handleMessage } from '../../lib/service';
import { broadcast, broadcastResync } from './broadcast';
import { addSelection, capture, registerCapture } from './capture';
import { simulateFullDisk } from './full-disk';
import { syncMarkers } from './markers';
import { readSnapshot, recordRuleHealth } from './reader';
import { onNotificationButton, registerSchedule, reschedule } from './schedule';
import { undoStore } from './undo';

let dbPromise: Promise<Db> | undefined;
/** The database, opened once per worker life; dropped if another context needs to upgrade it. */
export function getDb(): Promise<Db> {
  dbPromise ??= openLeadlineDb({
    onBlocking: () => {
      void dbPromise?.then((db) => db.close());
      dbPromise = undefined;
    },
  }).catch((e) => {
    dbPromise = undefined;
    throw e;
  });
  return dbPromise;
}

export default defineBackground({
  type: 'module',
  main() {
    // Every listener is added synchronously here: one added after an await misses the event
    // that woke the worker.
    browser.runtime.onMessage.addListener((message, sender) => {
      return (async () => {
        const { reply, changes } = await handleMessage(
          message,
          { id: sender.id, url: sender.url, tabId: sender.tab?.id },
          {
            db: await getDb(),
            now: Date.now(),
            extensionId: browser.runtime.id,
            extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
            version: browser.runtime.getManifest().version,
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            readSnapshot,
            recordRuleHealth,
            activeTab: async (windowId) => {
              const [tab] = await browser.tabs.query({ active: true, windowId });
              return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url, title: tab.title };
            },
            clipTab: async (tabId) => capture(getDb, await browser.tabs.get(tabId), { mode: 'page' }),
            undo: undoStore,
          },
        );
        if (changes.length) {
          broadcast(changes);
          if (changes.some((c) => c.store === 'followUps' || c.store === 'settings')) void reschedule(getDb);
          if (changes.some((c) => c.store === 'settings')) void syncMarkers(getDb);
        }
        return reply;
      })();
    });
    registerCapture(getDb);
    registerSchedule(getDb);
    // The marker's registration follows the opted-in sites and the access the rep grants or revokes.
    const markers = () => void syncMarkers(getDb).catch(() => undefined);
    browser.runtime.onInstalled.addListener(markers);
    browser.runtime.onStartup.addListener(markers);
    browser.permissions.onAdded.addListener(markers);
    browser.permissions.onRemoved.addListener(markers);
    // The worker that ran before this one may have been stopped between a commit and its
    // broadcast: open pages re-read, so they show what is stored, not what was.
    broadcastResync();
    // The E2E build lets tests run the toolbar button's path for a tab (no real click is
    // possible headless). Compiled out of the store build.
    if (__LEADLINE_E2E__) {
      Object.assign(globalThis, {
        leadlineTest: {
          clip: (tab: Parameters<typeof capture>[1], launch: Parameters<typeof capture>[2]) =>
            capture(getDb, tab, launch),
          reschedule: () => reschedule(getDb),
          syncMarkers: () => syncMarkers(getDb),
          notificationButton: (id: string, index: number) => onNotificationButton(getDb, id, index),
          addSelection: (tab: Parameters<typeof capture>[1], text: string) =>
            addSelection(getDb, tab, text, tab.url ?? ''),
          simulateFullDisk,
        },
      });
    }
  },
});
