import { builtinEnvironments } from 'vitest/runtime';

/**
 * A browser document for a test that renders the ops app's pages and also
 * runs the real system. Such a test stays in the `node` environment: the
 * `jsdom` environment transforms modules for the browser (which turns the
 * system's `new URL('..', import.meta.url)` into http://localhost:3000) and
 * puts all of jsdom's globals over Node's (its TextEncoder makes arrays that
 * Node's crypto refuses). Here only what React DOM, Testing Library and the
 * app's router use becomes global. Import this module before React.
 */
const scratch: Record<string, any> = {};
const environment = await builtinEnvironments.jsdom.setup(scratch, { jsdom: { url: 'http://localhost:5173/' } });
const window = scratch.jsdom.window as Window & typeof globalThis;

const DOM_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'history', 'sessionStorage', 'localStorage',
  'Node', 'Element', 'HTMLElement', 'HTMLInputElement', 'HTMLIFrameElement', 'MutationObserver',
  'Event', 'MouseEvent', 'KeyboardEvent', 'FocusEvent', 'InputEvent',
  'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame',
] as const;

const originals = new Map<string, PropertyDescriptor | undefined>();
for (const key of DOM_GLOBALS) {
  originals.set(key, Object.getOwnPropertyDescriptor(globalThis, key));
  const value: unknown = window[key];
  // Functions (not constructors) run against the window, as in a browser.
  const bound = typeof value === 'function' && /^[a-z]/.test(key) ? (value as (...args: unknown[]) => unknown).bind(window) : value;
  Object.defineProperty(globalThis, key, { value: bound, configurable: true, writable: true });
}

/** Puts Node's globals back and closes the document. */
export async function closeDom(): Promise<void> {
  for (const [key, descriptor] of originals) {
    if (descriptor) Object.defineProperty(globalThis, key, descriptor);
    else delete (globalThis as Record<string, unknown>)[key];
  }
  await environment.teardown(scratch);
}
