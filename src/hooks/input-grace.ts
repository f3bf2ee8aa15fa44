/**
 * Live refreshes give way to the user's input. A click or a key press is rendered first (React
 * renders it before any transition), but a live refresh whose timer fires right after it would
 * commit its ~30 rows' new texts into the very frame that answers the input, or right after it
 * together with what the input started (the Message panel of a new selection). So a refresh due
 * within INPUT_GRACE_MS of the last pointer or key press waits until that time has passed: two
 * frames at 60 fps, which no one sees in a number refreshed 10 times a second.
 */
export const INPUT_GRACE_MS = 50;

let lastInput = -Infinity;
let watching = false;

/** Starts noting the time of pointer and key presses (once per page; a capture listener on the window). */
export function watchInput(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  const note = () => {
    lastInput = performance.now();
  };
  for (const type of ['pointerdown', 'pointerup', 'keydown'] as const) window.addEventListener(type, note, { capture: true, passive: true });
}

/** How long a live refresh due at `now` still waits for the input at `inputAt` (0: go now). */
export function graceLeft(now: number, inputAt: number = lastInput): number {
  return Math.max(0, inputAt + INPUT_GRACE_MS - now);
}
