/**
 * Search as you type across contacts, companies and notes, with MiniSearch (an in-memory
 * inverted index over a radix tree: prefix and fuzzy lookups without scanning every record).
 *
 * Text is folded the way lib/normalize folds names (case, accents, apostrophes, punctuation), on
 * both the records and the query, so "jose oneil" finds "José O'Neil" and "jose@ex" finds
 * "jose@example.com". Every query term but the last must match a whole word (or a word with a
 * small typo); the last one, still being typed, also matches as a prefix. Pure: the caller
 * builds the index from records it read and keeps it current with {@link updateIndex}.
 */

import type { Query, SearchResult } from 'minisearch';
import MiniSearch from 'minisearch';
import { foldText } from './normalize';
import type { Company, Contact, Note } from './records';

/** What a hit is. */
export type SearchKind = 'contact' | 'company' | 'note';

/** One search result; higher `score` is a better match. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  score: number;
}

/** The indexed form of a record: one set of fields for all three kinds, so one query ranks them together. */
interface SearchDoc {
  key: string;
  kind: SearchKind;
  id: string;
  name: string;
  detail: string;
  emails: string;
  tags: string;
  body: string;
}

/**
 * A search index; build it with {@link buildIndex}, keep it current with {@link updateIndex}.
 * Besides MiniSearch's index it keeps each record's folded words (a few MB for 50,000 contacts),
 * to check a one- or two-letter last word against a short candidate list instead of expanding it
 * over the whole index (see {@link searchAll}).
 */
export interface SearchIndex {
  readonly mini: MiniSearch<SearchDoc>;
  /** Each document's folded words, space-separated with a leading space, by document key. */
  readonly words: Map<string, string>;
  /**
   * Every folded word of every name with its document key, sorted by word: a one- or
   * two-letter query alone is a binary search here and a walk over the first few entries,
   * where MiniSearch would score every name that starts with "m" (100 ms and more at 50,000).
   */
  readonly names: NameEntry[];
}

/** A name word and the document it belongs to. */
type NameEntry = readonly [word: string, key: string];

/** The records to index (or re-index). */
export interface SearchRecords {
  contacts?: readonly Contact[];
  companies?: readonly Company[];
  notes?: readonly Note[];
}

/** Notes can be 100,000 characters; the first part says what they are about and keeps the index small. */
const NOTE_INDEXED_CHARS = 5_000;

const FIELDS = ['name', 'detail', 'emails', 'tags', 'body'] as const;
/** A hit on a name outranks one on a title, an email, a tag, or somewhere in a note. */
const BOOST = { name: 3, emails: 2, detail: 1, tags: 1, body: 0.5 };

/** Folded words: the tokenizer for records and queries alike. */
function tokenize(text: string): string[] {
  return foldText(text).split(' ');
}

/**
 * A last word shorter than this is not expanded as a prefix over the whole index: "m" is the
 * start of most of 50,000 records, and scoring them all takes MiniSearch 100–500 ms.
 */
const MIN_PREFIX = 3;

/**
 * Edits forgiven per term: none under 4 characters (every short word is one edit from many
 * others), one up to 7, two from 8 on.
 */
function fuzziness(term: string): number | false {
  return term.length < 4 ? false : term.length < 8 ? 1 : 2;
}

function newIndex(): SearchIndex {
  const mini = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields: [...FIELDS],
    tokenize,
    // Terms are already folded by the tokenizer; drop the empty ones only.
    processTerm: (term) => term || null,
    // The name is kept so that a changed or removed record's old name words can be found again.
    storeFields: ['name'],
    searchOptions: { boost: BOOST },
  });
  return { mini, words: new Map(), names: [] };
}

/** A fresh index over the given records. */
export function buildIndex(records: SearchRecords): SearchIndex {
  const index = newIndex();
  const docs = toDocs(records);
  index.mini.addAll(docs);
  for (const d of docs) {
    index.words.set(d.key, wordsOf(d));
    for (const w of nameWords(d)) index.names.push([w, d.key]);
  }
  index.names.sort(byWordThenKey);
  return index;
}

/**
 * Brings the index up to date: `changed` records are added or replaced, `removed` ones dropped
 * (unknown ids are ignored, so a caller may pass what it is not sure was indexed).
 */
export function updateIndex(
  index: SearchIndex,
  changed: SearchRecords,
  removed: readonly { kind: SearchKind; id: string }[] = [],
): void {
  for (const r of removed) {
    const key = keyOf(r.kind, r.id);
    // discard() is lazy (cleaned up by MiniSearch's auto-vacuum), so a burst of deletes stays cheap.
    if (index.mini.has(key)) {
      removeNames(index, index.mini.getStoredFields(key)?.name, key);
      index.mini.discard(key);
    }
    index.words.delete(key);
  }
  for (const doc of toDocs(changed)) {
    if (index.mini.has(doc.key)) {
      removeNames(index, index.mini.getStoredFields(doc.key)?.name, doc.key);
      index.mini.replace(doc);
    } else index.mini.add(doc);
    index.words.set(doc.key, wordsOf(doc));
    for (const w of nameWords(doc)) index.names.splice(lowerBound(index.names, [w, doc.key]), 0, [w, doc.key]);
  }
}

