import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../i18n/format';

export interface Datum {
  label: string;
  count: number;
}

/**
 * A bar chart with its numbers also as a table: the chart is for the eye, the table (visually
 * hidden) carries the same data for screen readers and keyboard users.
 */
export default function BarChartFigure({ id, title, data, valueLabel }: { id: string; title: string; data: Datum[]; valueLabel: string }) {
  const height = Math.max(160, data.length * 34 + 40);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div className="chart-canvas" aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} />
            <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 13, fill: '#1b1f24' }} />
            <Tooltip formatter={(v) => [formatNumber(Number(v)), valueLabel]} />
            <Bar dataKey="count" fill="#0b4f8a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{formatNumber(d.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
