import { useSessionStore } from '../../stores/session-store';
import { session } from '../../mqtt/session';

/**
 * Shown while the broker keeps dropping a clean-start connection right after accepting it:
 * the way out that works when a failed cluster node still holds the client ID.
 */
export function FreshClientIdOffer() {
  const offer = useSessionStore((s) => s.freshClientIdHelps && s.state !== 'connected');
  if (!offer) return null;
  return (
    <button
      type="button"
      className="btn btn-sm"
      style={{ flexShrink: 0 }}
      title="A cluster node that failed may still hold this client ID. Connect again with a new one: with Clean start nothing is lost."
      onClick={() => session.reconnectWithFreshClientId()}>
      Use a fresh client ID
    </button>
  );
}
