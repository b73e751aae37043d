import { applyDecorators } from '@nestjs/common';
import { IsStrongPassword, Matches, MaxLength, ValidationOptions } from 'class-validator';

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
