import { useId, type ReactNode } from 'react';
import { DataTable, type Column } from '../../shared/DataTable.tsx';
import type { Datum } from './chart-data.ts';

export interface FigureProps {
  title: string;
  /** A sentence under the title: what the chart says, or what it leaves out. */
  note?: ReactNode;
  data: readonly Datum[];
  /** Headers of the table's columns: what each datum is ("Status") and what its value counts ("Customers"). */
  nameHeader: string;
  valueHeader: string;
  empty: string;
}

/**
 * A chart with its title, and the same figures as a table for whoever cannot
 * read the picture (screen readers, keyboards, printing): the chart is the
 * quick look, the table the reference.
 */
/** The chart is the children, left out when there is no data. */
export function ChartFigure({ title, note, data, nameHeader, valueHeader, empty, children }: FigureProps & { children: ReactNode }) {
  const id = useId();
  const columns: Column<Datum>[] = [
    { header: nameHeader, cell: (datum) => <><span className="swatch" style={{ background: datum.fill }} aria-hidden="true" />{datum.name}</> },
    { header: valueHeader, numeric: true, cell: (datum) => datum.text },
  ];
  const hasData = data.some((datum) => datum.value !== 0);
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {note && <p className="hint">{note}</p>}
      </figcaption>
      {hasData ? <div className="chart-area">{children}</div> : <p className="empty">{empty}</p>}
      <details>
        <summary>Figures as a table</summary>
        <DataTable caption={title} columns={columns} rows={data} rowKey={(datum) => datum.name} empty={empty} />
      </details>
    </figure>
  );
}
