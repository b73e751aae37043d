import * as argon2 from 'argon2';
import { IsStrongPassword, ValidationOptions } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Matches, MaxLength } from 'class-validator';

/**
 * The Alliance's own sites' rule: at least 12 characters, no spaces, upper
 * and lower case letters, digits and symbols. 256 caps the work argon2 does.
 */
export function IsAlliedPassword(options: ValidationOptions = {}) {
  return applyDecorators(
    IsStrongPassword(
      { minLength: 12, minLowercase: 1, minUppercase: 1, minNumbers: 1, minSymbols: 1 },
      { ...options, message: ({ property }) => `${property} needs at least 12 characters with upper and lower case letters, digits and symbols` },
    ),
    Matches(/^\S*$/, { ...options, message: ({ property }) => `${property} must not contain spaces` }),
    MaxLength(256, options),
  );
}

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
