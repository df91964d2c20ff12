// From an extraction to the capture card's drafts: sources, notices, people, links.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../lib/clip';
import { snapshotHtml } from '../../lib/snapshot';

const load = (dir: string, name: string) => readFileSync(new URL(`../${dir}/${name}.html`, import.meta.url), 'utf8');
const doc = (html: string) => parseHTML(html).document as unknown as Document;

describe('readSnapshot', () => {
  it('says when a site rule did not recognise the layout, and still reads the page', () => {
    const read = readSnapshot(
      doc(load('fixtures/extract', 'linkedin-unknown-layout')),
      'https://www.linkedin.com/in/lena-placeholder',
      '',
      { mode: 'page' },
    );
    expect(read.siteRule).toEqual({ name: 'linkedin-person', matched: false });
    expect(read.notice).toMatch(/did not recognise this LinkedIn page's layout/);
    expect(read.drafts[0]?.source).toBe('social');
  });

  it('names each field’s source and derives the lead source from a LinkedIn profile', () => {
    const read = readSnapshot(
      doc(load('fixtures/extract', 'linkedin-person')),
      'https://www.linkedin.com/in/jane-example/',
      '',
      {
        mode: 'page',
      },
    );
    expect(read.notice).toBeUndefined();
    expect(read.drafts).toHaveLength(1);
    expect(read.drafts[0]?.person.fullName).toBe('Jane Example');
    expect(read.drafts[0]?.company?.name).toBe('Acme Robotics');
    expect(read.sources.fullName).toBe('LinkedIn rule');
  });

  it('gives one draft per speaker, each with their own organisation', () => {
    const read = readSnapshot(doc(load('../demo', 'prospects')), 'https://summit.example/speakers', 'Speakers', {
      mode: 'page',
    });
    expect(read.drafts.map((d) => [d.person.fullName, d.company?.name])).toEqual([
      ['Priya Natarajan', 'Lumen Analytics'],
      ['Tomás Herrera', 'Brightforge'],
      ['Aisyah Rahman', 'Kedai Cloud'],
      ['Luca Bianchi', 'Ferro Logistics'],
    ]);
  });

  it('starts a linked profile from the link itself', () => {
    const read = readSnapshot(doc('<html><title>Team</title></html>'), 'https://acme.example/team', 'Team', {
      mode: 'link',
      linkUrl: 'https://www.linkedin.com/in/sam-lee/',
      linkText: ' Sam Lee ',
    });
    expect(read.drafts[0]?.person).toMatchObject({
      fullName: 'Sam Lee',
      linkedin: 'https://www.linkedin.com/in/sam-lee/',
    });
    expect(read.drafts[0]?.source).toBe('social');
  });

  it('keeps the text but not the link of a javascript: or data: link clipped from the context menu', () => {
    for (const linkUrl of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'JaVaScRiPt:void(0)']) {
      const read = readSnapshot(doc('<html><title>Team</title></html>'), 'https://acme.example/team', 'Team', {
        mode: 'link',
        linkUrl,
        linkText: 'Sam\u202e Lee\u0000',
      });
      const person = read.drafts[0]?.person;
      expect(person?.fullName).toBe('Sam Lee');
      for (const k of ['linkedin', 'twitter', 'github', 'website'] as const) expect(person?.[k]).toBeUndefined();
    }
  });
});

describe('snapshotHtml', () => {
  it('drops scripts, styles and SVG but keeps JSON-LD, and caps the size', () => {
    const d = doc(
      '<html><head><style>p{}</style><script>alert(1)</script><script type="application/ld+json">{"@type":"Person","name":"A"}</script></head><body><svg><path d="M0"/></svg><p>Hi</p></body></html>',
    );
    const html = snapshotHtml(d);
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('p{}');
    expect(html).not.toContain('<path');
    expect(html).toContain('"name":"A"');
    expect(html).toContain('<p>Hi</p>');
    expect(snapshotHtml(d, 20)).toHaveLength(20);
  });
});
