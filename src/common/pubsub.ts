import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { rootLogger } from './logger';

type Listener = (payload: unknown) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long ready() waits for the LISTEN connection before a subscription fails. */
const READY_TIMEOUT_MS = 10_000;

/**
 * Live events through PostgreSQL LISTEN/NOTIFY, so that every replica of the
 * service hears what any of them wrote.
 *
 * - `publish(m, channel, payload)` sends `pg_notify` in the writer's
 *   transaction: PostgreSQL delivers it on commit and drops it on rollback.
 *   Keep payloads small (ids); subscribers load the row they are allowed to see.
 * - `subscribe(channel)` is an async iterator of payloads; `return()` ends it.
 *
 * One dedicated connection per process LISTENs. When it is lost (the
 * database restarted, the backend was terminated) it is opened again, with
 * growing pauses while the database is away, and LISTENs again on every
 * channel that has subscribers. Events sent while it was away are not
 * replayed: NOTIFY keeps nothing for absent listeners.
 */
@Injectable()
export class PubSub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listenClient: Client | null = null;
  private connecting: Promise<Client | null> | null = null;
  private closed = false;
  /**
   * Counts the LISTEN connections opened and lost. A cache that is kept
   * current by events (accounts/caller-cache.ts) trusts what it holds only
   * while this is unchanged since it filled an entry, and the connection is up.
   */
  connectionEpoch = 0;
  /** Channels LISTENed on the current connection (cleared when it is lost). */
  private readonly listening = new Map<string, Promise<void>>();

  constructor(private readonly dataSource: DataSource, private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => undefined);
  }

  /** True while the LISTEN connection is up: no event of a channel with subscribers is being missed. */
  get connected(): boolean {
    return this.listenClient !== null;
  }

  publish(m: EntityManager, channel: string, payload: unknown): Promise<void> {
    return this.publishMany(m, channel, [payload]);
  }

  /** Many events in one statement (an import of thousands of rows). */
  async publishMany(m: EntityManager, channel: string, payloads: unknown[]): Promise<void> {
    if (!payloads.length) return;
    await m.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [channel, payloads.map((p) => JSON.stringify(p))]);
  }

  /**
   * Payloads published on the channel from now on, until `return()` is called.
   * At most LIVE_QUEUE_LIMIT wait unread: a consumer further behind gets a
   * SlowConsumerError instead of making the process hold every event for it.
   */
  subscribe<T = unknown>(channel: string): LiveIterator<T> {
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
      drain: () => queue.splice(0),
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

  /**
   * subscribe(), resolved once the process LISTENs on the channel: listening
   * first and then subscribing would drop what arrives in between.
   */
  async subscribeReady<T = unknown>(channel: string): Promise<LiveIterator<T>> {
    const source = this.subscribe<T>(channel);
    try {
      await this.ready(channel);
    } catch (err) {
      await source.return?.();
      throw err;
    }
    return source;
  }

  /**
   * Resolves once this process LISTENs on the channel, so nothing committed
   * afterwards is missed; fails when the database cannot be reached in time.
   */
  ready(channel: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('live events are unavailable: the database cannot be reached')), READY_TIMEOUT_MS);
    });
    return Promise.race([this.listen(channel), timeout]).finally(() => clearTimeout(timer));
  }

  /** LISTENs on the channel on the current connection, waiting for one if need be. Never rejects. */
  private listen(channel: string): Promise<void> {
    let done = this.listening.get(channel);
    if (!done) {
      done = (async () => {
        while (!this.closed) {
          const client = await this.connect();
          if (!client) return;
          try {
            await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
            return;
          } catch {
            await sleep(100); // the connection was lost under us; the next one LISTENs again
          }
        }
      })();
      this.listening.set(channel, done);
    }
    return done;
  }

  /** The LISTEN connection, opened (again) if need be; null once the service shuts down. */
  private connect(): Promise<Client | null> {
    if (this.listenClient) return Promise.resolve(this.listenClient);
    this.connecting ??= (async () => {
      const url = (this.dataSource.options as { url?: string }).url;
      for (let pause = 100; !this.closed; pause = Math.min(pause * 2, 5_000)) {
        const client = new Client({ connectionString: url, application_name: 'ssw-listen' });
        client.on('notification', (n) => {
          try {
            this.deliver(n.channel, JSON.parse(n.payload ?? 'null'));
          } catch (err) {
            rootLogger.warn({ err, channel: n.channel }, 'unreadable notification');
          }
        });
        client.on('error', (err) => rootLogger.warn({ err }, 'LISTEN connection failed; opening it again'));
        try {
          await client.connect();
          for (const channel of this.listeners.keys()) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
        } catch (err) {
          await client.end().catch(() => undefined);
          rootLogger.warn({ err, retryInMs: pause }, 'cannot open the LISTEN connection');
          await sleep(pause);
          continue;
        }
        client.on('end', () => this.lost(client));
        this.listening.clear();
        for (const channel of this.listeners.keys()) this.listening.set(channel, Promise.resolve());
        this.listenClient = client;
        this.connectionEpoch++;
        return client;
      }
      return null;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private lost(client: Client) {
    if (this.listenClient !== client) return;
    this.listenClient = null;
    this.connectionEpoch++;
    this.listening.clear();
    if (!this.closed) void this.connect();
  }

  private deliver(channel: string, payload: unknown) {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }
}

/** The events of one subscription; `drain()` takes every one already waiting, without waiting. */
export interface LiveIterator<T> extends AsyncIterableIterator<T> {
  drain(): T[];
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
 * in order, ending when the consumer ends (graphql-ws calls return() on
 * unsubscribe). `select` gets every payload waiting at once, so that a
 * subscriber under load reads its events with one query per batch rather
 * than one per event: one at a time, a busy connection pool made it fall
 * further behind with every event published.
 */
export function selectEach<P, T>(source: LiveIterator<P>, select: (payloads: P[]) => Promise<(T | null)[]>): AsyncIterableIterator<T> {
  const ready: T[] = [];
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      while (!ready.length) {
        const r = await source.next();
        if (r.done) return { value: undefined, done: true };
        const values = await select([r.value, ...source.drain()]);
        for (const value of values) if (value !== null) ready.push(value);
      }
      return { value: ready.shift()!, done: false };
    },
    return: async () => {
      ready.length = 0;
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