/**
 * The best `limit` hits for what the rep typed so far, across all kinds; an empty query has
 * none. Every word must match: the words before the last exactly or with a small typo, the
 * last one (still being typed) also as a prefix. A last word of one or two letters is not
 * expanded over the whole index, which would score most records: after other words it filters
 * their hits (a word of the hit must start with it); alone it matches names by prefix and
 * other fields exactly.
 */
export function searchAll(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const terms = tokenize(query).filter(Boolean);
  const tail = terms[terms.length - 1];
  if (tail === undefined || limit <= 0) return [];
  const head = terms.slice(0, -1);
  // Exact words (and the prefix being typed) first; typos only when those leave room under the
  // limit: expanding every common word by an edit makes MiniSearch score thousands more records.
  const run = (typos: boolean): SearchResult[] => {
    const whole = (term: string): Query => ({ queries: [term], fuzzy: typos && fuzziness(term) });
    if (tail.length >= MIN_PREFIX) {
      return search(index, [...head.map(whole), { queries: [tail], prefix: true, fuzzy: typos && fuzziness(tail) }]);
    }
    const mark = ` ${tail}`;
    return search(index, head.map(whole)).filter((r) => index.words.get(r.id as string)?.includes(mark));
  };
  let results: SearchResult[];
  if (tail.length >= MIN_PREFIX || head.length) {
    results = run(false);
    if (results.length < limit && [...head, tail].some((t) => fuzziness(t) !== false)) {
      // Typo matches rank below the exact ones already found, whatever their own score.
      const exact = new Set(results.map((r) => r.id));
      results = [...results, ...run(true).filter((r) => !exact.has(r.id))];
    }
  } else {
    return shortQuery(index, tail, limit);
  }
  const hits: SearchHit[] = [];
  for (const r of results) {
    if (hits.length >= limit) break;
    // The document id is `kind:id`; splitting it back saves storing fields per document.
    const key = r.id as string;
    const colon = key.indexOf(':');
    hits.push({ kind: key.slice(0, colon) as SearchKind, id: key.slice(colon + 1), score: r.score });
  }
  return hits;
}

/**
 * A lone one- or two-letter word: names with a word starting with it, in alphabetical order
 * (what a rep jumping through a contact list expects), then records where it is a whole word
 * in another field ("vp", "hr"), ranked by MiniSearch.
 */
function shortQuery(index: SearchIndex, tail: string, limit: number): SearchHit[] {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  const add = (key: string, score: number) => {
    if (seen.has(key)) return;
    seen.add(key);
    const colon = key.indexOf(':');
    hits.push({ kind: key.slice(0, colon) as SearchKind, id: key.slice(colon + 1), score });
  };
  const { names } = index;
  for (let i = lowerBound(names, [tail, '']); i < names.length && hits.length < limit; i++) {
    const entry = names[i] as NameEntry;
    if (!entry[0].startsWith(tail)) break;
    add(entry[1], BOOST.name);
  }
  if (hits.length < limit) {
    for (const r of index.mini.search(tail, { boost: BOOST })) {
      if (hits.length >= limit) break;
      add(r.id as string, r.score);
    }
  }
  return hits;
}

function byWordThenKey(a: NameEntry, b: NameEntry): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** The first position in the sorted `names` not before `entry`. */
function lowerBound(names: readonly NameEntry[], entry: NameEntry): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byWordThenKey(names[mid] as NameEntry, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeNames(index: SearchIndex, name: unknown, key: string): void {
  if (typeof name !== 'string') return;
  for (const w of new Set(tokenize(name).filter(Boolean))) {
    const i = lowerBound(index.names, [w, key]);
    const at = index.names[i];
    if (at && at[0] === w && at[1] === key) index.names.splice(i, 1);
  }
}

function nameWords(doc: SearchDoc): string[] {
  return [...new Set(tokenize(doc.name).filter(Boolean))];
}

function search(index: SearchIndex, queries: Query[]): SearchResult[] {
  return index.mini.search({ combineWith: 'AND', queries }, { boost: BOOST });
}

function wordsOf(doc: SearchDoc): string {
  return ` ${tokenize(FIELDS.map((f) => doc[f]).join(' '))
    .filter(Boolean)
    .join(' ')}`;
}

function keyOf(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

function toDocs(records: SearchRecords): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const c of records.contacts ?? []) {
    docs.push({
      key: keyOf('contact', c.id),
      kind: 'contact',
      id: c.id,
      name: c.name,
      detail: [c.jobTitle, c.location].filter(Boolean).join(' '),
      emails: c.emails.join(' '),
      tags: c.tags.join(' '),
      body: '',
    });
  }
  for (const c of records.companies ?? []) {
    docs.push({
      key: keyOf('company', c.id),
      kind: 'company',
      id: c.id,
      name: c.name,
      detail: [c.domain, c.industry, c.address].filter(Boolean).join(' '),
      emails: c.emails.join(' '),
      tags: c.tags.join(' '),
      body: c.description ?? '',
    });
  }
  for (const n of records.notes ?? []) {
    docs.push({
      key: keyOf('note', n.id),
      kind: 'note',
      id: n.id,
      name: n.pageTitle ?? '',
      detail: '',
      emails: '',
      tags: '',
      body: n.body.slice(0, NOTE_INDEXED_CHARS),
    });
  }
  return docs;
}
