// The page extractor on checked-in fixtures (written for these tests in the shape of real pages).
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  derivedSource,
  type Extraction,
  extract,
  extractHCards,
  extractInPage,
  hcardHtml,
  mergeExtractions,
} from '../../lib/extract/index';
import { assertSafe } from './extract-arbitraries';

const FIXTURES = new URL('../fixtures/extract/', import.meta.url);
const load = (name: string) => readFileSync(new URL(`${name}.html`, FIXTURES), 'utf8');
const parse = (html: string) => parseHTML(html).document as unknown as Document;
const run = (name: string, url: string): Extraction => extract(parse(load(name)), url);

type Case = [
  name: string,
  url: string,
  expected: Partial<Pick<Extraction, 'person' | 'company' | 'pageKind'>>,
  siteRule?: string,
];

const CASES: Case[] = [
  [
    'linkedin-person',
    'https://www.linkedin.com/in/jane-example/',
    {
      pageKind: 'person',
      person: {
        fullName: 'Jane Example',
        jobTitle: 'VP Engineering',
        location: 'Lyon, Auvergne-Rhône-Alpes, France',
        linkedin: 'https://www.linkedin.com/in/jane-example/',
      },
      company: { name: 'Acme Robotics', linkedin: 'https://fr.linkedin.com/company/acme-robotics' },
    },
    'linkedin-person',
  ],
  [
    'linkedin-person-loggedin',
    'https://www.linkedin.com/in/omar-sample/',
    {
      pageKind: 'person',
      person: {
        fullName: 'Omar Sample',
        jobTitle: 'Head of Sales',
        location: 'Casablanca, Morocco',
        linkedin: 'https://www.linkedin.com/in/omar-sample/',
      },
      company: { name: 'Northwind Traders' },
    },
    'linkedin-person',
  ],
  [
    'linkedin-company',
    'https://www.linkedin.com/company/acme-robotics/',
    {
      pageKind: 'company',
      person: {},
      company: {
        name: 'Acme Robotics',
        domain: 'acme-robotics.example',
        website: 'https://www.acme-robotics.example/',
        address: 'Lyon, Auvergne-Rhône-Alpes',
        linkedin: 'https://www.linkedin.com/company/acme-robotics',
        industry: 'Industrial Machinery Manufacturing',
        description: 'Acme Robotics builds friendly warehouse robots. We ship to 30 countries.',
      },
    },
    'linkedin-company',
  ],
  [
    'github-profile',
    'https://github.com/octo-sample',
    {
      pageKind: 'person',
      person: {
        fullName: 'Ada Sample',
        jobTitle: 'Staff Engineer',
        location: 'Berlin, Germany',
        linkedin: 'https://www.linkedin.com/in/ada-sample',
        twitter: 'https://twitter.com/adasample',
        github: 'https://github.com/octo-sample',
        website: 'https://ada.sample.example/',
        emails: ['ada@sample.example'],
      },
      company: { name: 'contoso' },
    },
    'github',
  ],
  [
    'github-org',
    'https://github.com/contoso',
    {
      pageKind: 'company',
      person: {},
      company: {
        name: 'Contoso',
        domain: 'contoso.example',
        website: 'https://contoso.example/',
        address: 'Dublin, Ireland',
        description: 'Tools for people who build tools.',
      },
    },
    'github',
  ],
  [
    'x-profile',
    'https://x.com/minaph',
    {
      pageKind: 'person',
      person: {
        fullName: 'Mina Placeholder',
        location: 'Osaka, Japan',
        twitter: 'https://twitter.com/minaph',
        website: 'https://mina.example/',
      },
      company: {},
    },
    'x',
  ],
  [
    'crunchbase-org',
    'https://www.crunchbase.com/organization/fabrikam',
    {
      pageKind: 'company',
      company: {
        name: 'Fabrikam',
        domain: 'fabrikam.example',
        website: 'https://fabrikam.example/',
        address: 'Osaka, Japan',
        linkedin: 'https://www.linkedin.com/company/fabrikam-example',
        twitter: 'https://twitter.com/fabrikam_ex',
        industry: 'Design, Software',
        description: 'Fabrikam makes design tools for small studios.',
      },
    },
    'crunchbase',
  ],
  [
    'jsonld-profile',
    'https://conf.example/speakers/priya',
    {
      pageKind: 'person',
      person: {
        fullName: 'Priya Placeholder',
        jobTitle: 'Chief Data Officer',
        location: 'Pune, India',
        linkedin: 'https://www.linkedin.com/in/priya-placeholder',
        twitter: 'https://x.com/priyaph',
        emails: ['priya@globex.example'],
      },
      company: {
        name: 'Globex',
        domain: 'globex.example',
        website: 'https://www.globex.example/',
        emails: ['sales@globex.example'],
        phones: ['+91 20 1234 5678'],
      },
    },
  ],
  [
    'microdata-org',
    'https://northwind-bakery.example/',
    {
      pageKind: 'company',
      company: {
        name: 'Northwind Bakery',
        domain: 'northwind-bakery.example',
        website: 'https://northwind-bakery.example/',
        address: '12 Mill Lane, 1010 Vienna, Austria',
        linkedin: 'https://www.linkedin.com/company/northwind-bakery',
        description: 'Sourdough since 1990.',
        phones: ['+43 1 234 5678'],
      },
    },
  ],
  [
    'rdfa-lite',
    'https://tomas.example/',
    {
      pageKind: 'person',
      person: {
        fullName: 'Tomas Example',
        jobTitle: 'Data Scientist',
        location: 'Prague, Czechia',
        website: 'https://tomas.example/',
      },
      company: { name: 'Initech' },
    },
  ],
  [
    'hcard-person',
    'https://sam.example/notes/1',
    {
      pageKind: 'person',
      person: {
        fullName: 'Sam Placeholder',
        jobTitle: 'Independent Consultant',
        location: 'Leeds, UK',
        linkedin: 'https://www.linkedin.com/in/samph',
        github: 'https://github.com/samph',
        website: 'https://sam.example/',
        emails: ['sam@sam.example'],
      },
      company: {},
    },
  ],
  [
    'contact-obfuscated',
    'https://www.beispiel.example/kontakt',
    {
      pageKind: 'contact',
      person: { fullName: 'Max Mustermann', jobTitle: 'Geschäftsführer' },
      company: {
        name: 'Beispiel AG',
        domain: 'beispiel.example',
        website: 'https://www.beispiel.example/',
        address: 'Musterweg 7, 3000 Bern, Schweiz',
        // (at)/(dot) and [at]/[dot] undone; the fax, the register number and the date are not phones.
        emails: ['info@beispiel.ch', 'presse@beispiel.ch'],
        phones: ['+41 31 000 00 00'],
      },
    },
  ],
  [
    'article',
    'https://blog.contoso.example/ten-ways',
    {
      pageKind: 'article',
      person: { fullName: 'Kim Author', twitter: 'https://twitter.com/kimauthor' },
      company: {
        name: 'Contoso Blog',
        domain: 'blog.contoso.example',
        website: 'https://blog.contoso.example/',
        twitter: 'https://twitter.com/contosoblog',
      },
    },
  ],
];

