/**
 * Search as you type across contacts, companies and notes: an in-memory index of folded words
 * (a sorted word list for prefixes, each word's postings by document and field), sized for
 * 50,000 contacts at a keystroke's budget (DESIGN.md: ≤ 16 ms).
 *
 * Text is folded the way lib/normalize folds names (case, accents, apostrophes, punctuation), on
 * both the records and the query, so "jose oneil" finds "José O'Neil" and "jose@ex" finds
 * "jose@example.com". Every query word must match: the words before the last as whole words,
 * the last one (still being typed) also as the start of a word. When that finds fewer hits than
 * asked for, words of four letters or more also match with a small typo (one edit up to seven
 * letters, two from eight on). Pure: the caller builds the index from records it read and keeps
 * it current with {@link updateIndex}.
 *
 * Ranking: each query word scores the fields it matched (a name 3, an email 2, a title,
 * location, domain or tag 1, a note's text 0.5), a whole word more than a word's start, a word's
 * start more than a typo; a hit's score is the sum over the query's words. Only the documents
 * every word matched are scored, and only the best `limit` are sorted, so a common word ("ceo",
 * "maria") costs a pass over its postings, not a ranking of thousands.
 */

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

/** The records to index (or re-index). */
export interface SearchRecords {
  contacts?: readonly Contact[];
  companies?: readonly Company[];
  notes?: readonly Note[];
}

/** Notes can be 100,000 characters; the first part says what they are about and keeps the index small. */
const NOTE_INDEXED_CHARS = 5_000;

/** The indexed fields, in the order of their bits in a posting. */
const FIELDS = ['name', 'emails', 'detail', 'tags', 'body'] as const;
type Field = (typeof FIELDS)[number];
/** A hit on a name outranks one on an email, a title, a tag, or somewhere in a note. */
const BOOST: Readonly<Record<Field, number>> = { name: 3, emails: 2, detail: 1, tags: 1, body: 0.5 };
/** Each field-bit combination's summed boost, by the 5-bit mask. */
const MASK_BOOST = Array.from({ length: 1 << FIELDS.length }, (_, mask) =>
  FIELDS.reduce((sum, f, i) => (mask & (1 << i) ? sum + BOOST[f] : sum), 0),
);

/** How much a query word's match counts: as a whole word, as a word's start, with a typo. */
const EXACT = 1;
const PREFIX = 0.6;
const TYPO = 0.4;

/**
 * A search index; build it with {@link buildIndex}, keep it current with {@link updateIndex}.
 * Documents are numbered; a word's postings say which documents hold it and in which fields.
 */
export interface SearchIndex {
  /** `kind:id` of each numbered document; `undefined` once removed (or replaced). */
  readonly keys: (string | undefined)[];
  /** The number of each live document, by `kind:id`. */
  readonly numbers: Map<string, number>;
  /** Each folded word's postings: document number × 32 + the bit mask of the fields holding it. */
  readonly postings: Map<string, number[]>;
  /** Every word ever indexed, sorted (for prefixes). */
  readonly sorted: string[];
  /** Every word ever indexed, by length (for typos). */
  readonly byLength: Map<number, string[]>;
}

/** A fresh index over the given records. */
export function buildIndex(records: SearchRecords): SearchIndex {
  const index: SearchIndex = { keys: [], numbers: new Map(), postings: new Map(), sorted: [], byLength: new Map() };
  const added: string[] = [];
  for (const doc of toDocs(records)) add(index, doc, added);
  // One by one: spreading 100,000 words into one call would overflow the stack.
  for (const w of added.sort()) index.sorted.push(w);
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
  for (const r of removed) drop(index, keyOf(r.kind, r.id));
  const added: string[] = [];
  for (const doc of toDocs(changed)) {
    drop(index, doc.key);
    add(index, doc, added);
  }
  for (const w of added) index.sorted.splice(firstAtLeast(index.sorted, w), 0, w);
}

