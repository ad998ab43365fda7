import { useQuery } from '@apollo/client/react';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { Section } from '../../shared/Section.tsx';
import { BarChartFigure } from './BarChartFigure.tsx';
import { countData, decidedQuotes, formatRate, moneyDatum } from './chart-data.ts';
import { DonutChartFigure } from './DonutChartFigure.tsx';
import { BILLING_STATISTICS_QUERY } from './operations.ts';
import { StatTiles } from './StatTiles.tsx';

/** Billing's figures: what is overdue, how quotes convert, where the reminders stand. */
export function CollectionsCharts() {
  const { data, error, refetch } = useQuery(BILLING_STATISTICS_QUERY);
  const stats = data?.billingStatistics;
  const overdue = stats?.overdueInvoices;
  return (
    <Section title="Collections and sales" summary={overdue && `${overdue.count.toLocaleString()} overdue invoices`}>
      {error && <ErrorBox error={error} onRetry={() => void refetch()} />}
      {!stats && !error && <p aria-live="polite">Loading…</p>}
      {stats && overdue && (
        <>
          <StatTiles label="Collections figures" tiles={[
            { name: 'Overdue invoices', value: overdue.count.toLocaleString(), tone: overdue.count > 0 ? 'bad' : undefined },
            { name: 'Their total', value: <MoneyText money={overdue.total} /> },
            { name: 'Still owed on them', value: <MoneyText money={overdue.outstanding} />, tone: overdue.count > 0 ? 'bad' : undefined },
            { name: 'Quote conversion', value: formatRate(stats.quoteConversionRate) },
          ]} />
          <div className="charts">
            <BarChartFigure title="Overdue invoices" horizontal nameHeader="Overdue invoices" valueHeader="Amount" empty="Nothing is overdue."
              note="What the overdue invoices billed, and what is still owed on them."
              data={[moneyDatum('Billed', overdue.total, 'neutral'), moneyDatum('Still owed', overdue.outstanding, 'bad')]} />
            <DonutChartFigure title="Quote conversion" nameHeader="Outcome" valueHeader="Quotes" empty="No quote has been decided yet." centre={formatRate(stats.quoteConversionRate)}
              note="Accepted among the quotes decided (accepted, refused or expired)." data={decidedQuotes(stats.quotesByStatus)} />
            <BarChartFigure title="Quotes by status" horizontal nameHeader="Status" data={countData(stats.quotesByStatus, 'status')} valueHeader="Quotes" empty="No quotes yet." />
            <BarChartFigure title="Reminders by status" horizontal nameHeader="Status" data={countData(stats.remindersByStatus, 'status')} valueHeader="Reminders" empty="No reminders yet." />
          </div>
        </>
      )}
    </Section>
  );
}
