/**
 * Mounts the capture card in an open shadow root on its own host element. This is what WXT's
 * createShadowRootUi does for an overlay, without its auto-mount machinery, which alone
 * costs 8 KB of the capture script's 30 KB budget.
 *
 * Isolation: `:host { all: initial }` stops the page's inherited styles at the door, the
 * card's styles are scoped to the shadow root, and key events stop at the host so the page's
 * own shortcuts do not fire while the rep types. The root is closed: the page's scripts get no
 * handle on it (`host.shadowRoot` is null), so they can neither read what Leadline shows (the
 * "already in Leadline" match comes from the rep's database) nor fill in the card or press Save.
 */
export interface Mounted {
  container: HTMLElement;
  remove(): void;
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'paste', 'copy', 'cut'] as const;

export function mountShadow(name: string, css: string, mode: ShadowRootMode = 'closed'): Mounted {
  document.querySelector(name)?.remove();
  const host = document.createElement(name);
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('z-index', '2147483647', 'important');
  host.style.setProperty('top', '0', 'important');
  host.style.setProperty('left', '0', 'important');
  const shadow = host.attachShadow({ mode });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
  (document.body ?? document.documentElement).append(host);
  return { container, remove: () => host.remove() };
}
