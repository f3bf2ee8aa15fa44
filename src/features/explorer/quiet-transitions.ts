/**
 * Keeps the tree rows' change-highlight transitions away from React.
 *
 * Every switch of a row's highlight starts or cancels a CSS transition, and each fires
 * `transitionrun`, `transitionstart`, `transitioncancel` or `transitionend` (over a thousand in 10 s
 * on a busy broker). React listens to all four on its root and dispatches each one through the
 * component tree, although nothing in the app handles them. A capture listener on the window runs
 * before React's root listeners: it stops the events whose target is a highlight (and only those),
 * so they end there. Installed once however many trees are mounted.
 */
const TYPES = ['transitionrun', 'transitionstart', 'transitioncancel', 'transitionend'] as const;

let users = 0;
let className = '';
const stop = (e: Event) => {
  const t = e.target;
  if (t instanceof Element && t.classList.contains(className)) e.stopPropagation();
};

/** Starts swallowing the transition events of elements with `cls`; returns the undo. */
export function quietTransitions(cls: string): () => void {
  className = cls;
  if (users++ === 0) for (const type of TYPES) window.addEventListener(type, stop, { capture: true });
  return () => {
    if (--users === 0) for (const type of TYPES) window.removeEventListener(type, stop, { capture: true });
  };
}
