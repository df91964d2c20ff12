/**
 * Quotas per period and the follow-up cadences, in the options page: what Insights measures
 * attainment against, and when Leadline suggests the next touch. Props in, `save` out; each
 * part is checked field by field (lib/goals) so the rep sees which value is wrong.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatMoney } from '../lib/format';
import {
  type CadenceDraft,
  cadenceDraft,
  type GoalProblem,
  type QuotaDraft,
  readCadences,
  readQuotas,
} from '../lib/goals';
import type { Settings } from '../lib/records';
import { stageName, t } from './i18n';

export interface GoalsEditorProps {
  settings: Settings;
  locale: string;
  save: (patch: Partial<Settings>) => Promise<void>;
}

const toRow = (q: Settings['quotas'][number]): QuotaDraft => ({ period: q.period, amount: String(q.amount) });

export function GoalsEditor({ settings, locale, save }: GoalsEditorProps) {
  const [rows, setRows] = useState<QuotaDraft[]>(() => settings.quotas.map(toRow));
  const [cad, setCad] = useState<CadenceDraft>(() => cadenceDraft(settings));
  const [quotaProblems, setQuotaProblems] = useState<GoalProblem[]>([]);
  const [cadProblems, setCadProblems] = useState<GoalProblem[]>([]);
  // A save here or in another window: show what is stored, each part only when it changed
  // (saving the cadences must not throw away quota rows being typed).
  const storedQuotas = JSON.stringify(settings.quotas);
  const storedCadences = JSON.stringify(cadenceDraft(settings));
  useEffect(() => setRows(JSON.parse(storedQuotas).map(toRow)), [storedQuotas]);
  useEffect(() => setCad(JSON.parse(storedCadences)), [storedCadences]);

  const setRow = (i: number, patch: Partial<QuotaDraft>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const problemAt = (field: 'period' | 'amount', row: number) =>
    quotaProblems.find((p) => p.field === field && 'row' in p && p.row === row);
  const openStages = settings.stages.filter((s) => s.kind === 'open');
  const cadProblem = (field: GoalProblem['field'], stageId?: string) =>
    cadProblems.find((p) => p.field === field && (!stageId || ('stageId' in p && p.stageId === stageId)));

  return (
    <>
      <section aria-labelledby="quotas-h">
        <h2 id="quotas-h">{t('goals.quotas')}</h2>
        <p class="help">{t('goals.quotasHelp')}</p>
        {rows.length === 0 && <p class="empty">{t('goals.noQuotas')}</p>}
        <ul class="quota-rows">
          {rows.map((r, i) => {
            const period = problemAt('period', i);
            const amount = problemAt('amount', i);
            const n = Number(r.amount);
            return (
              <li key={i} class="quota-row">
                <label>
                  <span>{t('goals.period')}</span>
                  <input
                    value={r.period}
                    placeholder="2026-Q3"
                    aria-invalid={period ? 'true' : undefined}
                    aria-describedby={period ? `quota-p-${i}` : undefined}
                    onInput={(e) => setRow(i, { period: e.currentTarget.value })}
                  />
                </label>
                <label>
                  <span>
                    {t('goals.amount')} ({settings.defaultCurrency})
                  </span>
                  <input
                    inputMode="decimal"
                    value={r.amount}
                    aria-invalid={amount ? 'true' : undefined}
                    aria-describedby={amount ? `quota-a-${i}` : undefined}
                    onInput={(e) => setRow(i, { amount: e.currentTarget.value })}
                  />
                </label>
                <span class="quota-preview" aria-hidden="true">
                  {Number.isFinite(n) && r.amount.trim() ? formatMoney(n, settings.defaultCurrency, locale) : ''}
                </span>
                <button
                  type="button"
                  class="link"
                  aria-label={t('goals.removeQuota', { period: r.period || '…' })}
                  onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                >
                  {t('goals.remove')}
                </button>
                {period && (
                  <p class="field-error" id={`quota-p-${i}`}>
                    {period.kind === 'duplicate' ? t('goals.duplicatePeriod') : t('goals.badPeriod')}
                  </p>
                )}
                {amount && (
                  <p class="field-error" id={`quota-a-${i}`}>
                    {t('goals.badAmount')}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setRows((rs) => [...rs, { period: '', amount: '' }])}>
            {t('goals.addQuota')}
          </button>
          <button
            type="button"
            class="primary"
            onClick={() => {
              const { quotas, problems } = readQuotas(rows);
              setQuotaProblems(problems);
              if (!problems.length) void save({ quotas });
            }}
          >
            {t('goals.saveQuotas')}
          </button>
        </div>
      </section>

      <section aria-labelledby="cadences-h">
        <h2 id="cadences-h">{t('goals.cadences')}</h2>
        <p class="help">{t('goals.cadencesHelp')}</p>
        <label>
          <span>{t('goals.firstTouch')}</span>
          <input
            type="number"
            min={0}
            max={60}
            value={cad.firstTouch}
            aria-invalid={cadProblem('firstTouch') ? 'true' : undefined}
            onInput={(e) => setCad({ ...cad, firstTouch: e.currentTarget.value })}
          />
        </label>
        {cadProblem('firstTouch') && <p class="field-error">{t('goals.badFirstTouch')}</p>}
        <fieldset>
          <legend>{t('goals.nextTouch')}</legend>
          {openStages.map((s) => (
            <label key={s.id}>
              <span>{stageName(s)}</span>
              <input
                type="number"
                min={0}
                max={365}
                value={cad.nextTouch[s.id] ?? ''}
                placeholder={t('goals.none')}
                aria-invalid={cadProblem('nextTouch', s.id) ? 'true' : undefined}
                onInput={(e) => setCad({ ...cad, nextTouch: { ...cad.nextTouch, [s.id]: e.currentTarget.value } })}
              />
            </label>
          ))}
          {cadProblems.some((p) => p.field === 'nextTouch') && <p class="field-error">{t('goals.badNextTouch')}</p>}
        </fieldset>
        <label>
          <span>{t('goals.checkIns')}</span>
          <input
            value={cad.checkIns}
            placeholder="7, 30, 90"
            aria-invalid={cadProblem('checkIns') ? 'true' : undefined}
            onInput={(e) => setCad({ ...cad, checkIns: e.currentTarget.value })}
          />
        </label>
        {cadProblem('checkIns') && <p class="field-error">{t('goals.badCheckIns')}</p>}
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => {
              const { cadences, problems } = readCadences(cad);
              setCadProblems(problems);
              if (cadences) void save({ cadences });
            }}
          >
            {t('goals.saveCadences')}
          </button>
        </div>
      </section>
    </>
  );
}
