// Property tests: whatever a page holds, the extractor returns, and returns only safe, capped values.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, it } from 'vitest';
import { extract } from '../../lib/extract/index';
import { assertSafe, hostilePageArb, pageUrlArb } from './extract-arbitraries';

describe('extract on hostile pages (property)', () => {
  it('never throws, links are http(s) only, every field is within its cap', () => {
    fc.assert(
      fc.property(hostilePageArb, pageUrlArb, (html, url) => {
        const doc = parseHTML(html).document as unknown as Document;
        assertSafe(extract(doc, url, html));
      }),
      { numRuns: 200 },
    );
    // A generous limit for slow CI machines: linkedom parsing of deep pages dominates.
  }, 60_000);
});
