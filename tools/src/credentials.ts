import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './services.js';

/**
 * Local development credentials, generated once and kept in `.data/credentials.json` (mode 0600,
 * git-ignored). In a deployment these come from the platform's secret store instead.
 */
export class CredentialStore {
  private readonly file: string;
  private readonly values: Record<string, string>;

  constructor(dir = path.join(repoRoot, '.data')) {
    this.file = path.join(dir, 'credentials.json');
    mkdirSync(dir, { recursive: true });
    this.values = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }

  /** The secret stored under `key`, if there is one (never generates). */
  find(key: string): string | undefined {
    return this.values[key];
  }

  /** The secret stored under `key`, generating and saving one the first time. */
  get(key: string): string {
    let value = this.values[key];
    if (!value) {
      value = randomBytes(18).toString('base64url');
      this.values[key] = value;
      writeFileSync(this.file, JSON.stringify(this.values, null, 2));
      chmodSync(this.file, 0o600);
    }
    return value;
  }
}
