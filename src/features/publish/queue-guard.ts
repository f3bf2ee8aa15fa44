/**
 * Guards for what the Publish view has not delivered yet: queued messages expire
 * (checked every second while any are queued), and leaving or reloading the page
 * asks first while anything is queued or a publish still waits for its answer.
 */
import { expireQueued, hasUnsentWork, usePublishStore } from '../../stores/publish-store';

if (typeof window !== 'undefined') {
  setInterval(() => {
    if (usePublishStore.getState().queued.length > 0) expireQueued();
  }, 1000);

  window.addEventListener('beforeunload', (e) => {
    if (!hasUnsentWork()) return;
    // The browser shows its own wording; both calls are needed across browsers.
    e.preventDefault();
    e.returnValue = '';
  });
}
