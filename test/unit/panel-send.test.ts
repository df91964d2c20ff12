// The side panel's door to the background (entrypoints/sidepanel/data.ts `send`) under WXT's
// fakeBrowser: a refusal keeps its code, and a worker stopped before it answered is said plainly.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '../../entrypoints/sidepanel/data';

type Sent = { type: string };

describe('the panel’s requests', () => {
  it('says plainly when the worker stopped before it answered, and wakes it so open pages re-read', async () => {
    const sent: Sent[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: Sent) => {
      sent.push(m);
      if (m.type === 'ping') return { ok: true, value: { version: '0.1.0' } };
      throw new Error('The message port closed before a response was received.');
    }) as never);
    await expect(
      send({ type: 'record.update', store: 'deals', id: 'deal-1', rev: 1, patch: { value: 5 } }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /^Leadline’s background stopped before it answered, so this change may not have been saved\./,
      ),
    });
    expect(sent.map((m) => m.type)).toEqual(['record.update', 'ping']);
  });

  it('carries the code of a refusal, so a view can offer Reload for a stale one', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => ({
      ok: false,
      error: { code: 'stale', message: 'This deal was changed elsewhere since you opened it.' },
    })) as never);
    await expect(
      send({ type: 'record.update', store: 'deals', id: 'deal-1', rev: 1, patch: { value: 5 } }),
    ).rejects.toMatchObject({ code: 'stale', message: 'This deal was changed elsewhere since you opened it.' });
  });
});
