import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DRAFT_MAX_AGE_MS, draftStore, type NoteDraft, parseNoteDraft } from '../../lib/drafts';

const T0 = Date.UTC(2026, 10, 23, 9);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

const store = () =>
  draftStore<NoteDraft>(fakeBrowser.storage.local, { prefix: 'draft:note:', parse: parseNoteDraft, delayMs: 300 });

describe('note drafts', () => {
  it('keeps what is typed once typing pauses, under the subject, and reads it back after a restart', async () => {
    const drafts = store();
    drafts.save('ct-maria', { body: 'Budget is' });
    drafts.save('ct-maria', { body: 'Budget is approved for Q1', researchItem: 'funding' });
    // Nothing written while the rep is still typing.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await vi.advanceTimersByTimeAsync(300);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'draft:note:ct-maria': {
        value: { body: 'Budget is approved for Q1', researchItem: 'funding' },
        savedAt: T0 + 300,
      },
    });
    // A new page (the panel reopened, the browser restarted) reads the same storage.
    expect(await store().load('ct-maria')).toEqual({
      value: { body: 'Budget is approved for Q1', researchItem: 'funding' },
      savedAt: T0 + 300,
    });
    expect(await store().load('ct-luca')).toBeUndefined();
  });

  it('writes a waiting draft at once when the page goes away', async () => {
    const drafts = store();
    drafts.save('ct-maria', { body: 'Call after the board meeting' });
    await drafts.flush();
    expect(await store().load('ct-maria')).toMatchObject({ value: { body: 'Call after the board meeting' } });
  });

  it('drops the draft when the note is saved, including a write still waiting', async () => {
    const drafts = store();
    drafts.save('ct-maria', { body: 'first' });
    await vi.advanceTimersByTimeAsync(300);
    drafts.save('ct-maria', { body: 'first and more' });
    await drafts.clear('ct-maria');
    await vi.advanceTimersByTimeAsync(1000);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await store().load('ct-maria')).toBeUndefined();
  });

  it('does not offer a draft older than a month, nor one that does not read as a note', async () => {
    await fakeBrowser.storage.local.set({
      'draft:note:old': { value: { body: 'old' }, savedAt: T0 - DRAFT_MAX_AGE_MS - 1 },
      'draft:note:junk': { value: { body: 42 }, savedAt: T0 },
      'draft:note:blank': { value: { body: '   ' }, savedAt: T0 },
      'draft:note:item': { value: { body: 'x', researchItem: 'astrology' }, savedAt: T0 },
    });
    const drafts = store();
    expect(await drafts.load('old')).toBeUndefined();
    expect(await drafts.load('junk')).toBeUndefined();
    expect(await drafts.load('blank')).toBeUndefined();
    // An unknown research item is dropped, the text is kept.
    expect(await drafts.load('item')).toEqual({ value: { body: 'x' }, savedAt: T0 });
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['draft:note:item']);
  });
});