describe('extract on fixtures', () => {
  it.each(CASES)('%s', (name, url, expected, rule) => {
    const ex = run(name, url);
    if (expected.pageKind) expect(ex.pageKind).toBe(expected.pageKind);
    if (expected.person) expect(ex.person).toEqual(expected.person);
    if (expected.company) expect(ex.company).toEqual(expected.company);
    if (rule) expect(ex.siteRule).toEqual({ name: rule, matched: true });
    else expect(ex.siteRule).toBeUndefined();
    assertSafe(ex);
  });

  it('lists the people of a team page with their titles and links, and keeps their links off the company', () => {
    const ex = run('team-page', 'https://www.tailspin.example/team');
    expect(ex.pageKind).toBe('company');
    expect(ex.company.name).toBe('Tailspin Labs');
    expect(ex.company.linkedin).toBe('https://www.linkedin.com/company/tailspin-labs');
    expect(ex.company.twitter).toBeUndefined();
    expect(ex.people).toEqual([
      {
        fullName: 'Alice Placeholder',
        jobTitle: 'Chief Executive Officer',
        linkedin: 'https://www.linkedin.com/in/alice-ph',
      },
      { fullName: 'Bruno Example', jobTitle: 'Head of Research', twitter: 'https://twitter.com/brunoex' },
      { fullName: 'Chen Sample', jobTitle: 'Lead Engineer', github: 'https://github.com/chensample' },
    ]);
    expect(ex.sources.people).toBe('text');
  });
});

describe('site rules', () => {
  it('falls back to generic extraction and says so when a claimed LinkedIn page matches no selector', () => {
    const ex = run('linkedin-unknown-layout', 'https://www.linkedin.com/in/lena-placeholder');
    expect(ex.siteRule).toEqual({ name: 'linkedin-person', matched: false });
    // The platform's own branding is never taken for the prospect's company.
    expect(ex.company.name).toBeUndefined();
    expect(Object.values(ex.sources).some((s) => s.startsWith('site:'))).toBe(false);
  });

  it('reads an X post as its poster, and a non-person name as an organisation', () => {
    const html = '<html><head><meta property="og:title" content="AcmeHQ (@acmehq) on X"></head><body></body></html>';
    const ex = extract(parse(html), 'https://x.com/acmehq/status/123');
    expect(ex.pageKind).toBe('other');
    expect(ex.company).toEqual({ name: 'AcmeHQ', twitter: 'https://twitter.com/acmehq' });
    expect(ex.person).toEqual({});
    expect(ex.siteRule).toEqual({ name: 'x', matched: true });
  });

  it('does not claim GitHub pages that are not profiles', () => {
    const ex = extract(parse('<html><body><p>code</p></body></html>'), 'https://github.com/o/r/blob/main/x.md');
    expect(ex.siteRule).toBeUndefined();
  });
});

