/**
 * The one-screen "before the call" brief: who, the company in a line, the last touch, open
 * objections, the research answers and the next step.
 */
import { formatDateTime, formatMoney, formatRelative } from '../lib/format';
import type { LeadScore } from '../lib/score';
import { RESEARCH_ITEMS } from '../lib/vocab';
import { type LeadViewData, RESEARCH_LABEL } from './LeadView';
import { Markdown, type RenderMarkdown } from './Markdown';

const TOUCH = new Set(['call', 'email', 'meeting', 'message', 'demo', 'proposal']);

export function Brief({
  data,
  score,
  now,
  locale,
  renderMarkdown,
  onBack,
}: {
  data: LeadViewData;
  score: LeadScore;
  now: number;
  locale?: string;
  renderMarkdown: RenderMarkdown;
  onBack: () => void;
}) {
  const { deal, contact, company } = data;
  const last = data.activities.find((a) => TOUCH.has(a.kind));
  const next = data.followUps.filter((f) => f.status === 'open').sort((a, b) => a.dueAt - b.dueAt)[0];
  const open = data.objections.filter((o) => !o.resolved);
  const stage = data.settings.stages.find((s) => s.id === deal.stage);
  return (
    <article class="brief" aria-labelledby="brief-h">
      <header class="lead-head">
        <button type="button" class="icon" aria-label="Back to the lead" onClick={onBack}>
          ←
        </button>
        <div class="lead-title">
          <h1 id="brief-h">Before the call: {contact?.name ?? deal.title}</h1>
          <p class="muted">
            {[contact?.jobTitle, company?.name].filter(Boolean).join(' at ')} · {stage?.name} ·{' '}
            {formatMoney(deal.value, deal.currency, locale)} · score {score.score} · {score.temperature}
          </p>
        </div>
      </header>
      <dl class="brief-grid">
        <dt>Company</dt>
        <dd>
          {company
            ? [company.name, company.industry, company.size, company.description?.slice(0, 140)]
                .filter(Boolean)
                .join(' · ')
            : 'Not known yet'}
        </dd>
        <dt>Last touch</dt>
        <dd>
          {last ? `${last.kind}: ${last.text || '—'} (${formatRelative(last.at, now, locale)})` : 'No touchpoint yet'}
        </dd>
        <dt>Next step</dt>
        <dd class={next && next.dueAt <= now ? 'error' : ''}>
          {next ? `${next.kind}: ${next.text} — ${formatDateTime(next.dueAt, locale)}` : 'None planned'}
        </dd>
        <dt>BANT</dt>
        <dd>
          Budget: {deal.bant.budget || '?'} · Authority: {deal.bant.authority || '?'} · Need: {deal.bant.need || '?'} ·
          Timeline: {deal.bant.timeline || '?'}
        </dd>
        <dt>Open objections</dt>
        <dd>
          {open.length ? (
            <ul class="plain">
              {open.map((o) => (
                <li key={o.id}>
                  <b>{o.category}</b>: “{o.said}”{o.answer ? ` → ${o.answer}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </dd>
      </dl>
      <h2>Research</h2>
      <ul class="plain research">
        {RESEARCH_ITEMS.map((item) => {
          const notes = data.notes.filter((n) => n.researchItem === item);
          return (
            <li key={item} class={notes.length ? 'done' : 'todo'}>
              <b>
                {notes.length ? '✓' : '○'} {RESEARCH_LABEL[item]}
              </b>
              {notes.slice(0, 2).map((n) => (
                <Markdown key={n.id} source={n.body.slice(0, 600)} render={renderMarkdown} />
              ))}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
