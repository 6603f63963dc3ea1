import type { Pool, PoolClient } from '../db/pool.js';
import type { Logger } from '../logger.js';

/**
 * Holds one connection of the pool in `LISTEN outbox`, so the relay wakes as soon as a transaction
 * that wrote messages commits (the trigger in messaging.sql notifies). If the connection is lost it
 * listens again a few seconds later; meanwhile the relay's polling carries on.
 */
export class OutboxListener {
  private client: PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly onNotify: () => void,
    private readonly retryMs = 5000,
  ) {}

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
    await client.query('UNLISTEN outbox').catch(() => undefined);
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
      await owned.query('LISTEN outbox');
      this.client = owned;
      if (this.stopped) await this.stop();
    } catch (error) {
      client?.release(true);
      this.logger.warn({ err: error }, 'cannot LISTEN for outbox notifications; polling until it can');
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
