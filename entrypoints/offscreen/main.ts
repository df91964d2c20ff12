/**
 * Chrome's offscreen document (reason DOM_PARSER): parses page snapshots with the browser's
 * own DOMParser and runs the full extractor on them. It answers only the background.
 */
import { browser } from 'wxt/browser';
import { isReadRequest, readHtml } from './read';

browser.runtime.onMessage.addListener((message, sender) => {
  if (!isReadRequest(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  return Promise.resolve(readHtml(message.snapshot, message.launch));
});
