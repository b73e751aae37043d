import { randomUUID } from 'node:crypto';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { LoggerModule } from 'nestjs-pino';
import type { Request } from 'express';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './common/access';
import { CommonModule } from './common/common.module';
import { GqlContext, Loaders } from './common/context';
import { badInput } from './common/errors';
import { describeValidation, formatError } from './common/graphql-errors';
import { rootLogger } from './common/logger';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './database/health.controller';
import { RequestAuth } from './common/caller';
import { StandardsModule } from './standards/standards.module';

function graphqlOptions(config: AppConfig): ApolloDriverConfig {
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
    context: ({ req }: { req: Request & { auth?: RequestAuth } }): GqlContext => ({
      auth: req.auth ?? { caller: null },
      loaders: new Loaders(),
      ip: req.ip ?? 'unknown',
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
    StandardsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: graphqlOptions,
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
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
