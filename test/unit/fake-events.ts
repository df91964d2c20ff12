import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * fakeBrowser leaves some events unimplemented (adding a listener throws). The background
 * registers listeners on all of them at start-up; tests that load it and do not fire these
 * stub their addListener. Every event the background listens to belongs in this list.
 */
export function stubUnimplementedEvents(): void {
  for (const event of [
    fakeBrowser.commands.onCommand,
    fakeBrowser.contextMenus.onClicked,
    fakeBrowser.notifications.onButtonClicked,
    fakeBrowser.notifications.onClicked,
    fakeBrowser.action.onClicked,
    fakeBrowser.permissions.onAdded,
    fakeBrowser.permissions.onRemoved,
  ]) {
    try {
      event.addListener(() => undefined);
      event.removeListener(() => undefined);
    } catch {
      vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
    }
  }
}
