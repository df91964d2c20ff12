/**
 * Stage playbooks in real Chromium: a fresh install's lead view offers the suggested answers;
 * answers edited in the options page reach the lead view already open beside it, rendered as
 * sanitised markdown; one goes into the note being typed and is saved with it; another fills an
 * objection's answer; the options page refuses an answer without a title.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, openPanel, readStore, SCREENSHOTS } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations on the page (or inside `include`). */
async function axe(page: Page, include?: string): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Extension pages forbid inline scripts; a DevTools evaluation is not subject to the page's CSP.
  await page.evaluate(`${axeSource};0`);
  return page.evaluate(async (include) => {
    const r = await (
      globalThis as unknown as {
        axe: { run(context?: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run(include ? { include: [include] } : undefined);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => (n as { target: string[] }).target.join(' ')),
      }));
  }, include);
}

let b: Browser;
let panel: Page;
let options: Page;
let dealId: string;

async function send<T = unknown>(msg: unknown): Promise<T> {
  const r = (await panel.evaluate((m) => chrome.runtime.sendMessage(m), msg)) as {
    ok: boolean;
    value: T;
    error?: { message: string };
  };
  if (!r.ok) throw new Error(r.error?.message);
  return r.value;
}
const settingsRev = async () => (await readStore<{ rev: number }>(panel, 'settings'))[0]?.rev ?? 0;

const TRIAL = {
  title: 'Is there a free trial?',
  body: 'Yes: **14 days**, with your own data.\n\n- No card needed\n- [How the trial works](https://example.com/trial)\n\n<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>',
};
const PRICE_BODY = 'Plans start at **€29 per seat** a month; paying yearly saves two months.';

beforeAll(async () => {
  b = await launch();
  panel = await openPanel(b);
  ({ dealId } = await send<{ dealId: string }>({
    type: 'capture.save',
    draft: {
      person: { fullName: 'Grace Hopper', jobTitle: 'Director of Engineering', emails: ['grace@cobol.example'] },
      company: { name: 'Cobol Systems', website: 'https://cobol.example' },
      sourceUrl: 'https://cobol.example/team',
      followUp: 'none',
    },
  }));
  const deal = (await readStore<{ id: string; rev: number }>(panel, 'deals')).find((d) => d.id === dealId);
  await send({ type: 'deal.move', id: dealId, rev: deal?.rev ?? 1, stage: 'qualification' });
  options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Pipeline stages' }).waitFor();
});
afterAll(async () => {
  await b?.close();
});

