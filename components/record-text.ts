/**
 * Texts Leadline itself writes into records, in English, when it plans a follow-up or logs a
 * stage change (lib/followups.ts, lib/service.ts, lib/pipeline.ts): shown in the UI's language.
 * Each is recognised by its exact English form, so a text the rep wrote or edited is shown as
 * written; test/unit/i18n.test.ts generates them with lib/ to keep both sides in step.
 */
import type { Activity, FollowUp } from '../lib/records';
import { stageNameInText, t } from './i18n';

/** A follow-up's text as shown. */
export function followUpText(f: Pick<FollowUp, 'text'>, formatCount: (n: number) => string = String): string {
  const text = f.text;
  if (text === 'First touch') return t('generated.firstTouch');
  if (text === 'Next touch') return t('generated.nextTouch');
  if (text === 'Follow up') return t('generated.followUp');
  let m = /^Check-in, (\d+) days after the win$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return t('generated.checkIn', n, [formatCount(n)]);
  }
  m = /^No activity for (\d+) days in (.+)$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return t('generated.stale', n, [formatCount(n)], { stage: stageNameInText(m[2] ?? '') });
  }
  m = /^Follow up with (.+)$/.exec(text);
  if (m) return t('generated.followUpWith', { name: m[1] ?? '' });
  return text;
}

const NEW_DEAL = {
  new: 'generated.newDeal.new',
  upsell: 'generated.newDeal.upsell',
  'cross-sell': 'generated.newDeal.crossSell',
  revival: 'generated.newDeal.revival',
} as const;

/** An activity's text as shown. */
export function activityText(a: Pick<Activity, 'kind' | 'text'>): string {
  const text = a.text;
  let m = /^Clipped from (.+)$/.exec(text);
  if (a.kind === 'clip' && m) {
    return m[1] === 'a page' ? t('generated.clippedFromPage') : t('generated.clippedFrom', { page: m[1] ?? '' });
  }
  m = /^Won \(from (.+)\)$/.exec(text);
  if (a.kind === 'won' && m) return t('generated.wonFrom', { from: stageNameInText(m[1] ?? '') });
  m = /^Lost \(from (.+?)\): (.*)$/.exec(text);
  if (a.kind === 'lost' && m) {
    return t('generated.lostFrom', { from: stageNameInText(m[1] ?? ''), reason: m[2] ?? '' });
  }
  if (a.kind !== 'stage-change') return text;
  m = /^Created in (.+)$/.exec(text);
  if (m) return t('generated.createdIn', { stage: stageNameInText(m[1] ?? '') });
  m = /^New (new|upsell|cross-sell|revival) deal in (.+)$/.exec(text);
  if (m) return t(NEW_DEAL[m[1] as keyof typeof NEW_DEAL], { stage: stageNameInText(m[2] ?? '') });
  m = /^(.+) was removed; moved to (.+)$/.exec(text);
  if (m) return t('generated.stageRemoved', { from: stageNameInText(m[1] ?? ''), to: stageNameInText(m[2] ?? '') });
  m = /^Revived: (.+?) → (.+)$/.exec(text);
  if (m) return t('generated.revived', { from: stageNameInText(m[1] ?? ''), to: stageNameInText(m[2] ?? '') });
  // "Meeting → Lost: Price": the stage names are the words; the arrow and the reason need none.
  m = /^(.+?) → (.+)$/.exec(text);
  if (m) {
    const rest = m[2] ?? '';
    const colon = rest.indexOf(': ');
    const to = colon < 0 ? rest : rest.slice(0, colon);
    return `${stageNameInText(m[1] ?? '')} → ${stageNameInText(to)}${colon < 0 ? '' : rest.slice(colon)}`;
  }
  return text;
}
