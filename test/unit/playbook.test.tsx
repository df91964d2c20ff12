/**
 * Stage playbooks: the checks the options page runs before saving (they must agree with the
 * schema, so nothing the rep typed is refused or cut short by the background), the suggested
 * answers and how they reach a fresh install but never replace a rep's own stages, the note
 * section an answer becomes, and the editor and lead-view pieces rendered with Preact into a
 * linkedom document.
 */
import { parseHTML } from 'linkedom';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswersEditor } from '../../components/AnswersEditor';
import { LeadView, type LeadViewData } from '../../components/LeadView';
import { PlaybookAnswers } from '../../components/PlaybookAnswers';
import { StageEditor } from '../../components/StageEditor';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { DEFAULT_ANSWERS, DEFAULT_STAGE_IDS, defaultSettings } from '../../lib/defaults';
import { answerSection, appendSection } from '../../lib/note-sections';
import { answerProblems, missingSuggestions, withSuggestions } from '../../lib/playbook';
import {
  dealSchema,
  LIMITS,
  type PlaybookAnswer,
  type Settings,
  type Stage,
  settingsSchema,
  stageSchema,
} from '../../lib/records';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const a = (title: string, body = 'Some text.'): PlaybookAnswer => ({ title, body });

describe('answerProblems', () => {
  it('finds nothing wrong with the suggested answers of every default stage', () => {
    for (const id of DEFAULT_STAGE_IDS) {
      expect(DEFAULT_ANSWERS[id].length, id).toBeGreaterThan(0);
      expect(answerProblems(DEFAULT_ANSWERS[id]), id).toEqual([]);
    }
  });

  it('asks for a title and a text, whitespace alone being neither', () => {
    expect(answerProblems([a('  ', ' \n ')])).toEqual([
      { index: 0, field: 'title', kind: 'empty', message: 'Give this answer a title.' },
      { index: 0, field: 'body', kind: 'empty', message: 'Write the answer.' },
    ]);
  });

  it('measures a title as the schema stores it (one line) and a text trimmed, against the schema’s limits', () => {
    const title300 = `${'x'.repeat(150)} \n\t  ${'y'.repeat(149)}`; // 300 once the whitespace is one space
    const body5000 = `\n  ${'b'.repeat(LIMITS.long)}  \n`;
    expect(answerProblems([a(title300, body5000)])).toEqual([]);
    expect(answerProblems([a('t'.repeat(LIMITS.short + 1), 'b'.repeat(LIMITS.long + 1))])).toEqual([
      {
        index: 0,
        field: 'title',
        kind: 'too-long',
        message: 'A title can be at most 300 characters; this one has 301.',
      },
      {
        index: 0,
        field: 'body',
        kind: 'too-long',
        message: 'An answer can be at most 5,000 characters; this one has 5,001.',
      },
    ]);
  });

  it('flags a second answer with the same title, ignoring case, accents and punctuation', () => {
    const problems = answerProblems([a('What does it cost?'), a('Other'), a('what does it COST')]);
    expect(problems).toEqual([
      { index: 2, field: 'title', kind: 'duplicate', message: 'Another answer in this stage has this title.' },
    ]);
  });

  it('flags answers past the list limit', () => {
    const many = Array.from({ length: LIMITS.list + 2 }, (_, i) => a(`Answer ${i}`));
    expect(answerProblems(many).map((p) => [p.index, p.kind])).toEqual([
      [LIMITS.list, 'too-many'],
      [LIMITS.list + 1, 'too-many'],
    ]);
  });

  it('agrees with the schema: what passes is stored whole; what fails, the schema refuses or would cut short', () => {
    const stage = (answers: PlaybookAnswer[]) =>
      stageSchema.safeParse({ id: 's', name: 'S', probability: 0.1, kind: 'open', answers });
    const good = [a(`  ${'t'.repeat(LIMITS.short)} `, `\n${'b'.repeat(LIMITS.long)}\n`), a('Price', '**Yes**')];
    expect(answerProblems(good)).toEqual([]);
    const parsed = stage(good);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.answers).toEqual([
      { title: 't'.repeat(LIMITS.short), body: 'b'.repeat(LIMITS.long) },
      { title: 'Price', body: '**Yes**' },
    ]);
    for (const bad of [a('', 'x'), a('x', '  '), a('x'.repeat(LIMITS.short * 4 + 1))]) {
      expect(answerProblems([bad]).length).toBeGreaterThan(0);
      expect(stage([bad]).success).toBe(false);
    }
    // The schema would take these, shortened: the check stops them so nothing is silently cut.
    for (const long of [a('x'.repeat(LIMITS.short + 1)), a('x', 'y'.repeat(LIMITS.long + 1))]) {
      expect(answerProblems([long]).map((p) => p.kind)).toEqual(['too-long']);
      expect(stage([long]).data?.answers).not.toEqual([long]);
    }
  });
});

