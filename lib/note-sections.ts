/**
 * Markdown sections the lead view inserts into the note being typed: the research checklist
 * with what answers each item so far, the current stage's exit checklist with what is ticked,
 * and a playbook answer. Pure; the labels come from the caller (they are UI text).
 */

/** One research item: its label and, when a note answers it, that note's text. */
export interface ResearchLine {
  label: string;
  answer?: string;
}

/** The first line of a note, without markdown's leading marks, cut to `max` characters. */
export function firstLine(body: string, max = 160): string {
  const line =
    body
      .split('\n')
      .map((l) =>
        l
          .replace(/^\s*(#{1,6}\s+|[-*+]\s+(\[[ xX]\]\s+)?|>\s*|\d+[.)]\s+)/, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .find(Boolean) ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** A task list in markdown: `- [x] item` for what is done, `- [ ] item` for what is open. */
function taskList(items: { text: string; done: boolean }[]): string {
  return items.map((i) => `- [${i.done ? 'x' : ' '}] ${i.text.replace(/\s+/g, ' ').trim()}`).join('\n');
}

/** "## Research" with every item, answered ones with the first line of their answer. */
export function researchSection(title: string, lines: readonly ResearchLine[]): string {
  const items = lines.map((l) => {
    const answer = l.answer ? firstLine(l.answer) : '';
    return { text: answer ? `**${l.label}**: ${answer}` : `**${l.label}**`, done: !!answer };
  });
  return `## ${title}\n\n${taskList(items)}\n`;
}

/** "## To leave Qualification" with each exit-checklist item, ticked or not. */
export function checklistSection(title: string, items: readonly string[], done: readonly string[]): string {
  const ticked = new Set(done);
  return `## ${title}\n\n${taskList(items.map((text) => ({ text, done: ticked.has(text) })))}\n`;
}

/** "## What does it cost?" and the answer's markdown, as the team wrote it. */
export function answerSection(title: string, body: string): string {
  return `## ${title.replace(/\s+/g, ' ').trim()}\n\n${body.trim()}\n`;
}

/** Appends a section to a draft, with exactly one blank line between them. */
export function appendSection(draft: string, section: string): string {
  const head = draft.replace(/\s+$/, '');
  return head ? `${head}\n\n${section}` : section;
}
