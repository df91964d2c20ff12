/**
 * Each site rule's last success and last failure, so a changed layout is seen at once rather
 * than as silently empty leads.
 */
import { formatDateTime } from '../lib/format';

export interface RuleHealthRow {
  lastSuccess?: number;
  lastFailure?: number;
  lastFailureUrl?: string;
}

const RULES: { id: string; name: string }[] = [
  { id: 'linkedin-person', name: 'LinkedIn profiles' },
  { id: 'linkedin-company', name: 'LinkedIn company pages' },
  { id: 'github', name: 'GitHub' },
  { id: 'x', name: 'X (Twitter)' },
  { id: 'crunchbase', name: 'Crunchbase' },
];

export function RuleHealthTable({ health }: { health: Record<string, RuleHealthRow> }) {
  const ids = [...new Set([...RULES.map((r) => r.id), ...Object.keys(health)])];
  return (
    <table class="stage-table" data-testid="rule-health">
      <thead>
        <tr>
          <th scope="col">Site</th>
          <th scope="col">Last worked</th>
          <th scope="col">Last failed</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => {
          const h = health[id] ?? {};
          const failing = !!h.lastFailure && (!h.lastSuccess || h.lastFailure > h.lastSuccess);
          return (
            <tr key={id} class={failing ? 'failing' : ''}>
              <th scope="row">{RULES.find((r) => r.id === id)?.name ?? id}</th>
              <td>{h.lastSuccess ? formatDateTime(h.lastSuccess) : 'not used yet'}</td>
              <td>
                {h.lastFailure ? (
                  <>
                    <span class={failing ? 'error' : ''}>{formatDateTime(h.lastFailure)}</span>
                    {failing && <span class="error"> — layout not recognised</span>}
                    {h.lastFailureUrl && <div class="muted">{h.lastFailureUrl}</div>}
                  </>
                ) : (
                  'never'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
