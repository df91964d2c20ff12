/**
 * Turns what the extractor read off a page into the capture card's drafts.
 */
import type { ClipDraftInput } from './protocol';

export interface CaptureLaunchLike {
  mode: 'page' | 'link';
  linkUrl?: string;
  linkText?: string;
}

export interface PageRead {
  drafts: ClipDraftInput[];
  sources: Record<string, string>;
  notice?: string;
  pageKind: string;
}

export async function readPage(
  doc: Document,
  url: string,
  launch: CaptureLaunchLike,
  _hcard: (html: string, url: string) => Promise<unknown>,
): Promise<PageRead> {
  const name = launch.mode === 'link' ? launch.linkText || launch.linkUrl || '' : doc.title;
  return {
    drafts: [{ person: { fullName: name.trim() || url, emails: [], phones: [] }, sourceUrl: url, pageTitle: doc.title }],
    sources: {},
    pageKind: 'other',
  };
}
