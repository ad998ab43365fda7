import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from './Link.tsx';
import { matchRoute, paths, type Route } from './routes.ts';
import { signOut, type Session } from './session-store.ts';
import { useLocation } from './useLocation.ts';

/** The main menu: each entry and the pages it stands for (a customer's pages belong to "Customers"). */
const MENU: { name: string; to: string; pages: Route['page'][] }[] = [
  { name: 'Dashboard', to: paths.dashboard(), pages: ['dashboard'] },
  { name: 'Customers', to: paths.customers(), pages: ['customers', 'customer', 'edit-customer'] },
  { name: 'New customer', to: paths.newCustomer(), pages: ['new-customer'] },
  { name: 'Reports', to: paths.reports(), pages: ['reports'] },
];

export function Layout({ session, children }: { session: Session; children: ReactNode }) {
  const { pathname } = useLocation();
  const page = matchRoute(pathname).page;
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

  // On a new page, start keyboard and screen-reader users at its content (not on the first load: the page may focus a field).
  useEffect(() => {
    if (firstPage.current) firstPage.current = false;
    else main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <Link to={paths.dashboard()} className="brand">Customer 360</Link>
        <nav aria-label="Main">
          {MENU.map((entry) => (
            <Link key={entry.to} to={entry.to} aria-current={entry.pages.includes(page) ? 'page' : undefined}>{entry.name}</Link>
          ))}
        </nav>
        <div className="who">
          <span>{session.tenant} · {session.role}</span>
          <button type="button" onClick={() => signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>{children}</main>
    </>
  );
}
