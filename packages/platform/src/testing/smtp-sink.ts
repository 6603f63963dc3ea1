import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** One message the sink accepted. */
export interface SinkMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID header as sent (with its angle brackets), or '' when it had none. */
  messageId: string;
  receivedAt: string;
}

export interface SmtpSinkOptions {
  /** SMTP port; 0 (the default) takes any free one. */
  port?: number;
  /** Port of the small web page and JSON list of what arrived; 0 takes any; null serves none (default 0). */
  httpPort?: number | null;
  host?: string;
}

export interface SmtpSink {
  /** smtp://host:port, for NOTIFICATIONS_SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** http://host:port of the page (`/`) and JSON list (`/messages`), when served. */
  readonly httpUrl: string | undefined;
  /** Everything accepted so far, oldest first. */
  readonly messages: readonly SinkMessage[];
  /** Messages sent to `address` (case-insensitive), oldest first. */
  to(address: string): SinkMessage[];
  /**
   * Answers every new message with a temporary failure (451) for a while: the next `count`
   * messages, or for `forMs` milliseconds, or (neither given) until `accept()`.
   */
  refuse(options?: { count?: number; forMs?: number }): void;
  /** Accepts messages again. */
  accept(): void;
  /** Messages refused since the sink started. */
  readonly refused: number;
  clear(): void;
  close(): Promise<void>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

/**
 * A real SMTP server that keeps what it receives in memory, for tests and for `npm start`: mail
 * really goes over SMTP (nodemailer, its pool, timeouts and errors are exercised), and what arrived
 * can be read back, from the object or over HTTP (`GET /messages`). No authentication, no TLS:
 * for 127.0.0.1 only.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const messages: SinkMessage[] = [];
  let refuseLeft = 0;
  let refuseUntil = 0;
  let refuseAlways = false;
  let refused = 0;

  const refusing = () => {
    if (refuseAlways || Date.now() < refuseUntil) return true;
    if (refuseLeft > 0) {
      refuseLeft--;
      return true;
    }
    return false;
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Refused at MAIL FROM, before any data is sent: what a busy or greylisting server does.
    onMailFrom(_address, _session, callback) {
      if (refusing()) {
        refused++;
        return callback(Object.assign(new Error('Service temporarily unavailable, try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push({
          from: addresses(mail.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          messageId: mail.messageId ?? '',
          receivedAt: new Date().toISOString(),
        });
        callback(null, `OK: queued as sink-${messages.length}`);
      }, (error: Error) => callback(error));
    },
  });
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (smtp.server.address() as AddressInfo).port;

  let http: Server | undefined;
  let httpUrl: string | undefined;
  if (options.httpPort !== null) {
    http = createServer((request, response) => {
      const path = (request.url ?? '/').split('?', 1)[0];
      if (request.method !== 'GET') {
        response.writeHead(405, { allow: 'GET' }).end();
      } else if (path === '/messages') {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify({ messages: [...messages].reverse() }));
      } else if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(messages, port));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try / or /messages');
      }
    });
    await new Promise<void>((resolve, reject) => {
      http!.once('error', reject);
      http!.listen(options.httpPort ?? 0, host, () => resolve());
    });
    httpUrl = `http://${host}:${(http.address() as AddressInfo).port}`;
  }

  return {
    url: `smtp://${host}:${port}`,
    port,
    httpUrl,
    get messages() { return messages; },
    to: (address) => messages.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase())),
    refuse(opts = {}) {
      if (opts.count === undefined && opts.forMs === undefined) refuseAlways = true;
      if (opts.count !== undefined) refuseLeft = opts.count;
      if (opts.forMs !== undefined) refuseUntil = Date.now() + opts.forMs;
    },
    accept() {
      refuseAlways = false;
      refuseLeft = 0;
      refuseUntil = 0;
    },
    get refused() { return refused; },
    clear() { messages.length = 0; },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The newest messages first, refreshed every few seconds. */
function page(messages: readonly SinkMessage[], port: number): string {
  const rows = [...messages].reverse().slice(0, 200).map((m) => `<article><header><b>${escape(m.subject)}</b><br>
    to ${escape(m.to.join(', '))} · from ${escape(m.from)} · ${escape(m.receivedAt)} · ${escape(m.messageId)}</header><pre>${escape(m.text)}</pre></article>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Bazaar mail sink</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:6px;padding:.75rem;margin:.75rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Bazaar mail sink</h1><p>${messages.length} message(s) received on SMTP port ${port}; JSON at <a href="/messages">/messages</a>.</p>${rows || '<p>Nothing yet.</p>'}</body></html>`;
}
