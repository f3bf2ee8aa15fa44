/**
 * The address bar in React (lib/navigation.ts): the current location, and a way to move.
 *
 * The location is React state that <LocationProvider> (at the top of the app) moves in a
 * transition, not a useModel read: a navigation keeps the current view on screen until the next
 * one is ready (a view loaded on first visit shows no "Loading…" when reached by a link), as
 * react-router's BrowserRouter did; useSyncExternalStore cannot make transitions.
 */
import { createContext, startTransition, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { navigation, type AppLocation } from '../lib/navigation';

const LocationContext = createContext<AppLocation>(navigation.location);

export function LocationProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(navigation.location);
  useLayoutEffect(() => {
    // Anything that moved before this ran (a redirect in a child's effect) is picked up here.
    setLocation(navigation.location);
    return navigation.subscribe(() => startTransition(() => setLocation(navigation.location)));
  }, []);
  return <LocationContext.Provider value={location}>{children}</LocationContext.Provider>;
}

/** The current path, search, hash and state. */
export function useLocation(): AppLocation {
  return useContext(LocationContext);
}

type Navigate = (to: string, options?: { replace?: boolean; state?: unknown }) => void;

const navigateTo: Navigate = (to, options) => navigation.navigate(to, options);

/** `navigate('/publish')`: a new history entry, as a link click makes. */
export function useNavigate(): Navigate {
  return navigateTo;
}
