import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { ChartFigure, type FigureProps } from './ChartFigure.tsx';
import { describeData, type Datum } from './chart-data.ts';

/** Height of an upright chart; an across chart grows by a row per bar, plus room for its axis. */
const HEIGHT = 240;
const ROW = 36;
const AXIS = 48;
const LABEL_WIDTH = 120;

// Each bar takes the colour of its datum (the tone of its status).
const colouredBar = (props: BarShapeProps) => <Rectangle {...props} fill={(props.payload as Datum).fill} />;
const tooltipValue = (_value: unknown, _name: unknown, item: { payload?: Datum }) => [item.payload?.text ?? '', ''] as const;

/** Values by category as bars (across with `horizontal`: long labels, few values), sized to the width it is given. */
export function BarChartFigure({ horizontal = false, ...figure }: FigureProps & { horizontal?: boolean }) {
  const { title, data, valueHeader } = figure;
  const categoryAxis = { dataKey: 'name', type: 'category' as const, tickLine: false, interval: 0 };
  return (
    <ChartFigure {...figure}>
      <BarChart responsive data={[...data]} layout={horizontal ? 'vertical' : 'horizontal'} title={title} desc={describeData(data)}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }} style={{ width: '100%', height: horizontal ? AXIS + data.length * ROW : HEIGHT }}>
        <CartesianGrid strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
        {horizontal
          ? <><XAxis type="number" allowDecimals={false} /><YAxis {...categoryAxis} width={LABEL_WIDTH} /></>
          : <><XAxis {...categoryAxis} /><YAxis type="number" allowDecimals={false} width={AXIS} /></>}
        <Tooltip formatter={tooltipValue} separator="" />
        <Bar dataKey="value" name={valueHeader} shape={colouredBar} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
