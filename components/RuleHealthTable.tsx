/**
 * Each site rule's last success and last failure, so a changed layout is seen at once rather
 * than as silently empty leads.
 */
import { formatDateTime } from '../lib/format';
import { type LabelKey, t } from './i18n';

export interface RuleHealthRow {
  lastSuccess?: number;
  lastFailure?: number;
  lastFailureUrl?: string;
}

const RULES: { id: string; name: LabelKey | string }[] = [
  { id: 'linkedin-person', name: 'rules.linkedinPerson' },
  { id: 'linkedin-company', name: 'rules.linkedinCompany' },
  { id: 'github', name: 'GitHub' },
  { id: 'x', name: 'X (Twitter)' },
  { id: 'crunchbase', name: 'Crunchbase' },
];
const ruleName = (name: string) => (name.startsWith('rules.') ? t(name as LabelKey) : name);

export function RuleHealthTable({ health, locale }: { health: Record<string, RuleHealthRow>; locale?: string }) {
  const ids = [...new Set([...RULES.map((r) => r.id), ...Object.keys(health)])];
  return (
    <table class="stage-table" data-testid="rule-health">
      <thead>
        <tr>
          <th scope="col">{t('rules.site')}</th>
          <th scope="col">{t('rules.lastWorked')}</th>
          <th scope="col">{t('rules.lastFailed')}</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => {
          const h = health[id] ?? {};
          const failing = !!h.lastFailure && (!h.lastSuccess || h.lastFailure > h.lastSuccess);
          return (
            <tr key={id} class={failing ? 'failing' : ''}>
              <th scope="row">{ruleName(RULES.find((r) => r.id === id)?.name ?? id)}</th>
              <td>{h.lastSuccess ? formatDateTime(h.lastSuccess, locale) : t('rules.notUsed')}</td>
              <td>
                {h.lastFailure ? (
                  <>
                    <span class={failing ? 'error' : ''}>{formatDateTime(h.lastFailure, locale)}</span>
                    {failing && <span class="error"> — {t('rules.notRecognised')}</span>}
                    {h.lastFailureUrl && <div class="muted">{h.lastFailureUrl}</div>}
                  </>
                ) : (
                  t('rules.never')
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