describe('stage playbook', () => {
  it('offers a fresh install the suggested answers of the deal’s stage, closed until opened', async () => {
    // No settings were ever saved: the panel fetches the defaults (its start-up bundle does not hold them).
    expect(await readStore(panel, 'settings')).toEqual([]);
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${dealId}`);
    const summary = panel.locator('details.playbook summary');
    await expect(summary.textContent()).resolves.toBe('Playbook answers for Qualification (4)');
    await expect(panel.locator('details.playbook').getAttribute('open')).resolves.toBeNull();
    await expect(panel.locator('.playbook-answer').count()).resolves.toBe(0);
    await summary.click();
    await panel.locator('.playbook-answer h3', { hasText: 'We already use a competitor' }).waitFor();
    await expect(panel.locator('.playbook-answer h3').allTextContents()).resolves.toEqual([
      'What does it cost?',
      'We already use a competitor',
      'Asking about budget',
      'Asking who decides',
    ]);
    // The markdown is rendered: the list of the first answer is a list (the renderer loads on first use).
    await panel.locator('.playbook-answer').first().locator('li').nth(1).waitFor();
    await expect(panel.locator('.playbook-answer').first().locator('li').count()).resolves.toBe(2);
  });

  it('shows answers edited in the options page in the open lead view at once, as sanitised markdown', async () => {
    const block = options.locator('[data-answers-for="qualification"]');
    await block.locator('summary').click();
    await expect(block.locator('summary').textContent()).resolves.toBe('Qualification (4 answers)');
    // Edit the first answer's text, add one, move it to the top.
    await block.locator('li').first().getByLabel('Answer (markdown)').fill(PRICE_BODY);
    await block.getByRole('button', { name: 'Add an answer to Qualification' }).click();
    const added = block.locator('li').nth(4);
    await expect(added.getByLabel('Title').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await added.getByLabel('Title').fill(TRIAL.title);
    await added.getByLabel('Answer (markdown)').fill(TRIAL.body);
    for (let i = 0; i < 4; i++) await block.getByRole('button', { name: `Move “${TRIAL.title}” up` }).click();
    await expect(block.getByRole('button', { name: `Move “${TRIAL.title}” up` }).isDisabled()).resolves.toBe(true);
    // Focus stayed with the moved answer, on the button that can still move it.
    await expect(
      block.getByRole('button', { name: `Move “${TRIAL.title}” down` }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await options.screenshot({ path: join(SCREENSHOTS, 'playbook-options.png'), fullPage: false });
    expect(await axe(options, '.stage-answers')).toEqual([]);
    await options.getByRole('button', { name: 'Save stages' }).click();
    await options.getByText('Saved. Every open Leadline panel uses it now.').waitFor();

    const stored = (
      await readStore<{ stages: { id: string; answers: { title: string; body: string }[] }[] }>(panel, 'settings')
    )[0];
    const answers = stored?.stages.find((s) => s.id === 'qualification')?.answers;
    expect(answers?.map((a) => a.title)).toEqual([
      TRIAL.title,
      'What does it cost?',
      'We already use a competitor',
      'Asking about budget',
      'Asking who decides',
    ]);
    expect(answers?.[0]?.body).toBe(TRIAL.body);
    expect(answers?.[1]?.body).toBe(PRICE_BODY);

    // The lead view, open all along, follows without a reload (once the change event reaches it).
    await panel.locator('details.playbook summary', { hasText: '(5)' }).waitFor();
    await expect(panel.locator('details.playbook summary').textContent()).resolves.toBe(
      'Playbook answers for Qualification (5)',
    );
    const trial = panel.locator('.playbook-answer', { hasText: TRIAL.title });
    await trial.locator('.markdown strong', { hasText: '14 days' }).waitFor();
    const link = trial.locator('.markdown a');
    await expect(link.getAttribute('href')).resolves.toBe('https://example.com/trial');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(trial.locator('.markdown script, .markdown img, .markdown [onerror]').count()).resolves.toBe(0);
    expect(await panel.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await panel
      .locator('.playbook-answer', { hasText: 'What does it cost?' })
      .locator('.markdown strong', { hasText: '€29 per seat' })
      .waitFor();
  });

  it('inserts an answer into the note being typed, and the saved note holds it', async () => {
    await panel.bringToFront();
    const note = panel.getByLabel('Note (markdown)');
    await note.fill('Call with Grace: asked about price.');
    await panel
      .locator('.playbook-answer', { hasText: 'What does it cost?' })
      .getByRole('button', { name: /^Insert into notes\s*: What does it cost\?$/ })
      .click();
    const expected = `Call with Grace: asked about price.\n\n## What does it cost?\n\n${PRICE_BODY}\n`;
    await expect(note.inputValue()).resolves.toBe(expected);
    // The rep is taken to the note (on the next frame).
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);

    // The list stays open for the next answer; the lead view with it open passes an accessibility scan.
    expect(await axe(panel)).toEqual([]);
    await panel.locator('details.playbook').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'playbook.png') });

    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.note .markdown strong', { hasText: '€29 per seat' }).waitFor();
    const notes = await readStore<{ body: string; subjectId: string }>(panel, 'notes');
    expect(notes.map((n) => n.body)).toContain(expected);
    await expect(note.inputValue()).resolves.toBe('');
  });

  it('fills an objection’s answer from a playbook answer', async () => {
    await panel.getByLabel('What they said').fill('Can we try it first?');
    await panel.getByLabel('Use a playbook answer').selectOption({ label: TRIAL.title });
    await expect(panel.getByLabel('Your answer').inputValue()).resolves.toBe(TRIAL.body);
    // The picker is ready for another choice.
    await expect(panel.getByLabel('Use a playbook answer').inputValue()).resolves.toBe('');
    await panel.getByRole('button', { name: 'Add objection' }).click();
    await panel.locator('.objection', { hasText: 'Can we try it first?' }).waitFor();
    const objections = await readStore<{ said: string; answer?: string; dealId: string }>(panel, 'objections');
    expect(objections).toEqual([expect.objectContaining({ said: 'Can we try it first?', answer: TRIAL.body, dealId })]);
  });

  it('refuses to save an answer without a title, and says where', async () => {
    const rev = await settingsRev();
    const block = options.locator('[data-answers-for="proposal"]');
    await block.locator('summary').click();
    await block.locator('li').first().getByLabel('Title').fill('  ');
    await options.getByRole('button', { name: 'Save stages' }).click();
    await expect(options.getByRole('alert').textContent()).resolves.toBe(
      'Fix the playbook answers marked above before saving: Proposal.',
    );
    const title = block.locator('li').first().getByLabel('Title');
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(title.evaluate((el) => el.getAttribute('aria-describedby'))).resolves.toBeTruthy();
    await expect(block.locator('li').first().locator('.error').textContent()).resolves.toBe(
      'Give this answer a title.',
    );
    expect(await settingsRev()).toBe(rev);
  });
});
