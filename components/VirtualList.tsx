/**
 * A list that renders only the rows in view (plus a few either side), so a column of 10,000
 * deals costs the DOM a screenful of nodes. Rows have one fixed height.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: T[];
  rowHeight: number;
  /** Rows rendered beyond each edge of the view, so fast scrolling shows no gaps. */
  overscan?: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  getKey: (item: T) => string;
  class?: string;
  label?: string;
  /** Scroll so this index is in view (keyboard focus moving off-screen). */
  scrollToIndex?: number;
}

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 4,
  renderRow,
  getKey,
  class: cls,
  label,
  scrollToIndex,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLUListElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || scrollToIndex === undefined || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [scrollToIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const visible = items.slice(first, last);

  return (
    <ul
      ref={ref}
      class={cls}
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      style={{ position: 'relative', overflowY: 'auto' }}
    >
      <li
        aria-hidden="true"
        style={{ height: `${items.length * rowHeight}px`, listStyle: 'none', margin: 0, padding: 0 }}
      />
      {visible.map((item, i) => (
        <li
          key={getKey(item)}
          style={{
            position: 'absolute',
            top: `${(first + i) * rowHeight}px`,
            left: 0,
            right: 0,
            height: `${rowHeight}px`,
          }}
        >
          {renderRow(item, first + i)}
        </li>
      ))}
    </ul>
  );
}
