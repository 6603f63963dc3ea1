import nodemailer, { type Transporter } from 'nodemailer';
import { messageIdOf } from '../notifications/notification.js';
import type { Notification } from '../notifications/notification.store.js';
import { withSmtpSpan, type SmtpTarget } from '../delivery/tracing.js';
import { PermanentSendError, type ChannelAdapter } from './channel.js';

export interface EmailSettings {
  /** smtp://host:port (smtps:// for TLS), with credentials in the URL where the server wants them. */
  smtpUrl: string;
  from: string;
  /** Connections kept open to the server (the worker's concurrency is a good value). */
  maxConnections?: number;
}

/**
 * Email through a real SMTP server with nodemailer. The Message-ID is the notification's own, so a
 * message sent again after a crash between the server's "250" and the history's update is the same
 * message to the server and the mailbox, not a second one.
 */
export class SmtpEmail implements ChannelAdapter {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  /** Where sends go, for their spans: host and port only, never the URL's credentials. */
  private readonly server: SmtpTarget;

  constructor(private readonly settings: EmailSettings) {
    const url = new URL(settings.smtpUrl);
    this.server = { host: url.hostname, port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587) };
    this.transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      pool: true,
      maxConnections: settings.maxConnections ?? 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: Notification): Promise<string> {
    const to = message.recipient;
    if (!to) throw new PermanentSendError('the message has no recipient');
    try {
      const info = await withSmtpSpan(this.server, to, () => this.transport.sendMail({
        from: this.settings.from,
        to,
        subject: message.subject ?? '',
        text: message.body,
        messageId: messageIdOf(message.id),
        headers: { 'X-Bazaar-Notification': message.id },
      }));
      // The server's id when it tells one ("250 OK: queued as X"), else the Message-ID it accepted.
      const queuedAs = /queued as ([^\s]+)/i.exec(info.response ?? '')?.[1];
      return (queuedAs ?? info.messageId).slice(0, 200);
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word on this message; 4xx and lost connections are worth another try.
      if (code !== undefined && code >= 500) throw new PermanentSendError(`SMTP ${code}: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  /** Whether the server answers and accepts our greeting (for /health); throws otherwise. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
