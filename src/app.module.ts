import { randomUUID } from 'node:crypto';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { MiddlewareConsumer, Module, NestModule, RequestMethod, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import type { Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { TextInputPipe } from './common/text-input.pipe';
import { AccessGuard } from './common/access';
import { CommonModule } from './common/common.module';
import { GqlContext, Loaders } from './common/context';
import { badInput } from './common/errors';
import { describeValidation, formatError } from './common/graphql-errors';
import { GraphqlHttpMiddleware } from './common/graphql-http.middleware';
import { GraphqlLimits } from './common/graphql-limits';
import { GraphqlWsServer, SocketAuthenticator } from './common/graphql-ws.server';
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
import { WebAppModule } from './webapp/webapp.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ExplorerController } from './explorer/explorer.controller';

/**
 * Code-first Nest gives the root types no description; the schema lint
 * (scripts/schema-descriptions.mjs) wants one on every type, so they are set here.
 */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = 'What may be read. Each field says which roles may call it; anything else is refused (deny by default).';
  if (mutation) mutation.description = 'What may be changed. Each field says which roles may call it; anything else is refused (deny by default).';
  if (subscription) {
    subscription.description = 'Live events, over a websocket at /graphql (graphql-ws protocol). Each field says which roles may subscribe.';
  }
  return schema;
}

function graphqlOptions(config: AppConfig, limits: GraphqlLimits): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Generated in memory; scripts/generate-schema.ts writes schema.gql and a test keeps it current.
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: describeRootTypes,
    fieldResolverEnhancers: ['guards'],
    introspection: !config.production,
    playground: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The same limits as the websocket (common/graphql-ws.server.ts), which Nest does not serve: see there.
    plugins: limits.plugins as ApolloDriverConfig['plugins'],
    validationRules: limits.validationRules,
    validationOptions: limits.validationOptions,
    parseOptions: limits.parseOptions,
    formatError,
    // AuthMiddleware has found the caller; the refresh-session cookie is read and written on req and res.
    context: ({ req, res }: { req: Request & { auth?: RequestAuth }; res: Response }): GqlContext => ({
      auth: req.auth ?? { caller: null },
      loaders: new Loaders(),
      ip: req.ip ?? 'unknown',
      req,
      res,
    }),
  };
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
    WebhooksModule,
    NotificationsModule,
    StandardsModule,
    CommentsModule,
    CatalogueModule,
    ConformanceModule,
    BallotsModule,
    PublishingModule,
    WebAppModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AccountsModule],
      inject: [AppConfig, GraphqlLimits],
      useFactory: graphqlOptions,
    }),
  ],
  // The explorer reads the schema GraphQLModule builds, which only this module sees.
  controllers: [HealthController, ExplorerController],
  providers: [
    GraphqlWsServer,
    { provide: SocketAuthenticator, useExisting: AuthService },
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
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(GraphqlHttpMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
