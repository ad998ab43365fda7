import { lazy, Suspense } from 'react';
import { CustomerFormPage } from '../features/customer-form/CustomerFormPage.tsx';
import { Customer360Page } from '../features/customer360/Customer360Page.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { Layout } from './Layout.tsx';
import { Link } from './Link.tsx';
import { matchRoute, paths, type Route } from './routes.ts';
import { useLocation } from './useLocation.ts';
import { useSession } from './useSession.ts';

// The dashboard's chart library is most of the app's weight: it loads with the dashboard, not before.
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })));

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <Suspense fallback={<p aria-live="polite">Loading the dashboard…</p>}><DashboardPage /></Suspense>;
    case 'reports':
      return <ReportsPage />;
    case 'customers':
      return <CustomersPage />;
    case 'new-customer':
      return <CustomerFormPage />;
    case 'customer':
      // Keyed by id: another customer is a new page, not a re-render of this one.
      return <Customer360Page key={route.id} id={route.id} />;
    case 'edit-customer':
      return <CustomerFormPage key={route.id} id={route.id} />;
    case 'not-found':
      return <p className="empty">There is no such page. <Link to={paths.customers()}>Go to the customers</Link>.</p>;
  }
}

/** Signed out, every address shows the sign-in; once signed in, the same address shows its page. */
export function App() {
  const session = useSession();
  const { pathname } = useLocation();
  if (!session) return <SignInPage />;
  return (
    <Layout session={session}>
      <Page route={matchRoute(pathname)} />
    </Layout>
  );
}