/**
 * The best `limit` hits for what the rep typed so far, across all kinds; an empty query has
 * none. See the module note for what matches and how hits rank.
 */
export function searchAll(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const terms = tokenize(query).filter(Boolean);
  if (!terms.length || limit <= 0) return [];
  const last = terms.length - 1;
  let ranked = rank(
    index,
    terms.map((t, i) => matchesOf(index, t, i === last, false)),
  );
  if (ranked.docs.length < limit && terms.some((t) => fuzziness(t) > 0)) {
    ranked = rank(
      index,
      terms.map((t, i) => matchesOf(index, t, i === last, true)),
    );
  }
  return best(index, ranked, limit);
}

// ---------------------------------------------------------------------------------------------
// Matching and ranking

/** The words a query word matches, each with how much the match counts. */
type Matches = Map<string, number>;

/** Edits forgiven per word: none under 4 characters (every short word is one edit from many others). */
function fuzziness(term: string): number {
  return term.length < 4 ? 0 : term.length < 8 ? 1 : 2;
}

function matchesOf(index: SearchIndex, term: string, last: boolean, typos: boolean): Matches {
  const out: Matches = new Map();
  if (index.postings.has(term)) out.set(term, EXACT);
  if (last) {
    // The sorted words that start with `term` are one run from the first word ≥ `term`.
    const words = index.sorted;
    for (let i = firstAtLeast(words, term); i < words.length && (words[i] as string).startsWith(term); i++) {
      const w = words[i] as string;
      if (w !== term) out.set(w, PREFIX);
    }
  }
  const d = typos ? fuzziness(term) : 0;
  for (let len = term.length - d; d > 0 && len <= term.length + d; len++) {
    for (const w of index.byLength.get(len) ?? []) {
      if (out.has(w)) continue;
      const dist = editDistance(term, w, d);
      if (dist <= d) out.set(w, TYPO * (1 - dist / (term.length + 1)));
    }
  }
  return out;
}

