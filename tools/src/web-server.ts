/**
 * The web app as `npm start` serves it: the built files of apps/web (apps/web/dist) and, under
 * /api/, the gateway, so the browser talks to one origin and the gateway needs no CORS for it.
 * Any other path that is not a file is the app's index.html: the app's router owns those addresses
 * (/products/…, /verify-email?token=…), and a reload or a mailed link must find the app there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import replyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import { repoRoot } from './services.js';

export const webRoot = path.join(repoRoot, 'apps', 'web', 'dist');

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

// The app's own scripts, styles and API calls; images may be drawn inline (data:). No frames.
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export async function startWebServer(options: { gateway: string; port: number; host?: string; root?: string }): Promise<WebServer> {
  const root = options.root ?? webRoot;
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`no built web app in ${path.relative(process.cwd(), root) || root}: run npm run build`);
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) return;
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  await app.register(async (proxy) => {
    // Bodies go through as they came (a stream), not parsed and written again.
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    await proxy.register(replyFrom, { base: options.gateway, http: { requestOptions: { timeout: 30_000 } } });
    // The gateway itself not answering is a problem like the gateway's own for an upstream down.
    const onError: FastifyReplyFromHooks['onError'] = (reply) => void reply.code(502).type('application/problem+json').send({
      type: 'https://bazaar.dev/problems/bad_gateway', title: 'Bad Gateway', status: 502, code: 'bad_gateway', upstream: 'gateway', detail: 'the gateway is not answering',
    });
    proxy.all('/api/*', (request, reply) => reply.from(request.url.slice('/api'.length), { onError }));
    proxy.all('/api', (_request, reply) => reply.from('/', { onError }));
  });

  await app.register(fastifyStatic, {
    root,
    index: false,
    // The build writes .br and .gz beside each text asset (apps/web/scripts/compress.mjs): a browser
    // that accepts one gets it, with Vary: Accept-Encoding.
    preCompressed: true,
    // Vite names every asset by its content's hash, so a name is never reused for another content.
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const index = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  // A folder (`/` first of all) is the app, not a listing: @fastify/static would refuse it.
  app.get('/', (_request, reply) => index(reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(404).send({ title: 'Not Found', status: 404 });
    return index(reply);
  });

  const url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return { url, close: () => app.close() };
}
