/**
 * A stage's playbook answers as the options page edits them: the checks it runs before saving,
 * with the schema's own limits, so the background never refuses or shortens what the rep
 * typed; and the suggested answers a stage does not hold yet.
 *
 * Imports the record schemas (for LIMITS): meant for the options page, not the side panel.
 */
import { foldText } from './normalize';
import { LIMITS, type PlaybookAnswer } from './records';

/** Why an answer cannot be saved as it is. */
export interface AnswerProblem {
  /** The answer's position in the stage's list. */
  index: number;
  field: 'title' | 'body';
  /** `empty` is shown only once the rep tries to save; the others as soon as they are typed. */
  kind: 'empty' | 'too-long' | 'duplicate' | 'too-many';
  message: string;
}

/** A title as the schema stores it: one line, whitespace collapsed. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const count = (n: number) => n.toLocaleString('en');

/** Every problem with a stage's answers, in list order; empty when they can be saved. */
export function answerProblems(answers: readonly PlaybookAnswer[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  answers.forEach((a, index) => {
    const title = oneLine(a.title);
    const body = a.body.trim();
    if (index >= LIMITS.list) {
      problems.push({
        index,
        field: 'title',
        kind: 'too-many',
        message: `A stage holds at most ${LIMITS.list} answers: remove this one or another.`,
      });
    }
    if (!title) {
      problems.push({ index, field: 'title', kind: 'empty', message: 'Give this answer a title.' });
    } else if (title.length > LIMITS.short) {
      problems.push({
        index,
        field: 'title',
        kind: 'too-long',
        message: `A title can be at most ${count(LIMITS.short)} characters; this one has ${count(title.length)}.`,
      });
    } else {
      const key = foldText(title);
      if (seen.has(key)) {
        problems.push({
          index,
          field: 'title',
          kind: 'duplicate',
          message: 'Another answer in this stage has this title.',
        });
      }
      seen.add(key);
    }
    if (!body) {
      problems.push({ index, field: 'body', kind: 'empty', message: 'Write the answer.' });
    } else if (body.length > LIMITS.long) {
      problems.push({
        index,
        field: 'body',
        kind: 'too-long',
        message: `An answer can be at most ${count(LIMITS.long)} characters; this one has ${count(body.length)}.`,
      });
    }
  });
  return problems;
}

/** The suggested answers whose title the stage does not hold yet, in their order. */
export function missingSuggestions(
  answers: readonly PlaybookAnswer[],
  suggested: readonly PlaybookAnswer[],
): PlaybookAnswer[] {
  const have = new Set(answers.map((a) => foldText(oneLine(a.title))));
  return suggested.filter((s) => !have.has(foldText(oneLine(s.title))));
}

/** The stage's answers with the missing suggestions added after them, up to the limit. */
export function withSuggestions(
  answers: readonly PlaybookAnswer[],
  suggested: readonly PlaybookAnswer[],
): PlaybookAnswer[] {
  return [...answers, ...missingSuggestions(answers, suggested).map((a) => ({ ...a }))].slice(
    0,
    Math.max(answers.length, LIMITS.list),
  );
}
