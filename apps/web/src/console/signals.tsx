/**
 * A service's golden signals from its `/admin/signals` counters. The service gives raw counters only,
 * so each figure here is the difference between two snapshots read 5 s apart divided by the time
 * between them (by the service's own clock): request rate, 5xx share, latency quantiles and how full
 * its database pool is. Until the second snapshot every figure says "measuring…" in its own place.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, call, type Body } from '../api/client';
import type { paths } from '../api/schema';

export type Signals = Body<'/admin/services/{service}/signals', 'get'>;
type Service = paths['/admin/services/{service}/signals']['get']['parameters']['path']['service'];

export const SIGNALS_POLL_MS = 5000;
export const QUANTILE_NOTE = "p50 and p99 are interpolated within the latency histogram's buckets, as Prometheus' histogram_quantile does.";

/** Figures over the window between two snapshots; `null` where there is nothing to divide (no requests). */
export interface Figures {
  ratePerSecond: number;
  errorRatio: number | null;
  p50: number | null;
  p99: number | null;
  /** Connections in use over those open, with the queries waiting for one; null without a pool. */
  pool: { inUse: number; total: number; waiting: number } | null;
  messagesPerSecond: number | null;
}

const fiveXx = (s: Signals) => s.requests.byStatusClass.find((c) => c.statusClass === '5xx')?.count ?? 0;

/**
 * The q-quantile of the requests between two snapshots, as histogram_quantile computes it: find the
 * bucket holding the q·n-th request and interpolate linearly inside it (the first bucket starts at
 * 0); a rank beyond the last finite bound gives that bound.
 */
export function quantile(q: number, before: Signals, after: Signals): number | null {
  const total = after.requests.count - before.requests.count;
  if (total <= 0) return null;
  const earlier = new Map(before.requests.latency.buckets.map((b) => [b.le, b.count]));
  const buckets = after.requests.latency.buckets.map((b) => ({ le: b.le, count: b.count - (earlier.get(b.le) ?? 0) }));
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      const inside = bucket.count - below;
      return inside > 0 ? lower + (bucket.le - lower) * ((rank - below) / inside) : bucket.le;
    }
    lower = bucket.le;
    below = bucket.count;
  }
  return buckets.at(-1)?.le ?? null;
}

/** The figures between two snapshots, or null when they cannot be compared (a restart reset the counters, or no time passed). */
export function figures(before: Signals, after: Signals): Figures | null {
  const seconds = (Date.parse(after.at) - Date.parse(before.at)) / 1000;
  if (!(seconds > 0) || after.uptimeSeconds < before.uptimeSeconds || after.requests.count < before.requests.count) return null;
  const requests = after.requests.count - before.requests.count;
  const handled = (s: Signals) => s.messages?.handled.reduce((sum, h) => sum + h.count, 0) ?? 0;
  return {
    ratePerSecond: requests / seconds,
    errorRatio: requests > 0 ? (fiveXx(after) - fiveXx(before)) / requests : null,
    p50: quantile(0.5, before, after),
    p99: quantile(0.99, before, after),
    pool: after.pool ? { inUse: Math.max(0, after.pool.total - after.pool.idle), total: after.pool.total, waiting: after.pool.waiting } : null,
    messagesPerSecond: after.messages ? Math.max(0, handled(after) - handled(before)) / seconds : null,
  };
}

export type SignalsState =
  | { state: 'measuring'; error?: ApiError }
  | { state: 'ok'; figures: Figures; error?: ApiError }
  | { state: 'absent' };

/** Reads a service's snapshot every 5 s and gives the figures over the latest window. */
export function useSignals(service: string): SignalsState {
  const [result, setResult] = useState<SignalsState>({ state: 'measuring' });
  useEffect(() => {
    let live = true;
    let previous: Signals | undefined;
    setResult({ state: 'measuring' });
    const read = async () => {
      try {
        const snapshot = await call(() => api.GET('/admin/services/{service}/signals', { params: { path: { service: service as Service } } }));
        if (!live) return;
        const window = previous ? figures(previous, snapshot) : null;
        previous = snapshot;
        setResult((shown) => (window ? { state: 'ok', figures: window } : shown.state === 'ok' ? shown : { state: 'measuring' }));
      } catch (error) {
        if (!live) return;
        const shown = error instanceof ApiError ? error : new ApiError('The signals could not be read.', 0, 'retry');
        // A service the gateway does not route has no signals; anything else keeps the last figures and says why.
        setResult((current) => (shown.status === 404 ? { state: 'absent' } : current.state === 'absent' ? current : { ...current, error: shown }));
      }
    };
    void read();
    const timer = setInterval(() => void read(), SIGNALS_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [service]);
  return result;
}

const MEASURING = 'measuring…';
export const rate = (perSecond: number) => `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)}/s`;
export const percent = (ratio: number | null) => (ratio === null ? '–' : `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.1 ? 1 : 0)} %`);
export const duration = (seconds: number | null) => (seconds === null ? '–' : seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`);
export const poolUse = (pool: Figures['pool']) => (pool === null ? 'no pool' : `${pool.inUse} of ${pool.total}${pool.waiting > 0 ? `, ${pool.waiting} waiting` : ''}`);

/** The figures as the same cells before and after the second snapshot, so nothing moves when they arrive. */
export function signalTexts(signals: SignalsState): { rate: string; errors: string; p50: string; p99: string; pool: string; messages: string } | null {
  if (signals.state === 'absent') return null;
  if (signals.state === 'measuring') return { rate: MEASURING, errors: MEASURING, p50: MEASURING, p99: MEASURING, pool: MEASURING, messages: MEASURING };
  const f = signals.figures;
  return {
    rate: rate(f.ratePerSecond), errors: percent(f.errorRatio), p50: duration(f.p50), p99: duration(f.p99), pool: poolUse(f.pool),
    messages: f.messagesPerSecond === null ? 'consumes none' : rate(f.messagesPerSecond),
  };
}

/** A service page's figures: requests, errors, latency, saturation and messages, with how the quantiles are made. */
export function GoldenSignals({ service }: { service: string }) {
  const signals = useSignals(service);
  const texts = signalTexts(signals);
  if (!texts) return <p>{service} gives no signals through the gateway.</p>;
  return (
    <>
      <dl className="figures" aria-busy={signals.state === 'measuring'}>
        <div><dt>Requests</dt><dd>{texts.rate}</dd></div>
        <div><dt>Errors (5xx share)</dt><dd>{texts.errors}</dd></div>
        <div><dt>Latency p50</dt><dd>{texts.p50}</dd></div>
        <div><dt>Latency p99</dt><dd>{texts.p99}</dd></div>
        <div><dt>Pool in use</dt><dd>{texts.pool}</dd></div>
        <div><dt>Messages handled</dt><dd>{texts.messages}</dd></div>
      </dl>
      <p className="muted small">Over the last 5 s, from two snapshots of {service}'s counters (health probes left out). {QUANTILE_NOTE}</p>
      {signals.state !== 'absent' && signals.error && <p className="notice" role="status">Showing the last figures: {signals.error.message}</p>}
    </>
  );
}
