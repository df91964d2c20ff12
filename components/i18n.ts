/**
 * The UI's words. `t` reads the message of the browser's language from `_locales/` (built from
 * `locales/<lang>.yml` by @wxt-dev/i18n, typed by the English file): no catalogue is bundled, so
 * the capture script pays only for the keys it uses. The labels of the sales vocabularies live
 * here too, so every view names a stage, a source or a temperature the same way.
 *
 * Records hold data, not words: a stage keeps the name the rep gave it. The default stages and
 * exit-checklist items, while still untouched, are shown in the UI's language (`stageName`).
 */

import type { ComponentChild } from 'preact';
import { type GeneratedI18nStructure, i18n } from '#i18n';
import { type DEFAULT_STAGE_IDS, defaultSettings } from '../lib/defaults';
import type {
  ActivityKind,
  FollowUpKind,
  LeadSource,
  LeadStatus,
  ObjectionCategory,
  ResearchItem,
  Stage,
  Temperature,
} from '../lib/records';
import type { ScoreFactorKey } from '../lib/score';
import type { AUTHORITIES, TIMELINES } from '../lib/vocab';

type Messages = GeneratedI18nStructure;
/** Every message key. */
export type MessageKey = keyof Messages;
/** The keys of messages with no substitutions and no plural: labels. */
export type LabelKey = {
  [K in MessageKey]: Messages[K] extends { substitutions: 0; plural: false; namedSubstitutions: readonly string[] }
    ? never
    : Messages[K] extends { substitutions: 0; plural: false }
      ? K
      : never;
}[MessageKey];

/** The keys of plural messages whose only substitution is the count ($1): "3 deals". */
export type CountKey = {
  [K in MessageKey]: Messages[K] extends { substitutions: 1; plural: true; namedSubstitutions: readonly string[] }
    ? never
    : Messages[K] extends { substitutions: 1; plural: true }
      ? K
      : never;
}[MessageKey];

/** The message for a key in the browser's language (English when it has none). */
export const t = i18n.t;

/** The language of the messages in use ("en", "it", "es", "ms"): the browser's, or English. */
export function messagesLanguage(): string {
  return t('lang');
}

/**
 * A message with elements in it: `{name}` markers of the text are replaced by `parts[name]`
 * (a `<kbd>`, a link), so the words around them stay in one translatable sentence.
 */
export function rich(text: string, parts: Record<string, ComponentChild>): ComponentChild[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? (parts[piece] ?? `{${piece}}`) : piece));
}

/** Vocabulary ids as message names spell them (`follow-up-done` → `followUpDone`; names allow no `-`). */
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
const camel = <S extends string>(s: S) => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as Camel<S>;

// The vocabularies' labels (lib/vocab.ts). Each message name is spelt from the id rather than
// looked up in a table, which keeps the bundles (the capture script above all) small; the types
// still check that every id of every vocabulary has its message.
export const temperatureLabel = (k: Temperature): string => t(`temp.${k}`);
export const leadStatusLabel = (k: LeadStatus): string => t(`status.${k}`);
export const sourceLabel = (k: LeadSource): string => t(`source.${camel(k)}`);
export const activityLabel = (k: ActivityKind): string => t(`activity.${camel(k)}`);
export const followUpKindLabel = (k: FollowUpKind): string => t(`fuKind.${camel(k)}`);
export const objectionLabel = (k: ObjectionCategory): string => t(`objection.${k}`);
export const researchLabel = (k: ResearchItem): string => t(`research.${camel(k)}`);
export const timelineLabel = (k: (typeof TIMELINES)[number]): string => t(`timeline.${camel(k)}`);
export const authorityLabel = (k: (typeof AUTHORITIES)[number]): string => t(`authority.${camel(k)}`);
export const scoreFactorLabel = (k: ScoreFactorKey): string => t(`scoreFactor.${k}`);

