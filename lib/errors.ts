/**
 * Errors that cross the message boundary. Errors do not serialise, so replies carry
 * `{ code, message }`; `LeadlineError` is how lib/ raises one.
 */
import type { z } from 'zod';

export const ERROR_CODES = [
  'invalid', // the request or the record did not pass its schema
  'stale', // the record changed since the caller read it (rev mismatch)
  'not-found',
  'forbidden', // the sender may not send this message
  'quota', // the browser refused the write for lack of space
  'conflict', // the write would break a rule (e.g. a duplicate, a stage that does not exist)
  'unavailable', // the worker could not reach the database or the page
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class LeadlineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LeadlineError';
  }
}

/** "emails.0: "bob@" is not an email address; name: a contact needs a name" — for people, not stack traces. */
export function describeZodError(error: z.ZodError, max = 5): string {
  const parts = error.issues
    .slice(0, max)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = error.issues.length - max;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((e as Error).message)));
}

/** Any thrown value as an ErrorInfo a reply can carry. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof LeadlineError) return { code: e.code, message: e.message };
  if (isQuotaError(e)) {
    return {
      code: 'quota',
      message:
        'Leadline could not save: the browser is out of storage space. Nothing was changed, and everything saved before is still there. Free some disk space, then try again.',
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: message || 'Something went wrong' };
}