describe('precedence', () => {
  it('takes JSON-LD over microdata over meta and text, and does not mix two companies', () => {
    const ex = run('precedence', 'https://www.precedence.example/');
    expect(ex.company.name).toBe('JSON-LD Name Inc');
    expect(ex.sources['company.name']).toBe('jsonld');
    expect(ex.company.website).toBe('https://jsonld.example/');
    expect(ex.company.domain).toBe('jsonld.example');
    // The microdata organisation has another name: its description is not merged in.
    expect(ex.company.description).toBeUndefined();
  });

  it('lets an h-card beat meta and text, but not JSON-LD', () => {
    const doc = parse(
      '<html><head><title>Pat Doe | Blog</title><meta name="author" content="Pat Doe"></head><body>' +
        '<div class="h-card"><a class="p-name u-url" href="https://pat.example/">Pat Doe</a><span class="p-job-title">Architect</span></div></body></html>',
    );
    const inPage = extractInPage(doc, 'https://pat.example/');
    expect(inPage.person.jobTitle).toBeUndefined();
    const html = hcardHtml(doc);
    expect(html).toContain('h-card');
    expect(html).not.toContain('<title>');
    const merged = mergeExtractions(inPage, extractHCards(html!, 'https://pat.example/'));
    expect(merged.person).toMatchObject({
      fullName: 'Pat Doe',
      jobTitle: 'Architect',
      website: 'https://pat.example/',
    });
    expect(merged.sources['person.jobTitle']).toBe('hcard');
    expect(merged.pageKind).toBe('person');

    const withLd = parse(
      '<html><head><script type="application/ld+json">{"@type":"Person","name":"Pat Doe","jobTitle":"CTO"}</script></head><body>' +
        '<div class="h-card"><span class="p-name">Pat Doe</span><span class="p-job-title">Architect</span></div></body></html>',
    );
    expect(extract(withLd, 'https://pat.example/').person.jobTitle).toBe('CTO');
  });

  it('returns no h-card HTML when the page has none', () => {
    expect(hcardHtml(parse('<html><body><p>nothing</p></body></html>'))).toBeUndefined();
    expect(extractHCards('<p>no cards</p>', 'https://a.example/')).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('drops javascript:/data: links and markup in names, keeps mailto only as an email', () => {
    const ex = run('hostile', 'https://hostile.example/');
    assertSafe(ex);
    const all = JSON.stringify(ex);
    expect(all).not.toMatch(/javascript:|data:text|vbscript:|<script/i);
    expect(ex.company.emails).toEqual(['mallory@evil.example']);
    expect(ex.person.fullName).toBe('alert(1) Mallory Attacker');
    expect(ex.person.linkedin).toBe('https://www.linkedin.com/in/mallory');
    expect(ex.person.jobTitle?.length).toBe(300);
    expect(ex.person.website).toBeUndefined();
  });

  it('skips broken JSON-LD without losing the rest of the page', () => {
    const ex = run('jsonld-profile', 'https://conf.example/speakers/priya');
    expect(ex.person.fullName).toBe('Priya Placeholder');
  });

  it('survives a 50,000-node page and 5,000-deep nesting', () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `<div><span>Row ${i}</span><a href="/p/${i}">x</a></div>`,
    ).join('');
    const big = extract(
      parse(`<html><head><title>Big | Bigco</title></head><body>${rows}<p>Tel: +1 555 000 1234</p></body></html>`),
      'https://bigco.example/',
    );
    assertSafe(big);
    expect(big.company.name).toBe('Bigco');
    const deep = `<html><body>${'<div>'.repeat(5000)}<a href="mailto:deep@deep.example">m</a>${'</div>'.repeat(5000)}</body></html>`;
    const ex = extract(parse(deep), 'https://deep.example/');
    assertSafe(ex);
    expect(ex.company.emails ?? ex.person.emails ?? []).toEqual(['deep@deep.example']);
  });

  it('caps huge values and strips control characters', () => {
    const name = `Evil\u202e\u0000 ${'X'.repeat(10_000)}`;
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'Organization', name, description: 'd'.repeat(50_000), url: 'https://ok.example/' })}</script></head></html>`;
    const ex = extract(parse(html), 'https://ok.example/');
    assertSafe(ex);
    expect(ex.company.name?.startsWith('Evil XXX')).toBe(true);
    expect(ex.company.name?.length).toBe(300);
    expect(ex.company.description?.length).toBe(1000);
  });
});

describe('derivedSource', () => {
  it.each([
    ['https://www.linkedin.com/in/x', 'social'],
    ['https://x.com/x', 'social'],
    ['https://github.com/x', 'social'],
    ['https://www.eventbrite.com/e/1', 'event'],
    ['https://acme.example/team', 'other'],
    ['not a url', 'other'],
  ])('%s → %s', (url, want) => {
    expect(derivedSource(url)).toBe(want);
  });
});
