import { useQuery } from '@apollo/client/react';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { Section } from '../../shared/Section.tsx';
import { BarChartFigure } from './BarChartFigure.tsx';
import { countData } from './chart-data.ts';
import { CUSTOMER_STATISTICS_QUERY } from './operations.ts';
import { StatTiles } from './StatTiles.tsx';

/** The customers subgraph's figures: how many customers, in what state, of what kind. */
export function CustomerCharts() {
  const { data, error, refetch } = useQuery(CUSTOMER_STATISTICS_QUERY);
  const stats = data?.customerStatistics;
  return (
    <Section title="Customers" summary={stats && `${stats.total.toLocaleString()} in all`}>
      {error && <ErrorBox error={error} onRetry={() => void refetch()} />}
      {!stats && !error && <p aria-live="polite">Loading…</p>}
      {stats && (
        <>
          <StatTiles label="Customer figures" tiles={[
            { name: 'Customers', value: stats.total.toLocaleString() },
            { name: 'New this month', value: stats.newThisMonth.toLocaleString() },
            { name: 'Active in the last 90 days', value: stats.activeLast90Days.toLocaleString() },
          ]} />
          <div className="charts">
            <BarChartFigure title="Customers by status" nameHeader="Status" data={countData(stats.byStatus, 'status')} valueHeader="Customers" empty="No customers yet." />
            <BarChartFigure title="Customers by category" nameHeader="Category" data={countData(stats.byCategory, 'category')} valueHeader="Customers" empty="No customers yet." />
          </div>
        </>
      )}
    </Section>
  );
}
