import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Responder = (request: SeenRequest, response: http.ServerResponse) => void;

/**
 * A stand-in for a service behind the gateway: a real HTTP server on an ephemeral port that records
 * what reaches it, answers `/health/live` and `/openapi.json`, and echoes everything else unless a
 * test says otherwise. It can be stopped and started again on the same port.
 */
export class FakeUpstream {
  calls = 0;
  seen: SeenRequest[] = [];
  respond: Responder = echo;
  openapi: Record<string, unknown> = { openapi: '3.1.0', info: { title: 'fake', version: '1' }, paths: {} };
  private server = this.createServer();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = this.createServer();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reset(): void {
    this.calls = 0;
    this.seen = [];
    this.respond = echo;
  }

  /** Requests that reached the proxied routes (not health or docs). */
  get proxied(): SeenRequest[] {
    return this.seen.filter((r) => !r.url.startsWith('/health') && r.url !== '/openapi.json');
  }

  private createServer(): http.Server {
    return http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.seen.push(seen);
        if (req.url === '/health/live') return json(res, 200, { status: 'alive' });
        if (req.url === '/openapi.json') return json(res, 200, this.openapi);
        this.calls++;
        this.respond(seen, res);
      });
    });
  }
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** Answers with what it received, so a test can see exactly what the gateway forwarded. */
export const echo: Responder = (request, res) => json(res, 200, { method: request.method, url: request.url, body: request.body });

/**
 * Never answers; `abandoned` settles once the caller closes the request unanswered, i.e. the gateway
 * gave up on it (its budget ran out, or the call was cancelled).
 */
export function hangUntilAbandoned(): { respond: Responder; abandoned: Promise<void> } {
  let resolve!: () => void;
  const abandoned = new Promise<void>((r) => { resolve = r; });
  const respond: Responder = (_request, response) => {
    response.on('close', () => { if (!response.writableEnded) resolve(); });
  };
  return { respond, abandoned };
}

export const unavailable: Responder = (_request, res) =>
  res.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 503, code: 'unavailable', detail: 'the database is down' }));
