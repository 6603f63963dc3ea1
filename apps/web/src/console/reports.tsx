/**
 * The warehouse's reports (analytics' GET /analytics/reports/:name): each drawn as a chart or two
 * and given in full as a table. The report and its period live in the address, so a view can be
 * shared and Back returns to the previous one.
 */
import { useId, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError, call, type Body } from '../api/client';
import type { paths } from '../api/schema';
import { ErrorPanel } from '../ui/error-panel';
import { money, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { BarChart, LineChart, sumBy, type Datum } from './charts';

type Report = Exclude<Body<'/analytics/reports/{name}', 'get'>, string>;
type ReportName = paths['/analytics/reports/{name}']['get']['parameters']['path']['name'];
type Row = Report['rows'][number];
interface Chart { kind: 'bar' | 'line'; title: string; label: (row: Row) => string; value: string }

const text = (v: unknown) => (v === null || v === undefined ? 'unknown' : String(v));
const day = (row: Row) => text(row.day).slice(0, 10);

/** Which figures each report is drawn by; a report not named here gets a bar of its first figure. */
const CHARTS: Record<string, Chart[]> = {
  'revenue-by-category': [
    { kind: 'line', title: 'Revenue per day', label: day, value: 'revenueMinor' },
    { kind: 'bar', title: 'Revenue per category', label: (r) => text(r.categoryName ?? r.categoryId), value: 'revenueMinor' },
  ],
  funnel: [{ kind: 'bar', title: 'Customers at each step', label: (r) => words(text(r.step)), value: 'customers' }],
  'checkout-outcomes': [{ kind: 'bar', title: 'Orders by outcome', label: (r) => (r.reason ? `${text(r.outcome)}: ${words(text(r.reason))}` : text(r.outcome)), value: 'orders' }],
  'payment-declines': [
    { kind: 'line', title: 'Declined authorisations per day', label: day, value: 'declined' },
    { kind: 'bar', title: 'Declines by reason', label: (r) => words(text(r.reason)), value: 'declined' },
  ],
  'delivery-times': [{ kind: 'bar', title: 'Median minutes from dispatch to the door, per courier', label: (r) => text(r.courierName ?? r.courierId), value: 'p50Minutes' }],
  'stock-turnover': [{ kind: 'bar', title: 'Units shipped per SKU', label: (r) => text(r.sku), value: 'unitsShipped' }],
  'dead-letters': [
    { kind: 'line', title: 'Messages parked per day', label: day, value: 'parked' },
    { kind: 'bar', title: 'Messages parked per service', label: (r) => text(r.service), value: 'parked' },
  ],
};

function chartsOf(report: Report): Chart[] {
  const known = CHARTS[report.report];
  if (known) return known;
  const sample = report.rows[0] ?? {};
  const value = report.columns.find((c) => typeof sample[c] === 'number');
  const label = report.columns.find((c) => typeof sample[c] === 'string');
  return value && label ? [{ kind: 'bar', title: `${words(value)} by ${words(label)}`, label: (r) => text(r[label]), value }] : [];
}

/** Every day of the period, so a day without rows reads as nothing rather than being skipped. */
function everyDay(data: Datum[], from: string, to: string): Datum[] {
  const byDay = new Map(data.map((d) => [d.label, d.value]));
  const days: Datum[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && days.length <= 366; t += 86_400_000) {
    const label = new Date(t).toISOString().slice(0, 10);
    days.push({ label, value: byDay.get(label) ?? 0 });
  }
  return days;
}

/** Money columns (`…Minor`) shown in the report's currency when it has just one. */
function formatFor(report: Report, column: string): ((n: number) => string) | undefined {
  if (!column.endsWith('Minor')) return undefined;
  const currencies = new Set(report.rows.map((r) => r.currency).filter((c): c is string => typeof c === 'string'));
  const [currency] = currencies;
  return currencies.size === 1 && currency ? (n) => money(n, currency) : undefined;
}

export function Reports() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const list = useLoad(() => call(() => api.GET('/analytics/reports')), []);
  const chosen = params.get('report') ?? (list.state === 'ok' ? list.data.items[0]?.name : undefined);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const go = (report: string, period: { from: string; to: string }) => {
    const next = new URLSearchParams({ report, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) });
    navigate(`/reports?${next.toString()}`);
  };
  return (
    <Page title="Reports">
      {list.state === 'loading' && <Placeholder lines={2} label="Loading the reports" />}
      {list.state === 'error' && <ErrorPanel error={list.error} onRetry={list.reload} />}
      {list.state === 'ok' && (
        <nav aria-label="Reports">
          <ul className="report-list">
            {list.data.items.map((r) => <li key={r.name}><Link href={`/reports?report=${r.name}`} aria-current={r.name === chosen ? 'page' : undefined} title={r.description}>{r.title}</Link></li>)}
          </ul>
        </nav>
      )}
      {chosen && <Period from={from} to={to} onChange={(period) => go(chosen, period)} />}
      {chosen && <ReportView name={chosen} from={from} to={to} description={list.state === 'ok' ? list.data.items.find((r) => r.name === chosen)?.description : undefined} />}
    </Page>
  );
}

