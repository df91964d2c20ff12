/**
 * Edits the pipeline's stages: name, probability, stale limit, exit checklist, playbook
 * answers; reorder, add, remove. Removing a stage asks where its deals go (the background
 * refuses otherwise). While a stage's answers have problems, nothing is saved.
 */
import { useEffect, useState } from 'preact/hooks';
import { answerProblems } from '../lib/playbook';
import type { PlaybookAnswer, Stage } from '../lib/records';
import { AnswersEditor } from './AnswersEditor';
import { stageForEditing, stageFromEditing, t } from './i18n';

export interface StageEditorProps {
  stages: Stage[];
  /** Suggested playbook answers by stage id (the defaults), offered to stages that lack them. */
  suggestions?: Readonly<Record<string, readonly PlaybookAnswer[]>>;
  onSave: (stages: Stage[], moveDeals: { from: string; to: string }[]) => Promise<void>;
}

function slug(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'stage';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

export function StageEditor({ stages: initial, suggestions = {}, onSave }: StageEditorProps) {
  // Untouched default names and checklist items are edited in the UI's language (see i18n.ts).
  const [stages, setStages] = useState(() => initial.map(stageForEditing));
  const [removed, setRemoved] = useState<Stage[]>([]);
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  // Set by a save attempt: from then on empty titles and texts count as problems on screen too.
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setStages(initial.map(stageForEditing));
    setRemoved([]);
    setTried(false);
  }, [initial]);
  const needFixing = stages.filter((s) => answerProblems(s.answers).length > 0);

  const set = (i: number, patch: Partial<Stage>) =>
    setStages((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const swap = (i: number, j: number) =>
    setStages((s) => {
      const c = [...s];
      const a = c[i];
      const b = c[j];
      if (!a || !b) return s;
      c[i] = b;
      c[j] = a;
      return c;
    });
  const openStages = stages.filter((s) => s.kind === 'open');

  return (
    <div class="form">
      <table class="stage-table">
        <thead>
          <tr>
            <th scope="col">{t('stages.stage')}</th>
            <th scope="col">{t('stages.winPercent')}</th>
            <th scope="col">{t('stages.staleAfter')}</th>
            <th scope="col">{t('stages.checklist')}</th>
            <th scope="col">
              <span class="sr-only">{t('stages.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s, i) => (
            <tr key={s.id} data-stage-row={s.id}>
              <td>
                <input
                  aria-label={t('stages.name')}
                  value={s.name}
                  onInput={(e) => set(i, { name: e.currentTarget.value })}
                />
                {s.kind !== 'open' && (
                  <small class="muted">{s.kind === 'won' ? t('stages.closesWon') : t('stages.closesLost')}</small>
                )}
              </td>
              <td>
                <input
                  class="num"
                  type="number"
                  min={0}
                  max={100}
                  aria-label={t('stages.probabilityOf', { stage: s.name })}
                  value={Math.round(s.probability * 100)}
                  disabled={s.kind !== 'open'}
                  onInput={(e) =>
                    set(i, { probability: Math.min(100, Math.max(0, Number(e.currentTarget.value) || 0)) / 100 })
                  }
                />
              </td>
              <td>
                <input
                  class="num"
                  type="number"
                  min={1}
                  aria-label={t('stages.staleOf', { stage: s.name })}
                  value={s.staleDays ?? ''}
                  disabled={s.kind !== 'open'}
                  onInput={(e) => set(i, { staleDays: Number(e.currentTarget.value) || undefined })}
                />
              </td>
              <td>
                <textarea
                  rows={2}
                  aria-label={t('stages.checklistOf', { stage: s.name })}
                  value={s.exitChecklist.join('\n')}
                  onInput={(e) =>
                    set(i, {
                      exitChecklist: e.currentTarget.value
                        .split('\n')
                        .map((x) => x.trim())
                        .filter(Boolean),
                    })
                  }
                />
              </td>
              <td class="row-actions">
                <button
                  type="button"
                  class="icon"
                  aria-label={t('stages.up', { stage: s.name })}
                  disabled={i === 0}
                  onClick={() => swap(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="icon"
                  aria-label={t('stages.down', { stage: s.name })}
                  disabled={i === stages.length - 1}
                  onClick={() => swap(i, i + 1)}
                >
                  ↓
                </button>
                {s.kind === 'open' && openStages.length > 1 && (
                  <button
                    type="button"
                    class="icon"
                    aria-label={t('stages.remove', { stage: s.name })}
                    onClick={() => {
                      setStages((x) => x.filter((y) => y.id !== s.id));
                      if (initial.some((y) => y.id === s.id)) setRemoved((r) => [...r, s]);
                    }}
                  >
                    ×
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="stage-answers">
        <h3>{t('stages.playbook')}</h3>
        {stages.map((s, i) => {
          const broken = tried && needFixing.includes(s);
          return (
            <details key={s.id} data-answers-for={s.id} open={broken ? true : undefined}>
              <summary>
                {s.name}{' '}
                <span class="muted">({t('stages.answerCount', s.answers.length, [String(s.answers.length)])})</span>
                {broken && <span class="error"> · {t('stages.needsFixing')}</span>}
              </summary>
              <AnswersEditor
                stageId={s.id}
                stageName={s.name}
                answers={s.answers}
                suggested={suggestions[s.id] ?? []}
                showAll={tried}
                onChange={(answers) => set(i, { answers })}
              />
            </details>
          );
        })}
      </div>
      {removed.map((r) => (
        <label key={r.id}>
          <span>{t('stages.moveDeals', { stage: r.name })}</span>
          <select
            value={moveTo[r.id] ?? ''}
            onChange={(e) => setMoveTo((m) => ({ ...m, [r.id]: e.currentTarget.value }))}
          >
            <option value="">{t('stages.choose')}</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => {
            const name = t('stages.newName');
            const taken = new Set(stages.map((s) => s.id));
            const firstClosed = stages.findIndex((s) => s.kind !== 'open');
            const stage: Stage = {
              id: slug(name, taken),
              name,
              probability: 0.3,
              kind: 'open',
              staleDays: 14,
              exitChecklist: [],
              answers: [],
            };
            setStages((s) => [
              ...s.slice(0, firstClosed < 0 ? s.length : firstClosed),
              stage,
              ...s.slice(firstClosed < 0 ? s.length : firstClosed),
            ]);
          }}
        >
          {t('stages.add')}
        </button>
        <button
          type="button"
          class="primary"
          onClick={() => {
            setTried(true);
            if (needFixing.length > 0) return;
            void onSave(
              stages.map(stageFromEditing),
              removed.filter((r) => moveTo[r.id]).map((r) => ({ from: r.id, to: moveTo[r.id] as string })),
            );
          }}
        >
          {t('stages.save')}
        </button>
      </div>
      {tried && needFixing.length > 0 && (
        <p class="banner error" role="alert">
          {t('stages.fixAnswers', { stages: needFixing.map((s) => s.name).join(', ') })}
        </p>
      )}
    </div>
  );
}
