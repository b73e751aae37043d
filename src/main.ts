import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig, trustProxy } from './config/config';
import { boundHeapGrowth, startEmbeddedEarly } from './database/embedded';

/*
 * The framework, the application's modules and the logger are required when
 * first used, not at the top of this file: `npm start` without DATABASE_URL
 * starts the embedded PostgreSQL before loading them (bootstrap below), so
 * that the postmaster boots in its own process while this one spends most of
 * a warm start (1.7 to 2 s of 2.8) loading and compiling modules.
 */
const nest = () => require('@nestjs/core') as typeof import('@nestjs/core');
const logging = () => require('./common/logger') as typeof import('./common/logger');

/** Milestones of `npm start`, in ms since the process started: logged at debug level once it listens. */
const phases: Record<string, number> = {};
const mark = (phase: string) => (phases[phase] = Math.round(performance.now()));

/** The HTTP-level settings, shared by the service and the e2e tests. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const { nestLogger, requestLogging, rootLogger } = logging();
  const config = app.get(AppConfig);
  rootLogger.level = config.LOG_LEVEL;
  app.useLogger(nestLogger());
  // First, so that every request has its id and its logger before anything else runs.
  app.use(requestLogging());
  app.useBodyParser('json', { limit: config.MAX_BODY_BYTES });
  // The digest's sign-up form (notifications/digest.controller.ts) and RFC 8058 one-click unsubscribe posts.
  app.useBodyParser('urlencoded', { extended: false, limit: '16kb' });
  app.disable('x-powered-by');
  // Validated by loadConfig; the client's address behind a proxy, for rate limits and sessions.
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.enableShutdownHooks();
  return app;
}

export async function createApp(): Promise<NestExpressApplication> {
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  mark('modulesLoaded');
  // Builds every provider: the database (started, connected, migrated) first of all.
  const app = await nest().NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  mark('created');
  configureApp(app);
  return app;
}

async function bootstrap() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (!config.DATABASE_URL) {
    // The embedded mode's memory budget (src/database/embedded.ts), set before the application is built.
    boundHeapGrowth();
    // Returns once the postmaster runs; DatabaseModule takes the cluster over (and reports a failure to start).
    await startEmbeddedEarly(config.DATA_DIR);
    mark('postgresSpawned');
  }
  const app = await createApp();
  // Initialises the modules (the GraphQL schema, the workers, the LISTEN connection), then listens.
  await app.listen(config.PORT, config.HOST);
  mark('listening');
  const { rootLogger } = logging();
  rootLogger.info(`Space Standards Workbench listening on http://${config.HOST}:${config.PORT}/graphql`);
  rootLogger.debug({ ms: phases }, 'start phases, in ms since the process started');
}

if (require.main === module) void bootstrap();
