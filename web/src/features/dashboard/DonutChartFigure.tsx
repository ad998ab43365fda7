import { Label, Pie, PieChart, Sector, Tooltip, type PieSectorShapeProps } from 'recharts';
import { ChartFigure, type FigureProps } from './ChartFigure.tsx';
import { describeData, type Datum } from './chart-data.ts';

const colouredSector = (props: PieSectorShapeProps) => <Sector {...props} fill={(props.payload as Datum).fill} />;
const tooltipValue = (_value: unknown, _name: unknown, item: { payload?: Datum }) => [item.payload?.text ?? '', item.payload?.name ?? ''] as const;

/** Shares of a whole as a ring, with one figure (`centre`, e.g. a rate) in its hole. */
export function DonutChartFigure({ centre, ...figure }: FigureProps & { centre: string }) {
  const { title, data } = figure;
  return (
    <ChartFigure {...figure}>
      <PieChart responsive title={title} desc={describeData(data)} style={{ width: '100%', height: 240 }}>
        <Pie data={[...data]} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" shape={colouredSector} isAnimationActive={false}>
          <Label value={centre} position="center" className="donut-centre" />
        </Pie>
        <Tooltip formatter={tooltipValue} />
      </PieChart>
    </ChartFigure>
  );
}