describe('suggested answers', () => {
  it('offers only the suggestions a stage does not hold, matched by title', () => {
    const suggested = [a('What does it cost?'), a('We already use a competitor')];
    expect(missingSuggestions([a('what does it cost', 'Our own words')], suggested)).toEqual([suggested[1]]);
    expect(withSuggestions([a('Mine')], suggested)).toEqual([a('Mine'), ...suggested]);
    // Copies: editing the stage never edits the suggestions.
    expect(withSuggestions([], suggested)[0]).not.toBe(suggested[0]);
  });

  it('never takes a stage past the list limit', () => {
    const full = Array.from({ length: LIMITS.list - 1 }, (_, i) => a(`Answer ${i}`));
    const out = withSuggestions(full, [a('One'), a('Two')]);
    expect(out).toHaveLength(LIMITS.list);
    expect(out.at(-1)?.title).toBe('One');
  });

  it('are in the default settings as copies, which pass the settings schema unchanged', () => {
    const s = defaultSettings(0);
    expect(settingsSchema.parse(s).stages.map((x) => x.answers)).toEqual(s.stages.map((x) => x.answers));
    expect(s.stages.find((x) => x.id === 'qualification')?.answers.map((x) => x.title)).toEqual(
      expect.arrayContaining(['What does it cost?', 'We already use a competitor']),
    );
    expect(s.stages.find((x) => x.id === 'proposal')?.answers.map((x) => x.title)).toEqual(
      expect.arrayContaining(['Can you do a discount?', 'We need approval from finance']),
    );
    const first = s.stages[0] as Stage;
    (first.answers[0] as PlaybookAnswer).title = 'Changed';
    expect(defaultSettings(0).stages[0]?.answers[0]?.title).not.toBe('Changed');
    expect(DEFAULT_ANSWERS.prospecting[0]?.title).not.toBe('Changed');
  });
});

describe('settings from before playbooks, and fresh installs', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const PANEL: SenderInfo = { id: ID, url: `chrome-extension://${ID}/options.html` };
  let db: Db;
  let ctx: ServiceContext;
  beforeEach(async () => {
    db = await openLeadlineDb();
    ctx = {
      db,
      now: 1_000,
      extensionId: ID,
      extensionOrigin: `chrome-extension://${ID}`,
      version: '0.1.0',
      timeZone: 'UTC',
    };
  });
  const update = async (rev: number, patch: Record<string, unknown>) => {
    const { reply } = await handleMessage({ type: 'settings.update', rev, patch }, PANEL, ctx);
    if (!reply.ok) throw new Error(reply.error.message);
  };

  it('keeps a rep’s stored stages as they are (no answers), and never adds the suggestions to them', async () => {
    // Written as an older release would have: custom stages, no `answers` at all.
    const old = defaultSettings(0) as Settings & { stages: Partial<Stage>[] };
    const stages = old.stages.map(({ answers: _drop, ...s }) => ({ ...s, name: `${s.name} (ours)` }));
    await db.put('settings', { ...old, stages } as unknown as Settings);
    await update(1, { timeZone: 'Europe/Rome' });
    const stored = await db.get('settings', 'settings');
    expect(stored?.timeZone).toBe('Europe/Rome');
    expect(stored?.stages.map((s) => s.name)).toEqual(stages.map((s) => s.name));
    expect(stored?.stages.every((s) => Array.isArray(s.answers) && s.answers.length === 0)).toBe(true);
  });

  it('stores the suggested answers when a fresh install first saves its settings', async () => {
    await update(0, { timeZone: 'Europe/Rome' });
    const stored = await db.get('settings', 'settings');
    expect(stored?.stages.map((s) => s.answers)).toEqual(defaultSettings(0).stages.map((s) => s.answers));
  });

  it('saves edited answers through settings.update, and refuses an answer without a title', async () => {
    const stages = defaultSettings(0).stages.map((s) =>
      s.id === 'qualification' ? { ...s, answers: [a('  Is there a free trial? ', ' Yes: **14 days**. ')] } : s,
    );
    await update(0, { stages });
    const stored = await db.get('settings', 'settings');
    expect(stored?.stages.find((s) => s.id === 'qualification')?.answers).toEqual([
      a('Is there a free trial?', 'Yes: **14 days**.'),
    ]);
    const bad = stages.map((s) => (s.id === 'meeting' ? { ...s, answers: [a(' ', 'text')] } : s));
    await expect(update(stored?.rev ?? 0, { stages: bad })).rejects.toThrow(/title/);
  });
});

