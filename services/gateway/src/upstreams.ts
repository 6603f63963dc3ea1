import { createServiceClient, type HealthRegistry, type Logger, type ServiceClient } from '@bazaar/platform';
import type { GatewayConfig } from './config.js';

/** One resilient client per upstream: its own timeout budget, retries and circuit breaker. */
export function createUpstreamClients(config: GatewayConfig, logger?: Logger): Map<string, ServiceClient> {
  const { resilience } = config;
  return new Map(config.upstreams.map((upstream) => [upstream.name, createServiceClient({
    name: upstream.name,
    baseUrl: upstream.url,
    timeoutMs: resilience.timeoutMs,
    retry: { maxAttempts: resilience.retryMaxAttempts },
    breaker: { threshold: resilience.breakerThreshold, halfOpenAfterMs: resilience.breakerHalfOpenMs },
    ...(logger ? { logger } : {}),
  })]));
}

/**
 * A non-critical probe per upstream (each replica's `/health/live`, bypassing the breakers so the probe
 * neither opens nor closes them): an upstream that is down degrades the gateway but leaves it ready,
 * since every other route still works. With replicas, the upstream is degraded while some answer and
 * unhealthy when none does; each replica's answer and circuit are in the details.
 */
export function registerUpstreamProbes(health: HealthRegistry, clients: Map<string, ServiceClient>, timeoutMs = 1000): void {
  for (const client of clients.values()) {
    health.register(client.name, async () => {
      const replicas = await Promise.all(client.endpoints().map(async ({ url, breaker }) => {
        try {
          const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
          await response.arrayBuffer();
          return { url, breaker, answered: response.ok ? 'ok' : `answered ${response.status}` };
        } catch (error) {
          const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
          return { url, breaker, answered: cause ?? (error as Error).message };
        }
      }));
      const up = replicas.filter((r) => r.answered === 'ok');
      const details = replicas.length === 1
        ? { url: replicas[0]!.url, breaker: replicas[0]!.breaker }
        : { replicas: replicas.map(({ url, breaker, answered }) => ({ url, breaker, live: answered === 'ok', ...(answered === 'ok' ? {} : { problem: answered }) })) };
      if (up.length === 0) return { status: 'unhealthy', message: replicas.map((r) => r.answered).join('; '), details };
      const allWell = up.length === replicas.length && replicas.every((r) => r.breaker === 'closed');
      return {
        status: allWell ? 'healthy' : 'degraded',
        ...(up.length < replicas.length ? { message: `${up.length} of ${replicas.length} replicas answer` } : {}),
        details,
      };
    }, { critical: false, timeoutMs: timeoutMs + 500 });
  }
}

/**
 * One client per canary (`<UPSTREAM>_CANARY_URL`), named `<upstream>-canary` in its errors and health:
 * the same budget and breaker as the primary's, but a single attempt, since a request the canary
 * fails is either answered by the primary or, for a write, not sent again (proxy.ts).
 */
export function createCanaryClients(config: GatewayConfig, logger?: Logger): Map<string, ServiceClient> {
  const { resilience } = config;
  return new Map(config.canary.canaries.map((canary) => [canary.service, createServiceClient({
    name: `${canary.service}-canary`,
    baseUrl: canary.url,
    timeoutMs: resilience.timeoutMs,
    retry: { maxAttempts: 1 },
    breaker: { threshold: resilience.breakerThreshold, halfOpenAfterMs: resilience.breakerHalfOpenMs },
    ...(logger ? { logger } : {}),
  })]));
}