function Period({ from, to, onChange }: { from: string; to: string; onChange: (period: { from: string; to: string }) => void }) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  };
  return (
    <form className="period" onSubmit={submit} key={`${from}-${to}`}>
      <div className="field"><label htmlFor={`${id}-from`}>From</label><input id={`${id}-from`} name="from" type="date" defaultValue={from} /></div>
      <div className="field"><label htmlFor={`${id}-to`}>To</label><input id={`${id}-to`} name="to" type="date" defaultValue={to} /></div>
      <button type="submit">Show</button>
      <span className="muted small">Days in UTC; empty means the last 30 days.</span>
    </form>
  );
}

function ReportView({ name, from, to, description }: { name: string; from: string; to: string; description: string | undefined }) {
  const report = useLoad(async (): Promise<Report> => {
    // A name from the address is checked by analytics: one it does not know is its 404, shown as such.
    const answer = await call(() => api.GET('/analytics/reports/{name}', { params: { path: { name: name as ReportName }, query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } }));
    if (typeof answer === 'string') throw new ApiError('The report came as text, not as the figures this page draws.', 0, 'retry');
    return answer;
  }, [name, from, to]);
  if (report.state === 'loading') return <Placeholder lines={8} label="Loading the report" />;
  if (report.state === 'error') return <ErrorPanel error={report.error} onRetry={report.reload} />;
  const r = report.data;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{r.title}, {r.period.from} to {r.period.to}</h2>
      {description && <p className="muted">{description}</p>}
      {r.rows.length === 0 && <p>Nothing happened in this period that the report counts.</p>}
      {r.rows.length > 0 && chartsOf(r).map((chart) => {
        const format = formatFor(r, chart.value);
        const summed = sumBy(r.rows, chart.label, chart.value);
        return chart.kind === 'line'
          ? <LineChart key={chart.title} title={chart.title} data={everyDay(summed, r.period.from, r.period.to)} {...(format ? { format } : {})} />
          : <BarChart key={chart.title} title={chart.title} data={summed.slice(0, 40)} {...(format ? { format } : {})} />;
      })}
      {r.rows.length > 0 && <ReportTable report={r} />}
    </section>
  );
}

const SHOWN_ROWS = 500;

function ReportTable({ report }: { report: Report }) {
  const rows = report.rows.slice(0, SHOWN_ROWS);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="The figures, scrolls sideways">
      <table className="lines">
        <caption>The figures: {report.rows.length} {report.rows.length === 1 ? 'row' : 'rows'}{report.rows.length > SHOWN_ROWS ? `, the first ${SHOWN_ROWS} shown` : ''}</caption>
        <thead><tr>{report.columns.map((c) => <th key={c} scope="col" className={typeof rows[0]?.[c] === 'number' ? 'num' : undefined}>{c}</th>)}</tr></thead>
        <tbody>
          {rows.map((row, i) => <tr key={i}>{report.columns.map((c) => <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>{row[c] === null || row[c] === undefined ? '–' : String(row[c])}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}
