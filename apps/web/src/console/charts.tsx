/**
 * Charts drawn as SVG by hand (a chart library would outweigh the whole console): a horizontal bar
 * chart and a line chart over days. Each is one image with a name that says what it shows and its
 * extremes; the figures themselves are in the data table the report page puts beside it, which is
 * what a screen reader user reads.
 */
export interface Datum { label: string; value: number }

const WIDTH = 640;
const ROW = 26;
const LABEL_WIDTH = 190;
const compact = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

const extremes = (data: Datum[], format: (n: number) => string) => {
  if (data.length === 0) return 'no data';
  const top = data.reduce((a, b) => (b.value > a.value ? b : a));
  const low = data.reduce((a, b) => (b.value < a.value ? b : a));
  return `${data.length} ${data.length === 1 ? 'entry' : 'entries'}, highest ${top.label} at ${format(top.value)}, lowest ${low.label} at ${format(low.value)}`;
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BarChart({ title, data, format = compact.format }: { title: string; data: Datum[]; format?: (n: number) => string }) {
  const max = Math.max(0, ...data.map((d) => d.value)) || 1;
  const height = Math.max(1, data.length) * ROW + 8;
  const room = WIDTH - LABEL_WIDTH - 90;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Bar chart, ${title}: ${extremes(data, format)}.`}>
        {data.map((d, i) => {
          const y = i * ROW + 4;
          const w = Math.max(1, (Math.max(0, d.value) / max) * room);
          return (
            <g key={`${d.label}-${i}`}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize={13} fill="#1d1d1f">{clip(d.label, 26)}</text>
              <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 8} fill="#0b5cad" rx={3}><title>{`${d.label}: ${format(d.value)}`}</title></rect>
              <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2 + 4} fontSize={13} fill="#1d1d1f">{format(d.value)}</text>
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="#5c5c66" />
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Points in order (days), joined by a line, with the first and last day and the top of the scale marked. */
export function LineChart({ title, data, format = compact.format }: { title: string; data: Datum[]; format?: (n: number) => string }) {
  const height = 220;
  const pad = { left: 70, right: 16, top: 14, bottom: 30 };
  const max = Math.max(0, ...data.map((d) => d.value)) || 1;
  const x = (i: number) => pad.left + (data.length <= 1 ? (WIDTH - pad.left - pad.right) / 2 : (i / (data.length - 1)) * (WIDTH - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - Math.max(0, v) / max) * (height - pad.top - pad.bottom);
  const first = data[0];
  const last = data[data.length - 1];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Line chart, ${title}${first && last ? ` from ${first.label} to ${last.label}` : ''}: ${extremes(data, format)}.`}>
        <line x1={pad.left} x2={WIDTH - pad.right} y1={y(0)} y2={y(0)} stroke="#5c5c66" />
        <line x1={pad.left} x2={WIDTH - pad.right} y1={y(max)} y2={y(max)} stroke="#d8d8de" strokeDasharray="4 4" />
        <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" fontSize={12} fill="#5c5c66">{format(max)}</text>
        <text x={pad.left - 6} y={y(0) + 4} textAnchor="end" fontSize={12} fill="#5c5c66">0</text>
        {data.length > 1 && <polyline points={data.map((d, i) => `${x(i)},${y(d.value)}`).join(' ')} fill="none" stroke="#0b5cad" strokeWidth={2.5} strokeLinejoin="round" />}
        {data.map((d, i) => <circle key={`${d.label}-${i}`} cx={x(i)} cy={y(d.value)} r={3.5} fill="#0b5cad"><title>{`${d.label}: ${format(d.value)}`}</title></circle>)}
        {first && <text x={x(0)} y={height - 8} fontSize={12} textAnchor={data.length > 1 ? 'start' : 'middle'} fill="#5c5c66">{first.label}</text>}
        {last && data.length > 1 && <text x={x(data.length - 1)} y={height - 8} fontSize={12} textAnchor="end" fill="#5c5c66">{last.label}</text>}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Sums `value` per `label` in the order labels first appear (rows of a day and a category, per day). */
export function sumBy<R extends Record<string, unknown>>(rows: R[], label: (row: R) => string, value: string): Datum[] {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const v = row[value];
    const key = label(row);
    sums.set(key, (sums.get(key) ?? 0) + (typeof v === 'number' ? v : Number(v) || 0));
  }
  return [...sums].map(([l, v]) => ({ label: l, value: v }));
}
