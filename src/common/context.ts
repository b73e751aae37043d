import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import { Caller, RequestAuth } from './caller';

/**
 * DataLoaders made per request, so a list of N items costs one query per
 * relation rather than N. Features name their loaders and give the batch function.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

export interface GqlContext {
  auth: RequestAuth;
  loaders: Loaders;
  ip: string;
  /** Over HTTP only (not on the websocket): the refresh-session cookie is read and written here. */
  req?: Request;
  res?: Response;
}

/** The caller of the current GraphQL operation, or null for anonymous. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller | null => {
  return GqlExecutionContext.create(context).getContext<GqlContext>().auth?.caller ?? null;
});

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): GqlContext => {
  return GqlExecutionContext.create(context).getContext<GqlContext>();
});

/** Groups rows by a key in the order of the keys a DataLoader asked for. */
export function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export function indexBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}
