import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badInput } from './errors';

/** A lone high surrogate, or a low surrogate without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string that holds a NUL or a lone surrogate, or null. */
function badText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : null;
  if (!value || typeof value !== 'object' || path.length > 20) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = badText(v, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * Whether a parameter holds the client's input: an HTTP body, query or path
 * parameter, or a GraphQL resolver's arguments. Not a resolver's parent
 * (GraphQL paramtype 0: a value this service produced), its context (1) or
 * its info (2), nor a custom decorator's value (the caller, the loaders).
 * The global pipes run for every parameter of every field resolver of every
 * row: checking the service's own rows (a comment's whole body, scanned and
 * copied into a class instance) was most of what they cost, and guarded nothing.
 */
export function isClientInput(metadata: ArgumentMetadata): boolean {
  const type = metadata.type as unknown;
  return type !== 'custom' && type !== 0 && type !== 1 && type !== 2;
}

/**
 * Refuses text PostgreSQL cannot store (NUL) or that is not valid UTF-16 (a
 * lone surrogate) in any argument, before validation: class-validator's IsEmail
 * throws on a lone surrogate, and a NUL reaching a query fails in the driver,
 * and both became INTERNAL_SERVER_ERROR.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const found = isClientInput(metadata) ? badText(value) : null;
    if (!found) return value;
    const field = [metadata.data, ...found].filter(Boolean).join('.') || 'input';
    throw badInput(field, `${field} contains a NUL character or invalid UTF-16 (a lone surrogate); remove it and try again.`);
  }
}
