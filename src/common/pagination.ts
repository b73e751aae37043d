import { Type } from '@nestjs/common';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { getManyPlain } from '../database/plain-rows';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/** As the Relay connection specification has it; lists here page forward only (first/after). */
@ObjectType({ description: 'Where a page of a connection stands in the whole list (Relay PageInfo).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page: ask again with after: endCursor.' }) hasNextPage: boolean;
  @Field({ description: 'True when this page was asked for after a cursor, so items come before it. Lists page forward only.' })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "The first item's cursor; null for an empty page." }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: "The last item's cursor, to pass as after for the next page; null for an empty page." })
  endCursor: string | null;
}

export const EMPTY_PAGE_INFO: PageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
/**
 * A count the client may not ask for: paginate makes `totalCount` a getter
 * that starts the counting query when read, and GraphQL reads it only when
 * the field is selected (a spread of the page reads it at once).
 */
export type Count = number | Promise<number>;

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: Count;
}

/** `XConnection` and `XEdge` types of the contract, for any node type. */
export function Connection<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its place in the list.` })
  class Edge {
    @Field({ description: 'Opaque; pass it as after to continue behind this item.' }) cursor: string;
    @Field(() => node, { description: `The ${name}.` }) node: T;
  }
  @ObjectType(`${name}Connection`, { isAbstract: true, description: `A page of ${name} items (Relay connection): first 1 to ${MAX_PAGE}, default ${DEFAULT_PAGE}.` })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [Edge], { description: 'The items of this page, in the order of the list.' }) edges: Edge[];
    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursors to reach them.' }) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many items the whole list holds under the same filters, across all pages.' }) totalCount: Count;
  }
  return ConnectionType;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE}.`);
  }
  return first;
}

const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
// Cursors hold a few sort values (a designation, a clause, an id); anything longer was not given out.
const MAX_CURSOR = 1000;
function decode(cursor: string, width: number): unknown[] {
  if (cursor.length > MAX_CURSOR) throw badInput('after', `after must be at most ${MAX_CURSOR} characters: a cursor this list gave out.`);
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(values) && values.length === width) return values;
  } catch {
    /* fall through */
  }
  throw badInput('after', 'after is not a cursor this list gave out; start again without it.');
}

export interface KeysetOrder<R> {
  /** SQL expressions that order the list uniquely (the last one is a unique id). */
  columns: string[];
  /** The values of those expressions for a row, in the same order. */
  values: (row: R) => unknown[];
  direction?: 'ASC' | 'DESC';
}

/**
 * Keyset pagination: the cursor holds the sort values of the last row, so a
 * page costs the same wherever it starts and rows inserted meanwhile do not
 * shift it. totalCount counts the whole filtered list.
 */
export async function paginate<R extends ObjectLiteral, N = R>(
  qb: SelectQueryBuilder<R>,
  args: { first?: number | null; after?: string | null },
  order: KeysetOrder<R>,
  toNode: (row: R) => N = (row) => row as unknown as N,
): Promise<Page<N>> {
  const size = pageSize(args.first);
  const direction = order.direction ?? 'ASC';
  const counting = qb.clone();
  if (args.after) {
    const values = decode(args.after, order.columns.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    const op = direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${order.columns.join(', ')}) ${op} (${values.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  order.columns.forEach((c, i) => (i === 0 ? qb.orderBy(c, direction) : qb.addOrderBy(c, direction)));
  const rows = await getManyPlain(qb.limit(size + 1));
  return pageOf(rows, size, args.after, order.values, toNode, () => counting.getCount());
}

/**
 * The SQL of a keyset page for a statement written by hand (a prepared
 * statement, see readPrepared): the condition that continues after the
 * cursor (`after`, empty for the first page) with its values as $n
 * parameters numbered from `from`, the ORDER BY and the LIMIT (one row more
 * than the page, which says whether another follows). Validates first and
 * after as paginate does.
 */
export function keyset(args: { first?: number | null; after?: string | null }, columns: string[], from: number, direction: 'ASC' | 'DESC' = 'ASC') {
  const size = pageSize(args.first);
  let after = '';
  let params: unknown[] = [];
  if (args.after) {
    params = decode(args.after, columns.length);
    after = `(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${params.map((_, i) => `$${from + i}`).join(', ')})`;
  }
  return { size, after, params, orderBy: columns.map((c) => `${c} ${direction}`).join(', '), limit: size + 1 };
}

/**
 * The connection of a page read with one row more than `size` (see keyset):
 * cursors from each row's sort values, `count` run only when totalCount is
 * read.
 */
export function pageOf<R, N = R>(
  rows: R[],
  size: number,
  after: string | null | undefined,
  values: (row: R) => unknown[],
  toNode: (row: R) => N,
  count: () => Promise<number>,
): Page<N> {
  const n = Math.min(rows.length, size);
  const edges: { cursor: string; node: N }[] = new Array(n);
  for (let i = 0; i < n; i++) edges[i] = { cursor: encode(values(rows[i])), node: toNode(rows[i]) };
  return {
    edges,
    get totalCount() {
      return count();
    },
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: !!after,
      startCursor: n ? edges[0].cursor : null,
      endCursor: n ? edges[n - 1].cursor : null,
    },
  };
}

/** The longest plain list (a contract list, not a connection) one request may ask for. */
export const MAX_LIST = 500;

/**
 * Pages a plain list the contract returns as `[T!]!`: `first` rows (1 to
 * MAX_LIST), continuing after the row whose id is `after`, the last one the
 * client received. `order(alias)` gives the unique sort, ending with the id.
 */
export function pageAfterId<R extends ObjectLiteral>(
  qb: SelectQueryBuilder<R>,
  table: string,
  order: (alias: string) => string[],
  args: { first?: number | null; after?: string | null },
): SelectQueryBuilder<R> {
  const first = args.first ?? MAX_LIST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_LIST) throw badInput('first', `first must be between 1 and ${MAX_LIST}.`);
  const columns = order(qb.alias);
  if (args.after) {
    qb.andWhere(`(${columns.join(', ')}) > (SELECT ${order('a').join(', ')} FROM ${table} a WHERE a.id = :after)`, { after: args.after });
  }
  columns.forEach((c, i) => (i === 0 ? qb.orderBy(c) : qb.addOrderBy(c)));
  return qb.limit(first);
}

/** The arguments of a list paged by pageAfterId. */
/** The arguments of every connection (Relay forward pagination). */
export const CONNECTION_FIRST = { type: () => Int, nullable: true, description: `How many items this page holds: ${1} to ${MAX_PAGE}, default ${DEFAULT_PAGE}.` };
export const CONNECTION_AFTER = { nullable: true, description: "The previous page's pageInfo.endCursor; omit for the first page." };

export const LIST_FIRST = { type: () => Int, nullable: true, defaultValue: MAX_LIST, description: `At most ${MAX_LIST}.` };
export const LIST_AFTER = { type: () => ID, nullable: true, description: 'The id of the last item received: the list continues after it.' };
