/**
 * Edits one stage's playbook answers (title and markdown text): add, edit, reorder, remove,
 * and take in the suggested answers the stage lacks. Problems show beside their field; the
 * stage editor refuses to save while there are any.
 */
import { useRef } from 'preact/hooks';
import { type AnswerProblem, answerProblems, missingSuggestions, withSuggestions } from '../lib/playbook';
import { LIMITS, type PlaybookAnswer } from '../lib/records';
import { t } from './i18n';

const num = (n: number) => n.toLocaleString(t('lang'));

/** A problem in the UI's language (lib/playbook words it in English). */
function problemText(p: AnswerProblem, a: PlaybookAnswer | undefined): string {
  if (p.kind === 'too-many') return t('answers.tooMany', { max: num(LIMITS.list) });
  if (p.kind === 'duplicate') return t('answers.duplicate');
  if (p.field === 'title') {
    if (p.kind === 'empty') return t('answers.noTitle');
    const n = (a?.title ?? '').replace(/\s+/g, ' ').trim().length;
    return t('answers.titleTooLong', { max: num(LIMITS.short), n: num(n) });
  }
  if (p.kind === 'empty') return t('answers.noBody');
  return t('answers.bodyTooLong', { max: num(LIMITS.long), n: num((a?.body ?? '').trim().length) });
}

export interface AnswersEditorProps {
  stageId: string;
  stageName: string;
  answers: PlaybookAnswer[];
  /** Answers suggested for this stage; those it lacks are offered with one button. */
  suggested: readonly PlaybookAnswer[];
  /** Shows every problem, empty fields too (once the rep tried to save). */
  showAll: boolean;
  onChange: (answers: PlaybookAnswer[]) => void;
}

export function AnswersEditor({ stageId, stageName, answers, suggested, showAll, onChange }: AnswersEditorProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const problems = answerProblems(answers).filter((p) => showAll || p.kind !== 'empty');
  const missing = missingSuggestions(answers, suggested);
  const full = answers.length >= LIMITS.list;
  const id = (i: number, field: string) => `answer-${stageId}-${i}-${field}`;
  const name = (a: PlaybookAnswer, i: number) => a.title.trim() || t('answers.nth', { n: i + 1 });

  /** Focus follows the rep's action once the list has re-rendered (rows are keyed by position). */
  const focusLater = (find: () => HTMLElement | null | undefined) => requestAnimationFrame(() => find()?.focus());
  const row = (i: number) => listRef.current?.children[i] as HTMLElement | undefined;

  const set = (i: number, patch: Partial<PlaybookAnswer>) =>
    onChange(answers.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const move = (i: number, dir: -1 | 1) => {
    const j = i + dir;
    const a = answers[i];
    const b = answers[j];
    if (!a || !b) return;
    const next = [...answers];
    next[i] = b;
    next[j] = a;
    onChange(next);
    const key = dir < 0 ? 'up' : 'down';
    focusLater(
      () =>
        row(j)?.querySelector<HTMLElement>(`[data-move="${key}"]:not(:disabled)`) ??
        row(j)?.querySelector<HTMLElement>('[data-move]:not(:disabled)'),
    );
  };
  const remove = (i: number) => {
    onChange(answers.filter((_, j) => j !== i));
    focusLater(
      () =>
        row(Math.min(i, answers.length - 2))?.querySelector<HTMLElement>('input') ??
        actionsRef.current?.querySelector<HTMLElement>('button'),
    );
  };

  return (
    <div class="answers-editor">
      <p class="muted small">{t('answers.help')}</p>
      {answers.length > 0 && (
        <ol class="answer-list" ref={listRef}>
          {answers.map((a, i) => {
            const title = problems.find((p) => p.index === i && p.field === 'title');
            const body = problems.find((p) => p.index === i && p.field === 'body');
            return (
              // Keyed by position (answers have no id): the fields are controlled, and focus is moved by hand on reorder.
              <li key={i} class="answer-edit">
                <div class="answer-fields">
                  <label class="field">
                    <span>{t('answers.title')}</span>
                    <input
                      value={a.title}
                      aria-invalid={title ? true : undefined}
                      aria-describedby={title ? id(i, 'title') : undefined}
                      onInput={(e) => set(i, { title: e.currentTarget.value })}
                    />
                  </label>
                  {title && (
                    <small class="error" id={id(i, 'title')}>
                      {problemText(title, a)}
                    </small>
                  )}
                  <label class="field">
                    <span>{t('answers.body')}</span>
                    <textarea
                      rows={4}
                      value={a.body}
                      aria-invalid={body ? true : undefined}
                      aria-describedby={body ? id(i, 'body') : undefined}
                      onInput={(e) => set(i, { body: e.currentTarget.value })}
                    />
                  </label>
                  {body && (
                    <small class="error" id={id(i, 'body')}>
                      {problemText(body, a)}
                    </small>
                  )}
                </div>
                <div class="row-actions">
                  <button
                    type="button"
                    class="icon"
                    data-move="up"
                    aria-label={t('answers.up', { name: name(a, i) })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="icon"
                    data-move="down"
                    aria-label={t('answers.down', { name: name(a, i) })}
                    disabled={i === answers.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="icon"
                    aria-label={t('answers.remove', { name: name(a, i) })}
                    onClick={() => remove(i)}
                  >
                    ×
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div class="actions" ref={actionsRef}>
        <button
          type="button"
          class="secondary"
          disabled={full}
          onClick={() => {
            onChange([...answers, { title: '', body: '' }]);
            focusLater(() => row(answers.length)?.querySelector<HTMLElement>('input'));
          }}
        >
          {t('answers.add', { stage: stageName })}
        </button>
        {missing.length > 0 && !full && (
          <button type="button" class="secondary" onClick={() => onChange(withSuggestions(answers, suggested))}>
            {t('answers.addSuggested', missing.length, [num(missing.length)])}
          </button>
        )}
        {full && <span class="muted small">{t('answers.full', { max: num(LIMITS.list) })}</span>}
      </div>
    </div>
  );
}
