import * as argon2 from 'argon2';

/** The policy lives in common/, so configuration can check ADMIN_PASSWORD with the same rule. */
export { IsAlliedPassword } from '../common/password-policy';

/** OWASP's argon2id recommendation: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // An unknown address still costs one hash, so timing does not tell that it is unknown.
  if (!hash) {
    await argon2.hash(password, ARGON2_OPTIONS);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
