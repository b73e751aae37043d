import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AppConfig } from '../config/config';
import { rootLogger } from './logger';

type Listener = (payload: unknown) => void;

/**
 * Live events through PostgreSQL LISTEN/NOTIFY, so that every replica of the
 * service hears what any of them wrote.
 *
 * - `publish(m, channel, payload)` sends `pg_notify` in the writer's
 *   transaction: PostgreSQL delivers it on commit and drops it on rollback.
 *   Keep payloads small (ids); subscribers load the row they are allowed to see.
 * - `subscribe(channel)` is an async iterator of payloads; `return()` ends it.
 *
 * One dedicated connection per process LISTENs. The embedded database
 * (PGlite behind pglite-socket) serves one process and is not relied on for
 * LISTEN/NOTIFY across its socket connections, so there events are delivered
 * in-process when the writer's transaction commits (a TypeORM transaction
 * subscriber), and dropped when it rolls back.
 */
@Injectable()
export class PubSub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listenClient: Client | null = null;
  private readonly listening = new Map<string, Promise<void>>();
  /** Events of open transactions, delivered locally at commit (embedded database only). */
  private readonly pending = new WeakMap<QueryRunner, { channel: string; payload: unknown }[]>();

  constructor(private readonly dataSource: DataSource, private readonly config: AppConfig) {}

  /** True when events cross processes (a PostgreSQL server); false on the embedded database. */
  get crossProcess(): boolean {
    return !!this.listenClient;
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending = this.pending;
    const deliver = (channel: string, payload: unknown) => this.deliver(channel, payload);
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit(event: TransactionCommitEvent) {
        const events = pending.get(event.queryRunner);
        pending.delete(event.queryRunner);
        for (const e of events ?? []) deliver(e.channel, e.payload);
      },
      afterTransactionRollback(event: TransactionRollbackEvent) {
        pending.delete(event.queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
    if (!this.config.DATABASE_URL) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (n) => {
      try {
        this.deliver(n.channel, JSON.parse(n.payload ?? 'null'));
      } catch (err) {
        rootLogger.warn({ err, channel: n.channel }, 'unreadable notification');
      }
    });
    client.on('error', (err) => rootLogger.error({ err }, 'LISTEN connection failed; live events stop until restart'));
    await client.connect();
    this.listenClient = client;
    for (const channel of this.listeners.keys()) await this.listen(channel);

  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => undefined);
  }

  publish(m: EntityManager, channel: string, payload: unknown): Promise<void> {
    return this.publishMany(m, channel, [payload]);
  }

  /** Many events in one statement (an import of thousands of rows). */
  async publishMany(m: EntityManager, channel: string, payloads: unknown[]): Promise<void> {
    if (!payloads.length) return;
    if (this.listenClient) {
      await m.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [channel, payloads.map((p) => JSON.stringify(p))]);
      return;
    }
    const runner = m.queryRunner;
    if (runner?.isTransactionActive) {
      const list = this.pending.get(runner) ?? [];
      list.push(...payloads.map((payload) => ({ channel, payload })));
      this.pending.set(runner, list);
    } else {
      setImmediate(() => payloads.forEach((payload) => this.deliver(channel, payload)));
    }
  }

  /**
   * Payloads published on the channel from now on, until `return()` is called.
   * At most LIVE_QUEUE_LIMIT wait unread: a consumer further behind gets a
   * SlowConsumerError instead of making the process hold every event for it.
   */
  subscribe<T = unknown>(channel: string): AsyncIterableIterator<T> {
    const queue: T[] = [];
    const waiting: ((r: IteratorResult<T>) => void)[] = [];
    let done = false;
    let overflowed = false;
    const listener: Listener = (payload) => {
      const next = waiting.shift();
      if (next) next({ value: payload as T, done: false });
      else if (queue.length < this.config.LIVE_QUEUE_LIMIT) queue.push(payload as T);
      else {
        overflowed = true;
        void finish();
      }
    };
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    void this.listen(channel);
    const finish = async (): Promise<IteratorResult<T>> => {
      if (!done) {
        done = true;
        set!.delete(listener);
        queue.length = 0;
        for (const w of waiting.splice(0)) w({ value: undefined, done: true });
      }
      return { value: undefined, done: true };
    };
    return {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (overflowed) return Promise.reject(new SlowConsumerError(channel, this.config.LIVE_QUEUE_LIMIT));
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      throw: async (err) => {
        await finish();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Resolves once this process LISTENs on the channel, so nothing committed afterwards is missed. */
  ready(channel: string): Promise<void> {
    return this.listen(channel);
  }

  private listen(channel: string): Promise<void> {
    const client = this.listenClient;
    if (!client) return Promise.resolve();
    let done = this.listening.get(channel);
    if (!done) {
      done = client.query(`LISTEN ${client.escapeIdentifier(channel)}`).then(() => undefined);
      this.listening.set(channel, done);
    }
    return done;
  }

  private deliver(channel: string, payload: unknown) {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }
}

/** A subscriber left more events unread than LIVE_QUEUE_LIMIT; its events were dropped. */
export class SlowConsumerError extends Error {
  constructor(channel: string, limit: number) {
    super(`More than ${limit} ${channel} events were left unread; subscribe again and reload.`);
    this.name = 'SlowConsumerError';
  }
}

/**
 * The payloads of `source` that `select` turns into values (null skips one),
 * ending when the consumer ends (graphql-ws calls return() on unsubscribe).
 */
export function selectEach<P, T>(source: AsyncIterableIterator<P>, select: (payload: P) => Promise<T | null>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      for (;;) {
        const r = await source.next();
        if (r.done) return { value: undefined, done: true };
        const value = await select(r.value);
        if (value !== null) return { value, done: false };
      }
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (err) => {
      await source.return?.();
      throw err;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