describe('answerSection', () => {
  it('is a heading with the answer’s markdown, appended after the draft with one blank line', () => {
    expect(answerSection('  What does it\ncost? ', '\n- Seats\n- **Usage**\n\n')).toBe(
      '## What does it cost?\n\n- Seats\n- **Usage**\n',
    );
    expect(appendSection('Call with Ada\n\n\n', answerSection('Price', 'It depends.'))).toBe(
      'Call with Ada\n\n## Price\n\nIt depends.\n',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Components

let doc: Document;
let win: Window & typeof globalThis;
function mount(node: ComponentChild): HTMLElement {
  const { document, window } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  doc = document as unknown as Document;
  win = window as unknown as Window & typeof globalThis;
  const root = document.getElementById('root') as unknown as HTMLElement;
  act(() => render(node, root));
  return root;
}
function type(el: Element | null, value: string, event = 'input') {
  if (!el) throw new Error('no such field');
  act(() => {
    if (el.tagName === 'SELECT') {
      // linkedom's select has no value setter: give it one that chooses the option, as a browser's does.
      const choose = (v: string) => {
        for (const o of el.querySelectorAll('option')) o.toggleAttribute('selected', o.getAttribute('value') === v);
      };
      Object.defineProperty(el, 'value', {
        configurable: true,
        get: () => el.querySelector('option[selected]')?.getAttribute('value') ?? '',
        set: choose,
      });
      choose(value);
    } else (el as HTMLInputElement).value = value;
    el.dispatchEvent(new win.Event(event, { bubbles: true }));
  });
}
function click(el: Element | null | undefined) {
  if (!el) throw new Error('no such button');
  act(() => {
    el.dispatchEvent(new win.Event('click', { bubbles: true }));
  });
}
const byLabel = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label);
const byText = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(text));

// Focus moves on the next frame; linkedom has no frames, so the callback runs on a timer here.
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0));
  return () => vi.unstubAllGlobals();
});

