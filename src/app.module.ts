import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ArgumentMetadata, MiddlewareConsumer, Module, NestModule, RequestMethod, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { isClientInput, TextInputPipe } from './common/text-input.pipe';
import { AccessGuard } from './common/access';
import { CommonModule } from './common/common.module';
import { GqlContext, Loaders } from './common/context';
import { badInput } from './common/errors';
import { describeValidation, formatError, logUnexpectedErrors } from './common/graphql-errors';
import { GraphqlHttpMiddleware } from './common/graphql-http.middleware';
import { GraphqlLimits } from './common/graphql-limits';
import { FieldResolvers } from './common/field-resolvers';
import { GraphqlWsServer, SocketAuthenticator } from './common/graphql-ws.server';
import { DomainErrorFilter } from './common/http-errors.filter';
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
import { NeedsModule } from './needs/needs.module';
import { WebAppModule } from './webapp/webapp.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ExplorerController } from './explorer/explorer.controller';

/** class-validator on the client's input only (see isClientInput): a resolver's parent is the service's own row. */
class InputValidationPipe extends ValidationPipe {
  protected toValidate(metadata: ArgumentMetadata): boolean {
    return isClientInput(metadata) && super.toValidate(metadata);
  }
}

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

function graphqlOptions(config: AppConfig, limits: GraphqlLimits, fieldResolvers: FieldResolvers): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Generated in memory; scripts/generate-schema.ts writes schema.gql and a test keeps it current.
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: describeRootTypes,
    // No guards, pipes or filters of Nest's around field resolvers: FieldResolvers checks each
    // one's @Allow and calls it directly (common/field-resolvers.ts says why).
    fieldResolverEnhancers: [],
    transformResolvers: fieldResolvers.transform,
    introspection: !config.production,
    playground: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The same limits as the websocket (common/graphql-ws.server.ts), which Nest does not serve: see there.
    // No field carries a cache hint, so Apollo's cache-control plugin computed nothing, but it
    // wrapped every field resolver to do so (a promise and a hook call per field per row).
    plugins: [...limits.plugins, logUnexpectedErrors, ApolloServerPluginCacheControlDisabled()] as ApolloDriverConfig['plugins'],
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
    NeedsModule,
    PublishingModule,
    WebAppModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AccountsModule],
      inject: [AppConfig, GraphqlLimits, FieldResolvers],
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
      useValue: new InputValidationPipe({
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
