/**
 * Guards for what the Publish view has not delivered yet: queued messages expire
 * (checked every second while any are queued), and leaving or reloading the page
 * asks first while anything is queued or a publish still waits for its answer.
 */
import { addLeaveCheck } from '../../lib/leave-guard';
import { expireQueued, hasUnsentWork, usePublishStore } from '../../stores/publish-store';

/** Started once by src/app/live.ts; returns the stop function. */
export function startQueueGuards(): () => void {
  const timer = setInterval(() => {
    if (usePublishStore.getState().queued.length > 0) expireQueued();
  }, 1000);
  // Leaving asks first while anything is queued or waits for its answer (lib/leave-guard.ts).
  const removeCheck = addLeaveCheck(hasUnsentWork);
  return () => {
    clearInterval(timer);
    removeCheck();
  };
}
