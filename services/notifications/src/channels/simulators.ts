// SMS and push SIMULATORS: Bazaar has no SMS gateway or push service to call, so these stand in for
// them behind the same adapter a real provider would use. They send nothing: each logs what it
// would have sent, and answers with a provider id derived from the message, so a resend gets the
// same id, as a provider's idempotency key would.
import { createHash } from 'node:crypto';
import type { Logger } from '@bazaar/platform';
import type { Notification } from '../notifications/notification.store.js';
import { PermanentSendError, type ChannelAdapter } from './channel.js';

const providerId = (kind: string, id: string) => `sim-${kind}-${createHash('sha256').update(id).digest('hex').slice(0, 20)}`;

export class SmsSimulator implements ChannelAdapter {
  readonly channel = 'sms' as const;
  constructor(private readonly logger: Pick<Logger, 'info'>) {}

  async send(message: Notification): Promise<string> {
    if (!message.recipient) throw new PermanentSendError('the message has no phone number');
    const id = providerId('sms', message.id);
    this.logger.info({ simulator: 'sms', to: message.recipient, text: message.body, providerId: id, notificationId: message.id }, 'SMS simulator: message "sent"');
    return id;
  }
}

export class PushSimulator implements ChannelAdapter {
  readonly channel = 'push' as const;
  constructor(private readonly logger: Pick<Logger, 'info'>) {}

  async send(message: Notification): Promise<string> {
    const id = providerId('push', message.id);
    this.logger.info({ simulator: 'push', user: message.recipient, title: message.subject, text: message.body, providerId: id, notificationId: message.id }, 'push simulator: notification "sent"');
    return id;
  }
}
