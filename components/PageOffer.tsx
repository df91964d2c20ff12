/**
 * The lead on the page beside the panel, offered at the top ("On this page: Ada Lovelace ·
 * Analytical Engines — Open"), or "Clip this page" when Leadline does not know the page. Shown
 * only where Leadline may read the page's address. Props in, callbacks out.
 */
import type { TabContext } from '../lib/protocol';
import { t } from './i18n';

export interface PageOfferProps {
  context: TabContext;
  /** The deal open in the panel now: no need to offer it again. */
  openDealId?: string;
  onOpen: (dealId: string) => void;
  onClip: () => void;
  /** Set after "Clip this page": the card is on the page now. */
  clipped?: 'started' | 'failed';
}

export function PageOffer({ context, openDealId, onOpen, onClip, clipped }: PageOfferProps) {
  const { match } = context;
  if (match?.dealId && match.dealId === openDealId) return null;
  if (!match && !context.canClip) return null;
  const clipButton = context.canClip && (
    <button type="button" class="secondary" onClick={onClip} disabled={clipped === 'started'}>
      {t('offer.clip')}
    </button>
  );
  return (
    <aside class="page-offer" aria-label={t('offer.label')} data-testid="page-offer">
      <span class="page-offer-mark" aria-hidden="true">
        ◉
      </span>
      {match ? (
        <p class="page-offer-text">
          <span class="page-offer-label">{t('offer.onPage')} </span>
          <b>{match.name}</b>
          {match.detail && <span class="muted"> · {match.detail}</span>}
          {match.kind === 'company' && <span class="pill">{t('offer.company')}</span>}
          {!match.dealId && <span class="muted"> · {t('offer.noDeal')}</span>}
        </p>
      ) : (
        <p class="page-offer-text">
          <span class="page-offer-label">{t('offer.notYet')} </span>
          <span class="page-title">{context.title || context.url}</span>
        </p>
      )}
      {match?.dealId ? (
        <button type="button" class="primary" onClick={() => onOpen(match.dealId as string)}>
          {t('offer.open')}
        </button>
      ) : (
        clipButton
      )}
      {clipped === 'started' && !match && (
        <p class="page-offer-note muted" role="status">
          {t('offer.review')}
        </p>
      )}
      {clipped === 'failed' && !match && (
        <p class="page-offer-note error" role="alert">
          {t('offer.failed')}
        </p>
      )}
    </aside>
  );
}