/** The position of the first of the sorted `words` that is not below `word`. */
function firstAtLeast(words: readonly string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((words[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The documents every query word matched (`docs`), and their scores by document number. */
interface Ranked {
  docs: number[];
  scores: Float64Array;
}

/**
 * Each document every query word matched, with its score: per word, the fields it matched
 * (summed boosts) times how well it matched, the best of the word's matches; summed over words.
 */
function rank(index: SearchIndex, perTerm: Matches[]): Ranked {
  const n = index.keys.length;
  // Start from the word with the fewest postings: the others only filter its documents.
  const sized = perTerm
    .map((m) => ({ m, size: [...m.keys()].reduce((k, w) => k + (index.postings.get(w)?.length ?? 0), 0) }))
    .sort((a, b) => a.size - b.size);
  let docs: number[] = [];
  let scores = new Float64Array(n);
  sized.forEach(({ m }, t) => {
    const word = new Float64Array(n);
    const found: number[] = [];
    for (const [w, quality] of m) {
      for (const p of index.postings.get(w) ?? []) {
        const doc = p >>> 5;
        if (t > 0 && scores[doc] === 0) continue;
        const s = (MASK_BOOST[p & 31] as number) * quality;
        if (word[doc] === 0) found.push(doc);
        if (s > (word[doc] as number)) word[doc] = s;
      }
    }
    // Every document kept so far had a score > 0, so `found` is the intersection.
    for (const doc of found) word[doc] = (word[doc] as number) + (scores[doc] as number);
    docs = found;
    scores = word;
  });
  // Documents removed since they were indexed keep their postings: skip them.
  return { docs: docs.filter((d) => index.keys[d] !== undefined), scores };
}

/** The `limit` best-scored documents as hits, best first (ties: the document indexed first). */
function best(index: SearchIndex, ranked: Ranked, limit: number): SearchHit[] {
  const top: number[] = [];
  const before = (a: number, b: number) => {
    const sa = ranked.scores[a] as number;
    const sb = ranked.scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  };
  for (const doc of ranked.docs) {
    if (top.length === limit) {
      if (!before(doc, top[limit - 1] as number)) continue;
      top.pop();
    }
    // Insert in order: `limit` is small, so this stays cheap however many documents matched.
    let i = top.length;
    while (i > 0 && before(doc, top[i - 1] as number)) i--;
    top.splice(i, 0, doc);
  }
  return top.map((doc) => {
    // The document key is `kind:id`; splitting it back saves storing fields per document.
    const key = index.keys[doc] as string;
    const colon = key.indexOf(':');
    return { kind: key.slice(0, colon) as SearchKind, id: key.slice(colon + 1), score: ranked.scores[doc] as number };
  });
}

// Two rows of the edit-distance table, reused (the typo pass compares thousands of words).
let prevRow = new Uint16Array(64);
let curRow = new Uint16Array(64);

/** The edit distance of `a` and `b` (insertions, deletions, substitutions), or `max + 1` once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (b.length + 1 > prevRow.length) {
    prevRow = new Uint16Array(b.length + 1);
    curRow = new Uint16Array(b.length + 1);
  }
  let prev = prevRow;
  let row = curRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1),
      );
      row[j] = v;
      if (v < least) least = v;
    }
    if (least > max) return max + 1;
    [prev, row] = [row, prev];
  }
  return prev[b.length] as number;
}

// ---------------------------------------------------------------------------------------------
// Documents

/** The indexed form of a record: one set of fields for all three kinds, so one query ranks them together. */
interface SearchDoc {
  key: string;
  fields: Record<Field, string>;
}

/** Folded words: the tokenizer for records and queries alike. */
function tokenize(text: string): string[] {
  return foldText(text).split(' ');
}

/** Indexes a document; words the index did not hold yet are pushed onto `added` (unsorted). */
function add(index: SearchIndex, doc: SearchDoc, added: string[]): void {
  const n = index.keys.length;
  index.keys.push(doc.key);
  index.numbers.set(doc.key, n);
  const masks = new Map<string, number>();
  FIELDS.forEach((f, bit) => {
    for (const w of tokenize(doc.fields[f])) if (w) masks.set(w, (masks.get(w) ?? 0) | (1 << bit));
  });
  for (const [w, mask] of masks) {
    const list = index.postings.get(w);
    if (list) list.push(n * 32 + mask);
    else {
      index.postings.set(w, [n * 32 + mask]);
      added.push(w);
      const same = index.byLength.get(w.length);
      if (same) same.push(w);
      else index.byLength.set(w.length, [w]);
    }
  }
}

/** Forgets a document (its postings are skipped from now on). */
function drop(index: SearchIndex, key: string): void {
  const n = index.numbers.get(key);
  if (n === undefined) return;
  index.keys[n] = undefined;
  index.numbers.delete(key);
}

function keyOf(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

function toDocs(records: SearchRecords): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const c of records.contacts ?? []) {
    docs.push({
      key: keyOf('contact', c.id),
      fields: {
        name: c.name,
        detail: [c.jobTitle, c.location].filter(Boolean).join(' '),
        emails: c.emails.join(' '),
        tags: c.tags.join(' '),
        body: '',
      },
    });
  }
  for (const c of records.companies ?? []) {
    docs.push({
      key: keyOf('company', c.id),
      fields: {
        name: c.name,
        detail: [c.domain, c.industry, c.address].filter(Boolean).join(' '),
        emails: c.emails.join(' '),
        tags: c.tags.join(' '),
        body: c.description ?? '',
      },
    });
  }
  for (const n of records.notes ?? []) {
    docs.push({
      key: keyOf('note', n.id),
      fields: { name: n.pageTitle ?? '', detail: '', emails: '', tags: '', body: n.body.slice(0, NOTE_INDEXED_CHARS) },
    });
  }
  return docs;
}
