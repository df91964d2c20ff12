/**
 * The one-screen "before the call" brief: who, the company in a line, the last touch, open
 * objections, the research answers and the next step.
 */
import { formatDateTime, formatMoney, formatNumber, formatRelative } from '../lib/format';
import type { LeadScore } from '../lib/score';
import { RESEARCH_ITEMS } from '../lib/vocab';
import {
  activityLabel,
  authorityLabel,
  followUpKindLabel,
  objectionLabel,
  researchLabel,
  stageName,
  t,
  temperatureLabel,
  timelineLabel,
} from './i18n';
import type { LeadViewData } from './LeadView';
import { Markdown, type RenderMarkdown } from './Markdown';
import { followUpText } from './record-text';

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
        <button type="button" class="icon" aria-label={t('brief.back')} onClick={onBack}>
          ←
        </button>
        <div class="lead-title">
          <h1 id="brief-h">{t('brief.title', { name: contact?.name ?? deal.title })}</h1>
          <p class="muted">
            {contact?.jobTitle && company?.name
              ? t('lead.titleAt', { title: contact.jobTitle, company: company.name })
              : (contact?.jobTitle ?? company?.name)}{' '}
            · {stage ? stageName(stage) : ''} · {formatMoney(deal.value, deal.currency, locale)} ·{' '}
            {t('brief.score', { score: score.score })} · {temperatureLabel(score.temperature)}
          </p>
        </div>
      </header>
      <dl class="brief-grid">
        <dt>{t('brief.company')}</dt>
        <dd>
          {company
            ? [company.name, company.industry, company.size, company.description?.slice(0, 140)]
                .filter(Boolean)
                .join(' · ')
            : t('brief.notKnown')}
        </dd>
        <dt>{t('brief.lastTouch')}</dt>
        <dd>
          {last
            ? `${activityLabel(last.kind)}: ${last.text || '—'} (${formatRelative(last.at, now, locale)})`
            : t('brief.noTouch')}
        </dd>
        <dt>{t('brief.nextStep')}</dt>
        <dd class={next && next.dueAt <= now ? 'error' : ''}>
          {next
            ? `${followUpKindLabel(next.kind)}: ${followUpText(next, (n) => formatNumber(n, locale))} — ${formatDateTime(next.dueAt, locale)}`
            : t('brief.nonePlanned')}
        </dd>
        <dt>BANT</dt>
        <dd>
          {t('brief.bant', {
            budget: deal.bant.budget || '?',
            authority: deal.bant.authority ? authorityLabel(deal.bant.authority) : '?',
            need: deal.bant.need || '?',
            timeline: deal.bant.timeline ? timelineLabel(deal.bant.timeline) : '?',
          })}
        </dd>
        <dt>{t('brief.openObjections')}</dt>
        <dd>
          {open.length ? (
            <ul class="plain">
              {open.map((o) => (
                <li key={o.id}>
                  <b>{objectionLabel(o.category)}</b>: “{o.said}”{o.answer ? ` → ${o.answer}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t('brief.none')
          )}
        </dd>
      </dl>
      <h2>{t('brief.research')}</h2>
      <ul class="plain research">
        {RESEARCH_ITEMS.map((item) => {
          const notes = data.notes.filter((n) => n.researchItem === item);
          return (
            <li key={item} class={notes.length ? 'done' : 'todo'}>
              <b>
                {notes.length ? '✓' : '○'} {researchLabel(item)}
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
