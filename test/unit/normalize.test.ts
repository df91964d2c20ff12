import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainOf, foldText, httpUrl, normalizeUrl, profileKey } from '../../lib/normalize';

describe('foldText', () => {
  it.each([
    ["  José  O'Neil ", 'jose oneil'],
    ['Jose ONeil', 'jose oneil'],
    ['Ångström – Müller & Co.', 'angstrom muller co'],
    ['ＡＣＭＥ', 'acme'],
    ['Plain ASCII, with: punctuation!', 'plain ascii with punctuation'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['', ''],
  ])('%j → %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('folds printable ASCII (its fast path) exactly as the full Unicode folding does', () => {
    const full = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/['’`]/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => foldText(s) === full(s)));
    fc.assert(
      fc.property(fc.string(), (s) => foldText(s) === full(s)),
      { numRuns: 2000 },
    );
  });
});

describe('httpUrl', () => {
  it('gives the parts normalizeUrl, profileKey and domainOf read, the same on every call', () => {
    const first = httpUrl(' www.Example.com/a/b?q=1#top ');
    expect(first).toEqual({ href: 'https://www.example.com/a/b?q=1', hostname: 'www.example.com', pathname: '/a/b' });
    expect(httpUrl('www.Example.com/a/b?q=1#top')).toEqual(first);
    expect(normalizeUrl('www.Example.com/a/b?q=1#top')).toBe('https://www.example.com/a/b?q=1');
    expect(domainOf('https://WWW.Example.com/x')).toBe('example.com');
    expect(profileKey('https://de.linkedin.com/in/J%C3%BCrgen/')).toBe('linkedin.com/in/jürgen');
  });

  it('refuses what normalizeUrl refuses, every time it is asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(httpUrl('javascript:alert(1)')).toBeUndefined();
      expect(httpUrl('ftp://example.com/file')).toBeUndefined();
      expect(httpUrl('intranet')).toBeUndefined();
      expect(httpUrl('')).toBeUndefined();
    }
  });

  it('resolves against a base without remembering the relative link as absolute', () => {
    expect(httpUrl('/about', 'https://a.example/x')?.href).toBe('https://a.example/about');
    expect(httpUrl('/about', 'https://b.example/x')?.href).toBe('https://b.example/about');
    expect(httpUrl('/about')).toBeUndefined();
  });

  it('hands out parts nobody can change', () => {
    const u = httpUrl('https://example.com/');
    expect(Object.isFrozen(u)).toBe(true);
  });
});
