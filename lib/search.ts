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
}

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
    searchOptions: { boost: BOOST },
  });
  return { mini, words: new Map() };
}

/** A fresh index over the given records. */
export function buildIndex(records: SearchRecords): SearchIndex {
  const index = newIndex();
  const docs = toDocs(records);
  index.mini.addAll(docs);
  for (const d of docs) index.words.set(d.key, wordsOf(d));
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
    if (index.mini.has(key)) index.mini.discard(key);
    index.words.delete(key);
  }
  for (const doc of toDocs(changed)) {
    if (index.mini.has(doc.key)) index.mini.replace(doc);
    else index.mini.add(doc);
    index.words.set(doc.key, wordsOf(doc));
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
  const whole = (term: string): Query => ({ queries: [term], fuzzy: fuzziness(term) });
  let results: SearchResult[];
  if (tail.length >= MIN_PREFIX) {
    results = search(index, [...head.map(whole), { queries: [tail], prefix: true, fuzzy: fuzziness(tail) }]);
  } else if (head.length) {
    const mark = ` ${tail}`;
    results = search(index, head.map(whole)).filter((r) => index.words.get(r.id as string)?.includes(mark));
  } else {
    results = index.mini.search(
      { combineWith: 'OR', queries: [{ queries: [tail], fields: ['name'], prefix: true }, tail] },
      { boost: BOOST },
    );
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
