import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { blockFieldSuggestionsDefaultOptions } from '@escape.tech/graphql-armor-block-field-suggestions';
import { CloseCode, Context, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { ExecutionArgs, ExecutionResult, getOperationAST, GraphQLError } from 'graphql';
import * as jwt from 'jsonwebtoken';
import { WebSocket, WebSocketServer } from 'ws';
import { AppConfig } from '../config/config';
import { Caller, RequestAuth } from './caller';
import { GqlContext, Loaders } from './context';
import { forbidden } from './errors';
import { formatError } from './graphql-errors';
import { GraphqlLimits } from './graphql-limits';
import { rootLogger } from './logger';
import { SlowConsumerError } from './pubsub';

/** How a socket learns who it serves; the accounts module provides it (common knows no feature). */
export abstract class SocketAuthenticator {
  abstract authenticate(header: string | undefined): Promise<RequestAuth>;
}

/** Close codes beyond graphql-ws's own (4401 Unauthorized, 4403 Forbidden). */
export const SLOW_CONSUMER = 4429;

/** Live subscriptions one socket may hold at once. */
const MAX_SUBSCRIPTIONS = 25;

/** setTimeout's longest delay; a later expiry is caught by the periodic re-check. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What one socket keeps between messages. */
interface SocketState {
  header: string;
  expiresAt: number | null;
  timers: NodeJS.Timeout[];
}

type Extra = { socket: WebSocket; request: IncomingMessage; state?: SocketState };
type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * The graphql-ws endpoint at /graphql, made here rather than by
 * @nestjs/apollo so that it gets what HTTP has: the same parse options,
 * validation rules and production switches (GraphqlLimits), a small
 * maxPayload (ws defaults to 100 MiB), subscriptions only, a token required,
 * and the caller checked again for every operation, every event and every
 * WS_RECHECK_SECONDS. A token that expires closes the socket with 4401; an
 * account that is no longer accepted, with 4403.
 */
@Injectable()
export class GraphqlWsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private wss?: WebSocketServer;
  private server?: { dispose(): void | Promise<void> };
  private onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
    private readonly limits: GraphqlLimits,
    private readonly authenticator: SocketAuthenticator,
  ) {}

  onApplicationBootstrap() {
    const httpServer = this.adapterHost.httpAdapter.getHttpServer();
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.config.WS_MAX_PAYLOAD_BYTES });
    this.wss = wss;
    this.server = useServer<Record<string, unknown> | undefined, Extra>(
      {
        isProd: this.config.production,
        onConnect: (ctx) => this.connect(ctx),
        onClose: (ctx) => ctx.extra.state?.timers.forEach(clearTimeout),
        onSubscribe: (ctx, _id, payload) => this.prepare(ctx, payload),
        onOperation: async (ctx, _id, _payload, args, result) => this.guard(ctx, args, await result),
        // Websocket errors go through the same mapper as HTTP ones, so they carry the contract's codes.
        onError: (_ctx, _id, _payload, errors) => errors.map((e) => this.format(e)),
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors ? { ...result, errors: result.errors.map((e) => this.format(e)) } : undefined,
      },
      wss,
    );
    this.onUpgrade = (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    };
    httpServer.on('upgrade', this.onUpgrade);
  }

  async onModuleDestroy() {
    if (this.onUpgrade) this.adapterHost.httpAdapter.getHttpServer().off('upgrade', this.onUpgrade);
    await this.server?.dispose();
  }

  /** connection_init: a valid bearer token in connectionParams.authorization, or the socket closes. */
  private async connect(ctx: WsContext): Promise<boolean> {
    const header = ctx.connectionParams?.authorization;
    if (typeof header !== 'string' || !header) {
      close(ctx, CloseCode.Unauthorized, 'Send connectionParams.authorization: "Bearer <token>".');
      return false;
    }
    const state: SocketState = { header, expiresAt: expiryOf(header), timers: [] };
    ctx.extra.state = state;
    if (!(await this.recheck(ctx))) return false;
    if (state.expiresAt !== null) {
      const expire = () => close(ctx, CloseCode.Unauthorized, 'The access token has expired; sign in again and reconnect.');
      state.timers.push(setTimeout(expire, Math.min(MAX_DELAY_MS, Math.max(0, state.expiresAt - Date.now()))));
    }
    const every = this.config.WS_RECHECK_SECONDS * 1000;
    state.timers.push(setInterval(() => void this.recheck(ctx).catch((err) => rootLogger.warn({ err }, 'websocket re-check failed')), every));
    return true;
  }

  /**
   * The caller now, read again through the accounts module; null after closing
   * the socket when the token has expired (4401) or is refused (4403).
   */
  private async recheck(ctx: WsContext): Promise<RequestAuth | null> {
    const state = ctx.extra.state!;
    const auth = await this.authenticator.authenticate(state.header);
    if (auth.caller) return auth;
    const expired = state.expiresAt !== null && state.expiresAt <= Date.now();
    close(ctx, expired ? CloseCode.Unauthorized : CloseCode.Forbidden, auth.authError?.message ?? 'Forbidden');
    return null;
  }

  /** subscribe: the HTTP limits, subscriptions only, and the caller as of now in the context. */
  private async prepare(ctx: WsContext, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> {
    if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS) {
      return [refusal('BAD_REQUEST', `At most ${MAX_SUBSCRIPTIONS} subscriptions may be open on one socket.`)];
    }
    const schema = this.schemaHost.schema;
    const document = this.limits.check(schema, payload.query);
    if (document instanceof GraphQLError) return [document];
    const refused = this.limits.measure(schema, document, payload.operationName, payload.variables);
    if (refused) return [refused];
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal('GRAPHQL_VALIDATION_FAILED', 'Name the operation to run (operationName).')];
    if (operation.operation !== 'subscription') {
      return [refusal('BAD_REQUEST', 'Only subscriptions run over the websocket; send queries and mutations to POST /graphql.')];
    }
    const auth = await this.recheck(ctx);
    if (!auth) return [refusal('UNAUTHENTICATED', 'The socket is closing: its access token is no longer accepted.')];
    const contextValue: GqlContext = { auth, loaders: new Loaders(), ip: ctx.extra.request.socket.remoteAddress ?? 'unknown' };
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
  }

  /**
   * Each event is delivered only while the caller still holds what they held
   * when subscribing: a changed role or scope ends the subscription with
   * FORBIDDEN (subscribe again to be checked afresh), a refused token closes
   * the socket, and a client that stops reading is disconnected.
   */
  private guard(ctx: WsContext, args: ExecutionArgs, result: AsyncIterable<ExecutionResult> | ExecutionResult) {
    if (!(Symbol.asyncIterator in result)) return undefined;
    const subscribedAs = (args.contextValue as GqlContext).auth.caller!;
    const source = result[Symbol.asyncIterator]();
    const done = { value: undefined, done: true } as const;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        let r: IteratorResult<ExecutionResult>;
        try {
          r = await source.next();
        } catch (err) {
          if (!(err instanceof SlowConsumerError)) throw err;
          close(ctx, SLOW_CONSUMER, err.message);
          return done;
        }
        if (r.done) return r;
        const auth = await this.recheck(ctx);
        if (!auth) return done;
        if (!isDeepStrictEqual(access(auth.caller!), access(subscribedAs))) {
          throw forbidden('Your roles changed since you subscribed; subscribe again.');
        }
        return r;
      },
      return: async () => {
        await source.return?.();
        return done;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** As HTTP answers: the contract's codes, and no suggestions in production. */
  private format(error: GraphQLError) {
    // graphql-ws wraps what a subscription's stream throws in a GraphQLError without a path, which Apollo's unwrapping skips.
    const formatted = formatError(error.toJSON(), error.path ? error : (error.originalError ?? error));
    if (!this.config.production) return formatted;
    return { ...formatted, message: formatted.message.replace(/Did you mean ".+"\?/g, blockFieldSuggestionsDefaultOptions.mask) };
  }
}

function close(ctx: WsContext, code: number, reason: string) {
  // The close frame's reason is limited to 123 bytes.
  const socket = ctx.extra.socket;
  if (socket.readyState === WebSocket.OPEN) socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
}

function refusal(code: string, message: string) {
  return new GraphQLError(message, { extensions: { code } });
}

/** When the bearer token stops being valid (ms), read from a token the accounts module has verified. */
function expiryOf(header: string): number | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const claims = token ? jwt.decode(token, { json: true }) : null;
  return typeof claims?.exp === 'number' ? claims.exp * 1000 : null;
}

/** What decides access: everything about the caller but the name and address they go by. */
function access(caller: Caller) {
  const { displayName: _name, email: _email, ...rest } = caller;
  return { ...rest, roles: [...rest.roles].sort() };
}
