import { useCallback, useRef, useState } from 'react';

/** Width of an element in whole pixels (rounded to `step`), kept current with a ResizeObserver. */
export function useElementWidth<T extends HTMLElement>(step = 8): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const measure = (w: number) => setWidth(Math.max(0, Math.floor(w / step) * step));
      measure(el.getBoundingClientRect().width);
      observer.current = new ResizeObserver((entries) => measure(entries[0].contentRect.width));
      observer.current.observe(el);
    },
    [step],
  );
  return [ref, width];
}
