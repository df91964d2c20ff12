/**
 * Sites where the rep opted in to the "already in Leadline" marker. A site is a host: a domain
 * covers its subdomains (`linkedin.com` is also `www.linkedin.com`); an IP address or
 * `localhost` is only itself. Each site becomes the host-permission patterns Leadline asks
 * for and registers its marker script on, over http and https (the manifest's optional host
 * permissions name the two schemes apart, so a `*://` pattern cannot be asked for).
 * Pure: no browser APIs.
 */
import { normalizeUrl } from './normalize';

export interface MarkerSite {
  /** The host as kept in settings: lower case, no `www.`, no port. */
  site: string;
  /** Match patterns for `permissions.request` and `scripting.registerContentScripts`. */
  patterns: string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isBareHost(host: string): boolean {
  return IPV4.test(host) || host === 'localhost' || host.startsWith('[');
}

/**
 * Reads what the rep typed ("linkedin.com", "https://www.linkedin.com/in/someone",
 * "http://127.0.0.1:8080") as a site; `undefined` when it names no http(s) host.
 */
export function parseMarkerSite(input: string): MarkerSite | undefined {
  const href = normalizeUrl(input.trim());
  if (!href) return undefined;
  const host = new URL(href).hostname.toLowerCase().replace(/^www\./, '');
  if (!host || host.length > 253) return undefined;
  if (isBareHost(host)) return { site: host, patterns: [`https://${host}/*`, `http://${host}/*`] };
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) return undefined;
  return { site: host, patterns: [`https://*.${host}/*`, `http://*.${host}/*`] };
}

/** True when `url` is a page of `site` (the site itself or, for a domain, a subdomain). */
export function siteCovers(site: string, url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const s = site.toLowerCase();
  if (host === s || host === `www.${s}`) return true;
  return !isBareHost(s) && host.endsWith(`.${s}`);
}

/** The patterns of every valid site in the list, without repeats. */
export function markerPatterns(sites: readonly string[]): string[] {
  return [...new Set(sites.flatMap((s) => parseMarkerSite(s)?.patterns ?? []))];
}
