/**
 * The built messages of each language, as the extension ships them in `_locales/<lang>/
 * messages.json` (made by @wxt-dev/i18n's own build functions from `locales/*.yml`), and a
 * `getMessage` that substitutes like the browser's: `$1`…`$9`, and `$$` for a dollar sign.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');

/** The languages with a messages file: `['en', 'es', 'it', 'ms']`. */
export const LANGUAGES = readdirSync(LOCALES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.slice(0, -4))
  .sort();

export type ParsedMessages = Awaited<ReturnType<typeof parseMessagesFile>>;
export type ChromeMessages = Record<string, { message: string }>;

export function parseLanguage(lang: string): Promise<ParsedMessages> {
  return parseMessagesFile(join(LOCALES_DIR, `${lang}.yml`));
}

export async function chromeMessages(lang: string): Promise<ChromeMessages> {
  return generateChromeMessages(await parseLanguage(lang)) as ChromeMessages;
}

/** `browser.i18n.getMessage` over one language's messages: '' for an unknown name, as the browser does. */
export function getMessageFrom(messages: ChromeMessages): (name: string, substitutions?: string | string[]) => string {
  return (name, substitutions) => {
    const entry = messages[name] ?? messages[name.toLowerCase()];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : (subs[Number(c) - 1] ?? '')));
  };
}
