import { randomUUID } from 'node:crypto';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { LoggerModule } from 'nestjs-pino';
import type { Request, Response } from 'express';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { TextInputPipe } from './common/text-input.pipe';
import { AccessGuard } from './common/access';
import { CommonModule } from './common/common.module';
import { GqlContext, Loaders } from './common/context';
import { badInput } from './common/errors';
import { describeValidation, formatError } from './common/graphql-errors';
import { DomainErrorFilter } from './common/http-errors.filter';
import { rootLogger } from './common/logger';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './database/health.controller';
import { RequestAuth } from './common/caller';
import { StandardsModule } from './standards/standards.module';
import { CommentsModule } from './comments/comments.module';
import { AuthService } from './accounts/auth.middleware';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ConformanceModule } from './conformance/conformance.module';
import { BallotsModule } from './ballots/ballots.module';
import { PublishingModule } from './publishing/publishing.module';

function graphqlOptions(config: AppConfig, authService: AuthService): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    // Counted by graphql-js's own parser below, so that a malformed query stays GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Generated in memory; scripts/generate-schema.ts writes schema.gql and a test keeps it current.
    autoSchemaFile: true,
    sortSchema: true,
    fieldResolverEnhancers: ['guards'],
    introspection: !config.production,
    playground: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // graphql-armor's types come from Apollo's ESM build, Nest's from its CJS build: the same objects.
    plugins: armor.plugins as ApolloDriverConfig['plugins'],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: 5000 },
    formatError,
    // HTTP operations get the caller from AuthMiddleware; websocket operations from onConnect below. Same shape for both.
    context: (arg: { req?: Request & { auth?: RequestAuth }; res?: Response; extra?: WsExtra }): GqlContext => {
      if (arg.req) return { auth: arg.req.auth ?? { caller: null }, loaders: new Loaders(), ip: arg.req.ip ?? 'unknown', req: arg.req, res: arg.res };
      return { auth: arg.extra?.auth ?? { caller: null }, loaders: new Loaders(), ip: arg.extra?.request?.socket.remoteAddress ?? 'unknown' };
    },
    subscriptions: {
      // Nest passes every graphql-ws server option through, though its type names only some.
      'graphql-ws': {
        // The bearer token travels in connectionParams.authorization; a token that does not verify closes the socket (4403).
        onConnect: async (ctx: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
          const header = ctx.connectionParams?.authorization;
          const auth = await authService.authenticate(typeof header === 'string' ? header : undefined);
          if (auth.authError) return false;
          (ctx.extra as WsExtra).auth = auth;
          return true;
        },
        // Websocket errors go through the same mapper as HTTP ones, so they carry the contract's codes.
        onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
          errors.map((e) => formatError(e.toJSON(), e)),
        onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
          result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
      } as NonNullable<ApolloDriverConfig['subscriptions']>['graphql-ws'],
    },
  };
}

/** What graphql-ws keeps per socket. */
interface WsExtra {
  auth?: RequestAuth;
  request?: { socket: { remoteAddress?: string } };
}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({
      pinoHttp: {
        logger: rootLogger,
        genReqId: (req, res) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        autoLogging: { ignore: (req) => req.url === '/health' },
      },
    }),
    DatabaseModule,
    CommonModule,
    AuditModule,
    AccountsModule,
    StandardsModule,
    CommentsModule,
    CatalogueModule,
    ConformanceModule,
    BallotsModule,
    PublishingModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AccountsModule],
      inject: [AppConfig, AuthService],
      useFactory: graphqlOptions,
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    // Before validation, which cannot itself cope with a lone surrogate.
    { provide: APP_PIPE, useClass: TextInputPipe },
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        transform: true,
        forbidUnknownValues: false,
        exceptionFactory: (errors) => {
          const lines = describeValidation(errors);
          return badInput(errors[0]?.property ?? 'input', lines.join('; '), { fields: lines });
        },
      }),
    },
  ],
})
export class AppModule {}
