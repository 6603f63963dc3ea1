import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// The package's Algorithm is an ambient const enum, which verbatimModuleSyntax cannot inline: this is
// its Argon2id member, typed so a change of numbering in the package fails to compile.
const ARGON2ID: Algorithm.Argon2id = 2;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** The policy, worded for the OpenAPI description and for error messages. */
export const PASSWORD_POLICY =
  `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters of any kind, not one of the ~50,000 most common ` +
  'passwords (case ignored), and not the email address itself';

// zxcvbn-ts's list of common passwords (from breach corpora), shipped in the package: nothing is
// fetched at run time. Lower-cased, as the list is.
const COMMON = new Set(dictionary['passwords-common']);

/**
 * NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules (they push people to `P@ssw0rd`),
 * and a refusal of passwords known to be common or breached, compared without regard to case.
 */
export function passwordProblem(password: string, email: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lowered = password.trim().toLowerCase();
  if (COMMON.has(lowered)) return 'is too common: choose another';
  if (lowered === email.trim().toLowerCase()) return 'must not be the email address';
  return undefined;
}

/**
 * argon2id hashing with OWASP's parameters (memory configurable). It also answers for accounts
 * that do not exist by verifying against a throwaway hash, so a login for an unknown email costs as
 * long as one with a wrong password and the two cannot be told apart by timing.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly memoryKib: number) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.memoryKib, timeCost: 2, parallelism: 1 });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash never authenticates anyone
    }
  }

  /** Computes the throwaway hash ahead of the first login, so that login is not the slow one. */
  async prepare(): Promise<void> {
    await this.dummyHash();
  }

  /** Spends the time of one verification and always fails. */
  async verifyNobody(password: string): Promise<false> {
    await this.verify(await this.dummyHash(), password);
    return false;
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
    return this.dummy;
  }
}
