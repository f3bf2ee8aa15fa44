import { describe, expect, it } from 'vitest';
import { addLeaveCheck, hasUnfinishedWork, holdLeave, installLeaveGuard } from './leave-guard';

function fakeWindow() {
  let listener: ((e: BeforeUnloadEvent) => void) | undefined;
  return {
    addEventListener: (_: string, fn: (e: BeforeUnloadEvent) => void) => (listener = fn),
    removeEventListener: () => (listener = undefined),
    /** Fires beforeunload; true when the page asked before leaving. */
    leave(): boolean {
      let asked = false;
      listener?.({ preventDefault: () => (asked = true), returnValue: undefined } as unknown as BeforeUnloadEvent);
      return asked;
    },
  };
}

describe('leave guard', () => {
  it('asks while any hold or check says work is unfinished, and not after', () => {
    const win = fakeWindow();
    const uninstall = installLeaveGuard(win as never);
    expect(win.leave()).toBe(false);
    const a = holdLeave('publish');
    const b = holdLeave('bulk delete');
    expect(win.leave()).toBe(true);
    a();
    a(); // releasing twice does not release another hold
    expect(win.leave()).toBe(true);
    b();
    expect(hasUnfinishedWork()).toBe(false);
    let queued = 1;
    const removeCheck = addLeaveCheck(() => queued > 0);
    expect(win.leave()).toBe(true);
    queued = 0;
    expect(win.leave()).toBe(false);
    removeCheck();
    uninstall();
  });
});