const STAGE_LABEL: Record<(typeof DEFAULT_STAGE_IDS)[number], LabelKey> = {
  prospecting: 'stage.prospecting',
  qualification: 'stage.qualification',
  meeting: 'stage.meeting',
  proposal: 'stage.proposal',
  negotiation: 'stage.negotiation',
  won: 'stage.won',
  lost: 'stage.lost',
};

/** The default exit-checklist items (lib/defaults.ts, in English) and their messages. */
export const EXIT_ITEM_LABEL: Readonly<Record<string, LabelKey>> = {
  'Researched the company': 'exitItem.researched',
  'Found the decision maker': 'exitItem.decisionMaker',
  'BANT filled in': 'exitItem.bant',
  'Discovery call held': 'exitItem.discovery',
  'Needs written down': 'exitItem.needs',
  'Offer sent: scope, price, terms': 'exitItem.offer',
  'Objections answered': 'exitItem.objections',
  'Terms agreed': 'exitItem.terms',
};

let defaultNames: Map<string, string> | undefined;
/** The default stages' English names by id (computed on first use, not at import). */
function defaultStageNames(): Map<string, string> {
  defaultNames ??= new Map(defaultSettings(0).stages.map((s) => [s.id, s.name]));
  return defaultNames;
}
const stageKey = (id: string): LabelKey | undefined => STAGE_LABEL[id as keyof typeof STAGE_LABEL];

/** A stage's name as shown: a default stage the rep has not renamed is in the UI's language. */
export function stageName(stage: Pick<Stage, 'id' | 'name'>): string {
  const key = stageKey(stage.id);
  return key && defaultStageNames().get(stage.id) === stage.name ? t(key) : stage.name;
}

/** A stage name written into a record's text ("Prospecting → Meeting"): a default name is translated. */
export function stageNameInText(name: string): string {
  for (const [id, english] of defaultStageNames()) {
    const key = stageKey(id);
    if (english === name && key) return t(key);
  }
  return name;
}

/** An exit-checklist item as shown: a default item is in the UI's language, the rep's own as written. */
export function exitItemLabel(item: string): string {
  const key = EXIT_ITEM_LABEL[item];
  return key ? t(key) : item;
}

/** A stage as the editor shows it: untouched defaults in the UI's language. */
export function stageForEditing(stage: Stage): Stage {
  return { ...stage, name: stageName(stage), exitChecklist: stage.exitChecklist.map(exitItemLabel) };
}

/**
 * The stage to save from what the editor shows: a name or item still equal to its translated
 * default is saved as the default itself, so it keeps following the browser's language and the
 * items already ticked on deals still match.
 */
export function stageFromEditing(stage: Stage): Stage {
  const key = stageKey(stage.id);
  const english = defaultStageNames().get(stage.id);
  const items = Object.entries(EXIT_ITEM_LABEL);
  return {
    ...stage,
    name: key && english !== undefined && stage.name === t(key) ? english : stage.name,
    exitChecklist: stage.exitChecklist.map((item) => items.find(([, k]) => t(k) === item)?.[0] ?? item),
  };
}

/**
 * An error for the rep. Replies from the background carry a `code` (lib/errors.ts) and an English
 * message; in English the message is shown as it is (it is the most specific), in another language
 * the code picks the words, and the English detail follows where it names what to fix.
 */
export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const { code, shown } = (e ?? {}) as { code?: unknown; shown?: boolean };
  if (typeof code !== 'string' || shown || messagesLanguage() === 'en') return message;
  if ((PLAIN_ERRORS as readonly string[]).includes(code)) return t(`error.${camel(code as PlainError)}`);
  return t(code === 'invalid' || code === 'conflict' ? `error.${code}` : 'error.internal', { detail: message });
}
/** The error codes whose words need no detail (lib/errors.ts `ERROR_CODES`). */
const PLAIN_ERRORS = ['stale', 'not-found', 'forbidden', 'quota', 'unavailable'] as const;
type PlainError = (typeof PLAIN_ERRORS)[number];
