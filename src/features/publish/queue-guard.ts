/**
 * Guards for what the Publish view has not delivered yet: queued messages expire
 * (checked every second while any are queued), and leaving or reloading the page
 * asks first while anything is queued or a publish still waits for its answer.
 */
import { addLeaveCheck } from '../../lib/leave-guard';
import { expireQueued, hasUnsentWork, usePublishStore } from '../../stores/publish-store';

if (typeof window !== 'undefined') {
  setInterval(() => {
    if (usePublishStore.getState().queued.length > 0) expireQueued();
  }, 1000);

  // Leaving asks first while anything is queued or waits for its answer (installed by the app).
  addLeaveCheck(hasUnsentWork);
}
