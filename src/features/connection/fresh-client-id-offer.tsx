import { useSessionStore } from '../../stores/session-store';
import { session } from '../../mqtt/session';

/**
 * Shown while the broker keeps dropping a clean-start connection right after accepting it:
 * the way out that works when a failed cluster node still holds the client ID.
 */
export function FreshClientIdOffer() {
  const offer = useSessionStore((s) => s.freshClientIdHelps && s.state !== 'connected' && s.state !== 'error');
  if (!offer) return null;
  return (
    <button type="button" className="btn btn-sm" style={{ flexShrink: 0 }} onClick={() => session.reconnectWithFreshClientId()}>
      Use a fresh client ID
    </button>
  );
}
