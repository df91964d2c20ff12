import { defineConfig } from 'wxt';

/**
 * The E2E build (LEADLINE_E2E=1) adds a host permission for the local fixture server so the
 * tests can inject the capture script without a user gesture. The store build never has it.
 */
const e2e = process.env.LEADLINE_E2E === '1';

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  outDir: e2e ? '.output-e2e' : '.output',
  manifest: ({ browser }) => ({
    // Strings come from locales/<lang>.yml (built into _locales/); the browser's language picks one.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      'contextMenus',
      // Chrome only: the side panel, and an offscreen document to read clipped pages (DOM_PARSER).
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    host_permissions: e2e ? ['http://127.0.0.1/*'] : [],
    // The "already in Leadline" marker is opt-in per site, asked for at run time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandClip__',
      },
    },
  }),
  hooks: {
    // The capture script is injected into web pages and budgeted at 30 KB: it skips the
    // webextension-polyfill (10 KB) and uses the native promise-based API (`browser` in
    // Firefox, `chrome` in Chrome MV3), which covers the few calls it makes.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (alias && !Array.isArray(alias)) (alias as Record<string, string>)['wxt/browser'] = 'wxt/browser';
      else if (Array.isArray(alias)) {
        for (const a of alias) if (a.find === 'wxt/browser') a.replacement = 'wxt/browser';
      }
    },
  },
  // Preact's JSX runtime, without a framework plugin: WXT bundles with its own Vite.
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    define: { __LEADLINE_E2E__: JSON.stringify(e2e) },
  }),
});
