/**
 * The extractor's command line, for scoring and debugging on saved pages.
 *
 *   npm run -s extract -- [--url URL] FILE.html     prints {person, company, pageKind, people}
 *   npm run -s extract -- --jsonl                   reads {"file","url"} lines on stdin and
 *                                                   writes {"file","result"} or {"file","error"}
 *
 * Pages are parsed with linkedom; the page URL defaults to file://-free "https://localhost/".
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseHTML } from 'linkedom';
import { extract } from '../lib/extract/index';

const FALLBACK_URL = 'https://localhost/';

function run(file: string, url: string | null | undefined) {
  const html = readFileSync(file, 'utf8');
  // linkedom wants a whole document; a fragment is wrapped so it still has a body.
  const doc = parseHTML(
    /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`,
  ).document as unknown as Document;
  const ex = extract(doc, url || FALLBACK_URL, html);
  return { person: ex.person, company: ex.company, pageKind: ex.pageKind, people: ex.people };
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--jsonl')) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (!line.trim()) continue;
      let file = '';
      try {
        const row = JSON.parse(line) as { file: string; url?: string | null };
        file = row.file;
        process.stdout.write(`${JSON.stringify({ file, result: run(file, row.url) })}\n`);
      } catch (e) {
        process.stdout.write(`${JSON.stringify({ file, error: String((e as Error)?.message ?? e) })}\n`);
      }
    }
    return;
  }
  const i = args.indexOf('--url');
  const url = i >= 0 ? args[i + 1] : undefined;
  const file = args.find((a, j) => !a.startsWith('--') && (i < 0 || j !== i + 1));
  if (!file) {
    process.stderr.write('usage: extract [--url URL] FILE.html | --jsonl < lines\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(run(file, url), null, 2)}\n`);
}

void main();
