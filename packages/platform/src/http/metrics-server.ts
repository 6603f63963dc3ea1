import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';

export interface MetricsServerOptions {
  registry: Registry;
  /** 0 picks a free port (tests); the bound port is on the result. */
  port: number;
  host: string;
  logger?: Logger;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

function problem(status: number, title: string, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title, status, detail });
}

/**
 * Serves `GET /metrics` (Prometheus' text format) on a port of its own, apart from the public API:
 * the metrics name every route, queue and backlog, and scraping them costs real work, so they are
 * for the monitoring network only (the port is not published through the gateway, a Kubernetes
 * Service or the image's public port). Nothing else is served here.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': PROBLEM_JSON }).end(problem(404, 'Not Found', 'this port serves only GET /metrics'));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': PROBLEM_JSON, allow: 'GET, HEAD' }).end(problem(405, 'Method Not Allowed', '/metrics is read with GET'));
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        options.logger?.error({ err: error }, 'collecting metrics failed');
        response.writeHead(500, { 'content-type': PROBLEM_JSON }).end(problem(500, 'Internal Server Error', 'collecting metrics failed'));
      },
    );
  });
  // A scraper that stalls must not hold the port's sockets forever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
