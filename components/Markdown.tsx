/**
 * Renders a note's markdown. The rendering (a well-kept parser and sanitiser) is passed in and
 * returns a sanitised DocumentFragment, which is attached as nodes: no HTML string is ever set.
 */
import { useEffect, useRef } from 'preact/hooks';

export type RenderMarkdown = (markdown: string) => Promise<DocumentFragment>;

export function Markdown({ source, render }: { source: string; render: RenderMarkdown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void render(source).then((fragment) => {
      if (live) ref.current?.replaceChildren(fragment);
    });
    return () => {
      live = false;
    };
  }, [source, render]);
  return (
    <div class="markdown" ref={ref}>
      {source}
    </div>
  );
}
