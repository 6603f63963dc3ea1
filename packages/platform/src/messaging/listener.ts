import type { Pool, PoolClient } from '../db/pool.js';
import type { Logger } from '../logger.js';

/**
 * Holds one connection of the pool in `LISTEN <channel>`, so a poller wakes as soon as a transaction
 * that NOTIFYs the channel commits (NOTIFY is delivered on commit only). If the connection is lost it
 * listens again a few seconds later; meanwhile the poller's own interval carries on, so a lost
 * notification only delays.
 */
export class PgListener {
  private client: PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly retryMs = 5000,
  ) {
    // Interpolated into LISTEN, which takes no parameters: a plain identifier only.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a LISTEN channel name: ${JSON.stringify(channel)}`);
  }

  start(): void {
    this.stopped = false;
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
    client.release();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const owned = client;
      owned.on('notification', () => this.onNotify());
      owned.on('error', () => {
        if (this.client !== owned) return;
        this.client = undefined;
        owned.release(true);
        this.retry();
      });
      await owned.query(`LISTEN ${this.channel}`);
      this.client = owned;
      if (this.stopped) await this.stop();
    } catch (error) {
      client?.release(true);
      this.logger.warn({ err: error, channel: this.channel }, `cannot LISTEN on ${this.channel}; polling until it can`);
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.listen(), this.retryMs);
    this.timer.unref();
  }
}

/** The relay's listener: the trigger in messaging.sql notifies `outbox` when a transaction wrote messages. */
export class OutboxListener extends PgListener {
  constructor(pool: Pool, logger: Pick<Logger, 'warn'>, onNotify: () => void, retryMs = 5000) {
    super(pool, logger, 'outbox', onNotify, retryMs);
  }
}
