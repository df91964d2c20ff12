/**
 * The page snapshot the capture script sends out of the page: the serialised DOM (so content a
 * page rendered with script is there), without the scripts, styles and inline SVG that only
 * cost bytes, capped in size. JSON-LD scripts are kept: they are data.
 */
export const SNAPSHOT_MAX = 6_000_000;

export function snapshotHtml(doc: Document, max = SNAPSHOT_MAX): string {
  const html = doc.documentElement?.outerHTML ?? '';
  const trimmed = html
    .replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '')
    .replace(/<svg\b[^>]*>[\s\S]*?<\/svg>/gi, '<svg></svg>');
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}
