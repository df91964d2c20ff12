/** A result line under the control that caused it: a status, or an alert for a failure. */

/** What a control reports back: done, or what went wrong in the rep's words. */
export type Notice = { kind: 'ok' | 'error'; text: string };

export function NoticeLine({ notice, testid }: { notice?: Notice; testid: string }) {
  if (!notice) return null;
  return (
    <p
      class={`notice ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={`${testid}-${notice.kind}`}
    >
      {notice.text}
    </p>
  );
}
