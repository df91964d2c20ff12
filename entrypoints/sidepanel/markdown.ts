/**
 * Markdown for notes: `marked` parses, DOMPurify sanitises (links only http(s), mailto and
 * tel; no scripts, styles, forms or event handlers). Loaded on first use, so the panel's
 * start-up stays small.
 */
import type { RenderMarkdown } from '../../components/Markdown';

let loaded: Promise<RenderMarkdown> | undefined;

export const renderMarkdown: RenderMarkdown = async (source) => {
  loaded ??= Promise.all([import('marked'), import('dompurify')]).then(([{ marked }, { default: DOMPurify }]) => {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    return async (md: string) =>
      DOMPurify.sanitize(await marked.parse(md, { gfm: true, breaks: true }), {
        RETURN_DOM_FRAGMENT: true,
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:)/i,
        FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'img'],
      });
  });
  return (await loaded)(source);
};
