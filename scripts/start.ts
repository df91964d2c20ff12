/**
 * `npm start`: builds Leadline and opens it in Chromium with the extension loaded and a local
 * page of sample prospects to clip. Without a display (or a Chromium), it says where the
 * built extension is and how to load it by hand.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const extensionDir = join(root, '.output/chrome-mv3');

console.log('Building Leadline…');
execSync('npx wxt build', { cwd: root, stdio: 'inherit' });

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Chromium\\Application\\chrome.exe',
].filter((p): p is string => !!p);
const chromium = candidates.find((p) => existsSync(p));
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

const manual = `
The built extension is in:
  ${extensionDir}

To load it by hand in Chrome, Edge or Chromium:
  1. open chrome://extensions and switch on "Developer mode";
  2. click "Load unpacked" and choose the folder above;
  3. pin Leadline and click it on any page to clip it and open the side panel.
For Firefox: run \`npm run build:firefox\`, open about:debugging#/runtime/this-firefox,
"Load Temporary Add-on…", and pick .output/firefox-mv2/manifest.json.
The demo page of sample prospects is demo/prospects.html.`;

if (!chromium || !hasDisplay) {
  console.log(
    !chromium
      ? '\nNo Chromium found to launch (set CHROMIUM_PATH to use one).'
      : '\nNo display here, so no browser window can open.',
  );
  console.log(manual);
  process.exit(0);
}

// Serve the demo page on loopback: content scripts cannot run on file:// pages by default.
const page = readFileSync(join(root, 'demo/prospects.html'));
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as { port: number };
  const { chromium: pw } = await import('playwright-core');
  const context = await pw.launchPersistentContext(mkdtempSync(join(tmpdir(), 'leadline-start-')), {
    executablePath: chromium,
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const tab = context.pages()[0] ?? (await context.newPage());
  await tab.goto(`http://127.0.0.1:${port}/`);
  console.log(`\nLeadline is loaded. Demo prospects: http://127.0.0.1:${port}/ — close the browser to stop.`);
  context.on('close', () => {
    server.close();
    process.exit(0);
  });
});
