/**
 * The sites where the rep opted in to the "already in Leadline" marker, each with whether
 * Leadline still has access there. Props in, callbacks out: asking the browser for access
 * and saving the list happen in the options page.
 */
import { useState } from 'preact/hooks';

import { errorText, t } from './i18n';

export interface MarkerSiteRow {
  site: string;
  /** Leadline has host access there (the rep may have revoked it in the browser since). */
  access: boolean;
}

export interface MarkerSitesProps {
  sites: MarkerSiteRow[];
  /** Asks for access and adds the site; must run straight from the click (the browser asks the rep). */
  onAdd: (input: string) => Promise<void>;
  onAllow: (site: string) => Promise<void>;
  onRemove: (site: string) => Promise<void>;
}

export function MarkerSites({ sites, onAdd, onAllow, onRemove }: MarkerSitesProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const run = (p: Promise<void>, after?: () => void) =>
    p.then(
      () => {
        setError(undefined);
        after?.();
      },
      (e: unknown) => setError(errorText(e)),
    );
  return (
    <div class="marker-sites">
      <form
        class="add-site"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) void run(onAdd(input), () => setInput(''));
        }}
      >
        <label>
          <span>{t('marker.site')}</span>
          <input
            name="markerSite"
            placeholder="linkedin.com"
            value={input}
            aria-invalid={error ? true : undefined}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          {t('marker.add')}
        </button>
      </form>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {sites.length === 0 ? (
        <p class="muted">{t('marker.none')}</p>
      ) : (
        <ul class="site-list" aria-label={t('marker.list')}>
          {sites.map((s) => (
            <li key={s.site} data-site={s.site}>
              <span class="site-name">{s.site}</span>
              {s.access ? (
                <span class="pill ok">{t('marker.on')}</span>
              ) : (
                <>
                  <span class="pill bad">{t('marker.noAccess')}</span>
                  <button type="button" class="secondary" onClick={() => void run(onAllow(s.site))}>
                    {t('marker.allow')}
                  </button>
                </>
              )}
              <button
                type="button"
                class="link"
                aria-label={t('marker.remove', { site: s.site })}
                onClick={() => void run(onRemove(s.site))}
              >
                {t('marker.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
