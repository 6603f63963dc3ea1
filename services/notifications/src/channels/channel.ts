import type { Channel } from '../notifications/notification.js';
import type { Notification } from '../notifications/notification.store.js';

/** One way of reaching a person. `send` resolves to the provider's id of the message, or throws. */
export interface ChannelAdapter {
  readonly channel: Channel;
  send(message: Notification): Promise<string>;
  close?(): void | Promise<void>;
}

/**
 * A refusal that trying again will not change (an address the server rejects for good): the
 * message is recorded failed at once instead of using up its attempts.
 */
export class PermanentSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentSendError';
  }
}
