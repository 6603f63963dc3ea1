import { AppError, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import type { Dispatcher } from '../delivery/dispatcher.js';
import type { NotificationQueue } from '../delivery/queue.js';
import {
  AdminNotificationPageSchema, ListNotificationsQuery, NotificationPageSchema, NotificationParams, QueueCountsSchema, RetriedSchema,
} from './notification.schemas.js';
import { countFailed, findNotification, listNotifications, type Notification } from './notification.store.js';

export interface NotificationRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
  queue: NotificationQueue;
  dispatcher: Dispatcher;
}

const security = [{ bearer: [] }];

/** A user's own messages, and the admins' view of the queue and of what failed. */
export function registerNotificationRoutes(app: ServiceApp, deps: NotificationRoutesDeps): void {
  const user = deps.auth.preHandler();
  const admin = deps.auth.preHandler({ role: 'admin' });

  app.get('/notifications', {
    schema: {
      operationId: 'listNotifications', tags: ['notifications'], summary: 'My messages, newest first', security,
      description: 'next gives the next page. Beyond the parameters\' schemas, the only refusal is an after that names no message of this listing (400 naming after).',
      querystring: ListNotificationsQuery, response: { 200: NotificationPageSchema },
    },
    preHandler: user,
  }, async (request) => {
    const { userId } = await deps.auth.requireUser(request);
    const { after, limit } = request.query;
    return page(await listNotifications(deps.pool, { userId, after, limit: limit + 1 }), limit, toView);
  });

  app.get('/notifications/failed', {
    schema: {
      operationId: 'listFailedNotifications', tags: ['notifications'], summary: 'Messages that used up their attempts (admins), newest first', security,
      description: 'Each with its last error. Beyond the parameters\' schemas, the only refusal is an after that names no failed message (400 naming after).',
      querystring: ListNotificationsQuery, response: { 200: AdminNotificationPageSchema },
    },
    preHandler: admin,
  }, async (request) => {
    const { after, limit } = request.query;
    return page(await listNotifications(deps.pool, { status: 'failed', after, limit: limit + 1 }), limit, toAdminView);
  });

  app.post('/notifications/:id/retry', {
    schema: {
      operationId: 'retryNotification', tags: ['notifications'], summary: 'Send a failed message again (admins)', security,
      description: 'Its attempts start again. 404 for an id that names no message, 409 for a message that has not failed.',
      params: NotificationParams, response: { 202: RetriedSchema },
    },
    preHandler: admin,
  }, async (request, reply) => {
    const message = await findNotification(deps.pool, request.params.id);
    if (!message) throw AppError.notFound('the message');
    if (message.status !== 'failed') throw AppError.conflict(`the message is ${message.status}, not failed`, { status: message.status });
    const retried = await queued(deps.dispatcher.retryFailed([message.id]));
    return reply.code(202).send({ retried });
  });

  app.post('/notifications/failed/retry', {
    schema: {
      operationId: 'retryFailedNotifications', tags: ['notifications'], summary: 'Send every failed message again (admins)', security,
      description: 'Answers how many were queued again (0 when none had failed).',
      response: { 202: RetriedSchema },
    },
    preHandler: admin,
  }, async (_request, reply) => reply.code(202).send({ retried: await queued(deps.dispatcher.retryFailed('all')) }));

  app.get('/notifications/queue', {
    schema: {
      operationId: 'getNotificationQueue', tags: ['notifications'], summary: "The send queue's counts (admins)", security,
      description: 'BullMQ\'s waiting, active, delayed and failed jobs, the age of the oldest waiting one, and the failed messages in the history. 503 while Redis is out of reach.',
      response: { 200: QueueCountsSchema },
    },
    preHandler: admin,
  }, async () => {
    const [counts, failedInHistory] = await Promise.all([queued(deps.queue.counts()), countFailed(deps.pool)]);
    return { ...counts, failedInHistory };
  });
}

function page<T>(rows: Notification[] | null, limit: number, view: (n: Notification) => T): { items: T[]; next?: string } {
  // The same answer whether the id exists for someone else or nowhere: a cursor is no existence oracle.
  if (!rows) throw AppError.invalid('querystring.after names no message of this listing', [{ field: 'querystring.after', message: 'names no message of this listing' }]);
  const shown = rows.slice(0, limit);
  return rows.length > limit ? { items: shown.map(view), next: shown[shown.length - 1]!.id } : { items: shown.map(view) };
}

/** Redis out of reach makes a queue operation a 503 the client may retry, not a 500. */
async function queued<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', 'the send queue is unavailable; try again shortly', { headers: { 'retry-after': '2' }, cause: error });
  }
}

const toView = (n: Notification) => ({
  id: n.id, channel: n.channel, kind: n.kind, orderId: n.orderId, recipient: n.recipient, subject: n.subject, body: n.body,
  status: n.status, attempts: n.attempts, createdAt: n.createdAt.toISOString(), sentAt: n.sentAt?.toISOString() ?? null,
});

const toAdminView = (n: Notification) => ({
  ...toView(n), userId: n.userId, eventId: n.eventId, eventType: n.eventType, jobId: n.jobId, lastError: n.lastError,
  providerId: n.providerId, updatedAt: n.updatedAt.toISOString(),
});
