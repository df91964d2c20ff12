import { type CaptureLaunchLike, type PageRead, readSnapshot } from '../../lib/clip';

/** The background's request to read a snapshot (never sent by pages: they cannot reach this document). */
export interface ReadRequest {
  target: 'leadline-offscreen';
  snapshot: { html: string; url: string; title: string };
  launch: CaptureLaunchLike;
}

export function isReadRequest(m: unknown): m is ReadRequest {
  return typeof m === 'object' && m !== null && (m as { target?: unknown }).target === 'leadline-offscreen';
}

/** Parses the snapshot in an inert document (no scripts run, nothing loads) and reads it. */
export function readHtml(snapshot: ReadRequest['snapshot'], launch: CaptureLaunchLike): PageRead {
  const doc = new DOMParser().parseFromString(snapshot.html, 'text/html');
  return readSnapshot(doc, snapshot.url, snapshot.title, launch);
}