describe('AnswersEditor', () => {
  function editor(answers: PlaybookAnswer[], extra: { showAll?: boolean; suggested?: PlaybookAnswer[] } = {}) {
    const onChange = vi.fn<(answers: PlaybookAnswer[]) => void>();
    const root = mount(
      <AnswersEditor
        stageId="qualification"
        stageName="Qualification"
        answers={answers}
        suggested={extra.suggested ?? []}
        showAll={extra.showAll ?? false}
        onChange={onChange}
      />,
    );
    return { root, onChange, last: () => onChange.mock.calls.at(-1)?.[0] };
  }
  const two = [a('Price', 'It depends.'), a('Competitor', 'Good.')];

  it('edits a title and a text', () => {
    const e = editor(two);
    type(e.root.querySelector('li:nth-child(2) input'), 'We use a competitor');
    expect(e.last()).toEqual([two[0], a('We use a competitor', 'Good.')]);
    type(e.root.querySelector('li:nth-child(1) textarea'), 'Per seat.');
    expect(e.last()).toEqual([a('Price', 'Per seat.'), two[1]]);
  });

  it('reorders, removes and adds', () => {
    const e = editor(two);
    expect(byLabel(e.root, 'Move “Price” up')?.hasAttribute('disabled')).toBe(true);
    click(byLabel(e.root, 'Move “Price” down'));
    expect(e.last()).toEqual([two[1], two[0]]);
    click(byLabel(e.root, 'Move “Competitor” up'));
    expect(e.last()).toEqual([two[1], two[0]]);
    click(byLabel(e.root, 'Remove “Price”'));
    expect(e.last()).toEqual([two[1]]);
    click(byText(e.root, 'Add an answer to Qualification'));
    expect(e.last()).toEqual([...two, a('', '')]);
  });

  it('offers the missing suggestions, and adds them after the stage’s own', () => {
    const e = editor([a('Price', 'Ours.')], { suggested: [a('price', 'Theirs.'), a('Finance', 'Ask.')] });
    click(byText(e.root, 'Add the 1 suggested answer'));
    expect(e.last()).toEqual([a('Price', 'Ours.'), a('Finance', 'Ask.')]);
    expect(byText(editor(two, { suggested: [two[0] as PlaybookAnswer] }).root, 'Add the')).toBeUndefined();
  });

  it('shows a too-long title at once, empty fields only after a save attempt', () => {
    const long = editor([a('t'.repeat(LIMITS.short + 5), '')]);
    expect(long.root.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
    expect(long.root.querySelector('.error')?.textContent).toBe(
      'A title can be at most 300 characters; this one has 305.',
    );
    expect(long.root.querySelector('textarea')?.hasAttribute('aria-invalid')).toBe(false);
    const tried = editor([a('', '')], { showAll: true });
    expect([...tried.root.querySelectorAll('.error')].map((x) => x.textContent)).toEqual([
      'Give this answer a title.',
      'Write the answer.',
    ]);
    // Each message is tied to its field.
    const input = tried.root.querySelector('input');
    expect(doc.getElementById(input?.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Give this answer a title.',
    );
  });
});

describe('StageEditor with answers', () => {
  it('saves edited answers with the stages, and refuses to save while one needs fixing', async () => {
    const onSave = vi.fn<(stages: Stage[], moveDeals: { from: string; to: string }[]) => Promise<void>>(async () => {});
    const stages = defaultSettings(0).stages;
    const root = mount(<StageEditor stages={stages} suggestions={DEFAULT_ANSWERS} onSave={onSave} />);
    const block = root.querySelector('[data-answers-for="proposal"]') as HTMLElement;
    expect(block.querySelector('summary')?.textContent).toContain('Proposal (3 answers)');
    type(block.querySelector('li:nth-child(1) textarea'), 'Not on price; on scope.');
    click(byText(root, 'Save stages'));
    expect(onSave).toHaveBeenCalledTimes(1);
    const saved = onSave.mock.calls[0]?.[0];
    expect(saved?.find((s) => s.id === 'proposal')?.answers[0]).toEqual(
      a('Can you do a discount?', 'Not on price; on scope.'),
    );

    click(byText(block, 'Add an answer to Proposal'));
    click(byText(root, 'Save stages'));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Fix the playbook answers marked above before saving: Proposal.',
    );
    expect(block.hasAttribute('open')).toBe(true);
    expect(block.querySelector('summary')?.textContent).toContain('needs fixing');
  });
});

describe('lead view playbook', () => {
  const deal = dealSchema.parse({
    id: 'd1',
    createdAt: 0,
    updatedAt: 0,
    rev: 1,
    title: 'Ada — Analytical Engines',
    stage: 'qualification',
    stageEnteredAt: 0,
  });
  const data: LeadViewData = {
    settings: defaultSettings(0),
    deal,
    activities: [],
    followUps: [],
    notes: [],
    objections: [],
    nps: [],
    otherDeals: [],
  };
  const actions = new Proxy({}, { get: () => vi.fn(async () => undefined) }) as never;
  const renderMarkdown = vi.fn(async (md: string) => {
    const f = doc.createDocumentFragment();
    f.append(doc.createTextNode(`rendered:${md}`));
    return f;
  });

  it('shows the stage’s answers collapsed, with nothing of the list rendered until opened', () => {
    const root = mount(
      <LeadView
        data={data}
        score={{ score: 0, factors: [], temperature: 'cold' } as never}
        now={0}
        renderMarkdown={renderMarkdown}
        actions={actions}
      />,
    );
    const details = root.querySelector('details.playbook');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe('Playbook answers for Qualification (4)');
    expect(details?.querySelector('.playbook-answers')).toBeNull();
  });

  it('fills the objection’s answer from a playbook answer, the deal’s stage first', () => {
    const root = mount(
      <LeadView
        data={data}
        score={{ score: 0, factors: [], temperature: 'cold' } as never}
        now={0}
        renderMarkdown={renderMarkdown}
        actions={actions}
      />,
    );
    const picker = root.querySelector('select[aria-label="Use a playbook answer"]') as HTMLSelectElement;
    expect([...picker.querySelectorAll('optgroup')].map((g) => g.getAttribute('label'))).toEqual([
      'Qualification',
      'Prospecting',
      'Meeting',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const discount = [...picker.querySelectorAll('option')].find((o) => o.textContent === 'Can you do a discount?');
    type(picker, discount?.getAttribute('value') ?? '', 'change');
    const answer = root.querySelector('textarea[aria-label="Your answer"]') as HTMLTextAreaElement;
    expect(answer.value).toBe(DEFAULT_ANSWERS.proposal[0]?.body);
  });
});

describe('PlaybookAnswers', () => {
  it('renders each text through the markdown renderer and inserts the one chosen', async () => {
    const onInsert = vi.fn();
    const answers = [a('Price', '**It depends.**'), a('Finance', 'A business case.')];
    const rendered: string[] = [];
    const root = mount(
      <PlaybookAnswers
        answers={answers}
        renderMarkdown={async (md) => {
          rendered.push(md);
          const f = doc.createDocumentFragment();
          f.append(doc.createTextNode(`<b>${md}</b>`));
          return f;
        }}
        onInsert={onInsert}
      />,
    );
    await act(async () => {
      await Promise.resolve();
    });
    expect(rendered).toEqual(['**It depends.**', 'A business case.']);
    expect([...root.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Price', 'Finance']);
    // Set as text (a text node here), never parsed as HTML.
    expect(root.querySelector('.markdown')?.textContent).toBe('<b>**It depends.**</b>');
    click([...root.querySelectorAll('button')][1]);
    expect(onInsert).toHaveBeenCalledWith(answers[1]);
    expect([...root.querySelectorAll('button')][1]?.textContent).toBe('Insert into notes: Finance');
  });
});
