import { usePageTitle } from '../../shared/usePageTitle.ts';
import { CollectionsCharts } from './CollectionsCharts.tsx';
import { CustomerCharts } from './CustomerCharts.tsx';

/** The tenant at a glance; each half comes from its own subgraph and fails on its own. */
export function DashboardPage() {
  usePageTitle('Dashboard');
  return (
    <>
      <h1>Dashboard</h1>
      <div className="stack">
        <CustomerCharts />
        <CollectionsCharts />
      </div>
    </>
  );
}
