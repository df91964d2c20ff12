/**
 * The "already in Leadline" marker: one content script registered at run time for the sites the
 * rep opted in to (settings.markerSites) and granted host access to. Registered, updated or
 * removed to match on install, on browser start, when a permission is granted or revoked, and
 * after every settings change; persisted across sessions, so it costs nothing at start-up.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../lib/db/open';
import { defaultSettings } from '../../lib/defaults';
import { parseMarkerSite } from '../../lib/marker-sites';

export const MARKER_SCRIPT_ID = 'leadline-marker';
const MARKER_FILE = 'content-scripts/marker.js';

let queue: Promise<void> = Promise.resolve();

/** Brings the registration in line with the opted-in sites Leadline still has access to; one run at a time. */
export function syncMarkers(getDb: () => Promise<Db>): Promise<void> {
  queue = queue.then(
    () => syncNow(getDb),
    () => syncNow(getDb),
  );
  return queue;
}

async function syncNow(getDb: () => Promise<Db>): Promise<void> {
  const db = await getDb();
  const settings = (await db.get('settings', 'settings')) ?? defaultSettings(Date.now());
  const matches: string[] = [];
  for (const site of settings.markerSites) {
    const parsed = parseMarkerSite(site);
    // A site whose access the rep revoked keeps its place in the list (the options page offers to
    // allow it again) but gets no script: the browser would not inject it anyway.
    if (parsed && (await browser.permissions.contains({ origins: parsed.patterns }))) matches.push(...parsed.patterns);
  }
  const unique = [...new Set(matches)];
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [MARKER_SCRIPT_ID] });
  if (!unique.length) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [MARKER_SCRIPT_ID] });
    return;
  }
  const script = {
    id: MARKER_SCRIPT_ID,
    js: [MARKER_FILE],
    matches: unique,
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
  if (!existing) await browser.scripting.registerContentScripts([script]);
  else if ([...(existing.matches ?? [])].sort().join('\n') !== [...unique].sort().join('\n')) {
    await browser.scripting.updateContentScripts([script]);
  }
}
