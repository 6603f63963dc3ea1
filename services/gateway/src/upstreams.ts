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
 * A non-critical probe per upstream (its `/health/live`, bypassing the breaker so the probe neither
 * opens nor closes it): an upstream that is down degrades the gateway but leaves it ready, since
 * every other route still works. The breaker's state is reported with it.
 */
export function registerUpstreamProbes(health: HealthRegistry, clients: Map<string, ServiceClient>, timeoutMs = 1000): void {
  for (const client of clients.values()) {
    health.register(client.name, async () => {
      const details = { url: client.baseUrl, breaker: client.state() };
      try {
        const response = await fetch(`${client.baseUrl}/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        if (!response.ok) return { status: 'unhealthy', message: `answered ${response.status}`, details };
        return { status: details.breaker === 'closed' ? 'healthy' : 'degraded', details };
      } catch (error) {
        const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
        return { status: 'unhealthy', message: cause ?? (error as Error).message, details };
      }
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
