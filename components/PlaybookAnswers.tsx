/**
 * A stage's playbook answers in the lead view: each title, its text through the sanitising
 * markdown renderer, and "Insert into notes". Fetched when the rep opens the list, so it stays
 * out of the side panel's start-up bundle.
 */
import type { PlaybookAnswer } from '../lib/records';
import { t } from './i18n';
import { Markdown, type RenderMarkdown } from './Markdown';

export interface PlaybookAnswersProps {
  answers: readonly PlaybookAnswer[];
  renderMarkdown: RenderMarkdown;
  onInsert: (answer: PlaybookAnswer) => void;
}

export function PlaybookAnswers({ answers, renderMarkdown, onInsert }: PlaybookAnswersProps) {
  return (
    <ul class="plain playbook-answers">
      {answers.map((a, i) => (
        <li key={`${i}:${a.title}`} class="playbook-answer">
          <h3>{a.title}</h3>
          <Markdown source={a.body} render={renderMarkdown} />
          <button type="button" class="link small" onClick={() => onInsert(a)}>
            {t('playbook.insert')}
            <span class="sr-only">: {a.title}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
