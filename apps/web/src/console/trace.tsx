/**
 * One trace as a waterfall: a bar per span on a shared time axis, each below its parent and indented
 * by its depth, coloured by service (the legend names the colours in words). The bars are one image
 * with a summary for screen readers; the table under it holds every span, its service, parent,
 * timing, status and attributes, which is what a screen reader reads.
 */
import { Link, useParams } from 'wouter';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, type Span, type Trace } from './admin-api';
import { ms } from './traces';

/** Each at least 3:1 against white, so a bar is visible on its own; told apart by the legend's words. */
const PALETTE = ['#0b5cad', '#176c2f', '#8a4b08', '#6f2da8', '#00707a', '#a3117a', '#3b4cca', '#5c5c66', '#9a3b00', '#355e00'];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

interface Placed { span: Span; depth: number; parent?: Span }

/** Spans in tree order: each parent followed by its children by start time; an orphan is a root. */
export function arrange(spans: Span[]): Placed[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map<string | undefined, Span[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && byId.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const placed: Placed[] = [];
  const visit = (parentId: string | undefined, depth: number) => {
    for (const span of (children.get(parentId) ?? []).sort((a, b) => a.startMs - b.startMs)) {
      const parent = parentId ? byId.get(parentId) : undefined;
      placed.push({ span, depth, ...(parent ? { parent } : {}) });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return placed;
}

export function TracePage() {
  const { traceId = '' } = useParams<{ traceId: string }>();
  const trace = useLoad(() => admin.trace(traceId), [traceId]);
  return (
    <Page title="Trace" wide>
      <p className="actions"><Link href="/traces">Find other traces</Link><span className="muted small wrap-anywhere">Trace id {traceId}</span></p>
      {trace.state === 'loading' && <Placeholder lines={10} label="Loading the trace" />}
      {trace.state === 'error' && <ErrorPanel error={trace.error} onRetry={trace.reload} />}
      {trace.state === 'ok' && <Waterfall trace={trace.data} />}
    </Page>
  );
}

function Waterfall({ trace }: { trace: Trace }) {
  if (trace.spans.length === 0) return <p>This trace holds no span.</p>;
  const placed = arrange(trace.spans);
  const start = Math.min(...trace.spans.map((s) => s.startMs));
  const total = Math.max(0.001, Math.max(...trace.spans.map((s) => s.startMs + s.durationMs)) - start);
  const services = [...new Set(trace.spans.map((s) => s.service))].sort();
  const colour = (service: string) => PALETTE[services.indexOf(service) % PALETTE.length]!;
  const errors = trace.spans.filter((s) => s.status === 'error').length;
  const root = placed[0]!.span;
  const summary = `Waterfall of ${trace.spans.length} spans over ${ms(total)}, from ${root.service}'s ${root.name}, across ${services.length} services: ${services.join(', ')}${errors ? `; ${errors} with an error` : ''}.`;
  return (
    <>
      <p>{summary} Started {dateTime(new Date(start).toISOString())}.{trace.dropped > 0 && ` ${trace.dropped} spans past the receiver's limit are not shown.`}</p>
      <ul className="legend" aria-label="Colours of the services">
        {services.map((s) => <li key={s}><span className="swatch" style={{ background: colour(s) }} aria-hidden="true" />{s}</li>)}
      </ul>
      <figure className="waterfall">
        <div role="img" aria-label={summary}>
          <div className="waterfall-row waterfall-axis" aria-hidden="true">
            <span />
            <span className="waterfall-track">{TICKS.map((t) => <span key={t} className="tick" style={{ left: `${t * 100}%` }}>{ms(t * total)}</span>)}</span>
          </div>
          {placed.map(({ span, depth }) => {
            const left = ((span.startMs - start) / total) * 100;
            const width = Math.max(0.3, (span.durationMs / total) * 100);
            return (
              <div key={span.spanId} className={`waterfall-row${span.status === 'error' ? ' span-error' : ''}`}>
                <span className="waterfall-label" style={{ paddingLeft: `${Math.min(depth, 12) * 0.8}rem` }} title={`${span.service}: ${span.name}`}>
                  <span className="swatch" style={{ background: colour(span.service) }} />{span.name} <span className="muted">{span.service}</span>
                </span>
                <span className="waterfall-track">
                  <span className="bar" style={{ left: `${Math.min(left, 99.7)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.7))}%`, background: colour(span.service) }} />
                </span>
              </div>
            );
          })}
        </div>
        <figcaption>Each bar is a span, below the span that caused it; the table below lists them all.</figcaption>
      </figure>
      <SpanTable placed={placed} start={start} />
    </>
  );
}

const shownAttributes = (span: Span) => Object.entries(span.attributes).map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);

function SpanTable({ placed, start }: { placed: Placed[]; start: number }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Spans, scrolls sideways">
      <table className="lines spans">
        <caption>Every span of the trace, in the waterfall's order</caption>
        <thead><tr><th scope="col">Span</th><th scope="col">Service</th><th scope="col">Kind</th><th scope="col">Under</th><th scope="col" className="num">Starts at</th><th scope="col" className="num">Takes</th><th scope="col">Status</th><th scope="col">Attributes</th></tr></thead>
        <tbody>
          {placed.map(({ span, depth, parent }) => (
            <tr key={span.spanId} className={span.status === 'error' ? 'span-error' : undefined}>
              <th scope="row" style={{ paddingLeft: `${0.4 + Math.min(depth, 12) * 0.8}rem` }}>{span.name}</th>
              <td>{span.service}</td>
              <td>{span.kind}</td>
              <td>{parent ? `${parent.service}: ${parent.name}` : 'nothing (root)'}</td>
              <td className="num">+{ms(span.startMs - start)}</td>
              <td className="num">{ms(span.durationMs)}</td>
              <td>{span.status === 'error' ? <strong>error{span.statusMessage ? `: ${span.statusMessage}` : ''}</strong> : span.status}</td>
              <td>
                {Object.keys(span.attributes).length > 0 && (
                  <details>
                    <summary>{Object.keys(span.attributes).length}<span className="visually-hidden"> attributes of {span.name}</span></summary>
                    <ul className="attributes">{shownAttributes(span).map((a) => <li key={a}>{a}</li>)}</ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
