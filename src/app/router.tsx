/**
 * Links and routes on lib/navigation.ts (which replaced react-router's BrowserRouter): the
 * same markup (<a href>), the same clicks (a plain left click navigates in the page, a click
 * with a modifier key or another button is left to the browser), the same matching (paths
 * are compared without case and without a trailing slash).
 */
import { useEffect, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { navigation, resolvePath } from '../lib/navigation';
import { useLocation } from '../hooks/use-navigation';

/** "/Explorer/" → "/explorer": how a path is compared with a route's. */
export function normalizePath(pathname: string): string {
  const p = pathname.replace(/\/+$/, '').toLowerCase();
  return p === '' ? '/' : p;
}

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'className'>;

function useLinkClick(to: string, onClick: AnchorProps['onClick']) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
    const target = e.currentTarget.getAttribute('target');
    if (target && target !== '_self') return;
    e.preventDefault();
    // A link to where the page already is replaces the entry instead of adding the same one again.
    const here = `${location.pathname}${location.search}${location.hash}`;
    navigation.navigate(to, { replace: resolvePath(to) === here });
  };
}

export function Link({ to, className, onClick, ...rest }: AnchorProps & { to: string; className?: string }) {
  const click = useLinkClick(to, onClick);
  return <a {...rest} href={to} className={className} onClick={click} />;
}

/** A link that knows whether its view is the one shown (aria-current="page"). */
export function NavLink({
  to,
  className,
  onClick,
  ...rest
}: AnchorProps & { to: string; className: (state: { isActive: boolean }) => string }) {
  const { pathname } = useLocation();
  const here = normalizePath(pathname);
  const target = normalizePath(to);
  const isActive = here === target || (target !== '/' && here.startsWith(`${target}/`));
  const click = useLinkClick(to, onClick);
  return <a {...rest} href={to} className={className({ isActive })} aria-current={isActive ? 'page' : undefined} onClick={click} />;
}

/** Moves to `to` (replacing the current entry) once rendered. */
export function Navigate({ to }: { to: string }) {
  useEffect(() => navigation.navigate(to, { replace: true }), [to]);
  return null;
}

/** The element of the first route whose path is the location's (paths without the leading '/'; '' is the index, '*' anything). */
export function Routes({ routes }: { routes: Record<string, ReactNode> }) {
  const path = normalizePath(useLocation().pathname).slice(1);
  if (Object.hasOwn(routes, path)) return routes[path];
  return routes['*'] ?? null;
}
