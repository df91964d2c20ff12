/**
 * Two panels at once: two side-panel pages edit the same deal. The second save meets a stale
 * `rev` and is refused with a clear message; the rep reloads, keeps what they typed, and
 * applies it again. Nothing is silently overwritten.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, openPanel, readStore } from './harness';
import { message, until } from './reliability-helpers';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

type Deal = { id: string; rev: number; value: number; bant: { need?: string; budget?: string } };

async function deal(page: Page, id: string): Promise<Deal | undefined> {
  return (await readStore<Deal>(page, 'deals')).find((d) => d.id === id);
}

describe('two panels on one deal', () => {
  it('the second save meets the stale rev, is refused with a clear message, and the rep reloads and reapplies', async () => {
    const first = await openPanel(b);
    const saved = await message<{ dealId: string }>(first, {
      type: 'capture.save',
      draft: {
        person: { fullName: 'Maria Rossi', emails: ['maria@acme.example'] },
        company: { name: 'Acme Robotics', domain: 'acme.example' },
        sourceUrl: 'https://acme.example/team',
        followUp: 'none',
      },
    });
    if (!saved?.ok) throw new Error(`seed failed: ${JSON.stringify(saved)}`);
    const id = saved.value.dealId;
    await first.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${id}`);
    const second = await openPanel(b, `#lead/${id}`);
    await first.locator('#lead-name').waitFor();
    await second.locator('#lead-name').waitFor();
    expect(await deal(first, id)).toMatchObject({ rev: 1, value: 0 });

    // The rep at the second panel starts typing a value…
    const secondValue = second.locator('input[name="value"]');
    await secondValue.fill('5000');
    // …while the first panel saves another value for the same field.
    const firstValue = first.locator('input[name="value"]');
    await firstValue.fill('7000');
    await firstValue.press('Enter');
    await until(
      () => deal(first, id),
      (d) => d?.value === 7000,
    );
    // The second panel hears of the change (its heading shows the new value) but keeps the text being typed.
    await second.locator('#deal-h', { hasText: /7,?000/ }).waitFor();
    expect(await secondValue.inputValue()).toBe('5000');

    // Its save meets the stale rev: refused, said plainly, and nothing is overwritten.
    await secondValue.press('Enter');
    const refusal = second.locator('.field small.error[data-stale]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /^This deal was changed elsewhere since you opened it \(version 1, now 2\)\. Reload it and apply your change again\./,
    );
    expect(await deal(first, id)).toMatchObject({ rev: 2, value: 7000 });
    expect(await secondValue.inputValue()).toBe('5000');
    // Saving again before reloading cannot overwrite either.
    await secondValue.focus();
    await secondValue.press('Enter');
    expect(await deal(first, id)).toMatchObject({ rev: 2, value: 7000 });

    // Reload: the stored value is shown beside the kept text; Enter applies the text on purpose.
    await refusal.getByRole('button', { name: 'Reload' }).click();
    const hint = second.locator('.field small.hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('Stored now: “7000”. Your text is kept');
    expect(await secondValue.inputValue()).toBe('5000');
    await secondValue.focus();
    await secondValue.press('Enter');
    await until(
      () => deal(first, id),
      (d) => d?.value === 5000,
    );
    expect(await deal(first, id)).toMatchObject({ rev: 3, value: 5000 });
    // The first panel now shows it too.
    expect(
      await until(
        () => firstValue.inputValue(),
        (v) => v === '5000',
      ),
    ).toBe('5000');
    await expect(second.locator('.field small.error').count()).resolves.toBe(0);

    // A change elsewhere to another field is no conflict: the second panel's Need goes through
    // and keeps the first panel's Budget.
    const budget = first.locator('input[name="budget"]');
    await budget.fill('€40k');
    await budget.press('Enter');
    await until(
      () => deal(first, id),
      (d) => d?.bant.budget === '€40k',
    );
    await until(
      () => second.locator('input[name="budget"]').inputValue(),
      (v) => v === '€40k',
    );
    const need = second.locator('input[name="need"]');
    await need.fill('Replace the spreadsheet');
    await need.press('Enter');
    const final = await until(
      () => deal(first, id),
      (d) => d?.bant.need === 'Replace the spreadsheet',
    );
    expect(final).toMatchObject({ rev: 5, value: 5000, bant: { budget: '€40k', need: 'Replace the spreadsheet' } });
    console.log(
      'two panels: 1 stale save injected and refused, 1 reapplied after Reload, 0 values overwritten silently',
    );
  });
});
