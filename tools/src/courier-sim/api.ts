/**
 * The courier simulator's way to the shop: JSON over HTTP to the gateway, nothing else, and a signed-in
 * session per account that keeps its access token fresh (refresh before it expires, log in again when
 * a refresh or a call is refused).
 */

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Seconds, from Retry-After, when the gateway or a service asked to wait. */
  retryAfter?: number;
}

/** A call that asks the caller to wait (429, 503) or did not get through; carries how long to wait. */
export class BackOff extends Error {
  constructor(message: string, readonly waitMs: number) {
    super(message);
  }
}

export class Gateway {
  /** `signal` ends every call under way; the simulator gives a new one to the calls it makes while stopping. */
  constructor(readonly baseUrl: string, public signal: AbortSignal, private readonly timeoutMs = 10_000) {}

  /** One call; 429 and 503 become a BackOff, as does a network failure, every other status is the caller's to read. */
  async call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
    } catch (error) {
      if (this.signal.aborted) throw error;
      throw new BackOff(`${method} ${path}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, 5_000);
    }
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { detail: text.slice(0, 200) };
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    const answer: Answer = { status: response.status, body, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}) };
    if (response.status === 429 || response.status === 503) {
      // Never more than a minute: a long Retry-After (a sign-up limit's window) is asked again then.
      throw new BackOff(`${method} ${path}: ${response.status} ${problem(answer)}`, Math.min(60_000, (answer.retryAfter ?? 5) * 1000));
    }
    return answer;
  }
}

/** What a problem+json answer says, for one line of log. */
export function problem(answer: Answer): string {
  const { title, detail } = answer.body as { title?: string; detail?: string };
  return String(detail ?? title ?? JSON.stringify(answer.body)).slice(0, 300);
}

/** A call answered with a status the simulator cannot go on from. */
export class Refused extends Error {
  constructor(readonly what: string, readonly answer: Answer) {
    super(`${what}: ${answer.status} ${problem(answer)}`);
  }
}

interface Tokens {
  token: string;
  refreshToken: string;
  expiresIn: number;
}

/** One account's sign-in: an access token that is always fresh when asked for. */
export class Session {
  userId = '';
  roles: string[] = [];
  private tokens: Tokens | undefined;
  private expiresAt = 0;
  private renewing: Promise<void> | undefined;

  constructor(private readonly gateway: Gateway, readonly email: string, private readonly password: string, private readonly now: () => number = Date.now) {}

  /** Logs in; 401 is a Refused (wrong password, or no such account). */
  async login(): Promise<void> {
    const answer = await this.gateway.call('POST', '/auth/login', { body: { email: this.email, password: this.password } });
    if (answer.status !== 200) throw new Refused(`log in as ${this.email}`, answer);
    this.signedIn(answer.body);
  }

  /** Registers the account and signs in; false when the email has an account already (409). */
  async register(name: string): Promise<boolean> {
    const answer = await this.gateway.call('POST', '/auth/register', { body: { email: this.email, password: this.password, name } });
    if (answer.status === 409) return false;
    if (answer.status !== 201) throw new Refused(`register ${this.email}`, answer);
    this.signedIn(answer.body);
    return true;
  }

  /** New tokens for the session, carrying the user's roles as they are now; a refused refresh logs in again. */
  async refresh(): Promise<void> {
    if (!this.tokens) return this.login();
    const answer = await this.gateway.call('POST', '/auth/refresh', { body: { refreshToken: this.tokens.refreshToken } });
    if (answer.status !== 200) return this.login();
    this.keep(answer.body as unknown as Tokens);
  }

  /**
   * A token good for at least the next minute (or a fifth of its lifetime, if shorter). Callers at the
   * same moment share one renewal: a refresh token is single-use, and using one twice ends the session.
   */
  async bearer(): Promise<string> {
    const stale = !this.tokens || this.now() > this.expiresAt - Math.min(60_000, (this.tokens.expiresIn * 1000) / 5);
    if (stale) {
      this.renewing ??= (this.tokens ? this.refresh() : this.login()).finally(() => { this.renewing = undefined; });
      await this.renewing;
    }
    return this.tokens!.token;
  }

  /** The token was refused (401): the next `bearer()` signs in again. */
  forget(): void {
    this.tokens = undefined;
  }

  get signedInNow(): boolean {
    return this.tokens !== undefined;
  }

  private signedIn(body: Record<string, unknown>): void {
    this.userId = (body.user as { id: string }).id;
    this.keep(body as unknown as Tokens);
  }

  private keep(tokens: Tokens): void {
    this.tokens = { token: tokens.token, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn };
    this.expiresAt = this.now() + tokens.expiresIn * 1000;
    // The token's own claims (readable by its holder): a role given since the last token is not in them.
    const claims = JSON.parse(Buffer.from(tokens.token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as { roles?: unknown };
    this.roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  }
}

/**
 * A call as the session's user: a 401 signs in again and tries once more (the token may have been
 * revoked, or its session ended); a BackOff is thrown on.
 */
export async function callAs(gateway: Gateway, session: Session, method: string, path: string, body?: unknown): Promise<Answer> {
  const first = await gateway.call(method, path, { token: await session.bearer(), ...(body !== undefined ? { body } : {}) });
  if (first.status !== 401) return first;
  session.forget();
  return gateway.call(method, path, { token: await session.bearer(), ...(body !== undefined ? { body } : {}) });
}
