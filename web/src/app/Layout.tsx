import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from './Link.tsx';
import { paths } from './routes.ts';
import { signOut, type Session } from './session-store.ts';
import { useLocation } from './useLocation.ts';

export function Layout({ session, children }: { session: Session; children: ReactNode }) {
  const { pathname } = useLocation();
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
        <Link to={paths.customers()} className="brand">Customer 360</Link>
        <nav aria-label="Main">
          <Link to={paths.customers()} aria-current={pathname === '/customers' ? 'page' : undefined}>Customers</Link>
          <Link to={paths.newCustomer()} aria-current={pathname === paths.newCustomer() ? 'page' : undefined}>New customer</Link>
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
