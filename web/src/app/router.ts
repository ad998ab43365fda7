/**
 * A small History API router: the app has a handful of pages, and a router
 * library would be one more dependency to keep in step with React.
 */
export interface AppLocation {
  pathname: string;
  search: string;
  /** What the previous page handed over with `navigate(..., { state })`, e.g. a notice to show. */
  state: unknown;
}

const CHANGE = 'c360:navigate';
let cache: AppLocation | null = null;

export function currentLocation(): AppLocation {
  const { pathname, search } = window.location;
  const state: unknown = window.history.state;
  if (!cache || cache.pathname !== pathname || cache.search !== search || cache.state !== state) cache = { pathname, search, state };
  return cache;
}

export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export function subscribeLocation(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(CHANGE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(CHANGE, listener);
  };
}
