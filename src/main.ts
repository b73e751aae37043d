import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { nestLogger, requestLogging, rootLogger } from './common/logger';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig, trustProxy } from './config/config';
import { boundHeapGrowth } from './database/embedded';

/** The HTTP-level settings, shared by the service and the e2e tests. */
export function configureApp(app: NestExpressApplication): INestApplication {
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  return app;
}

async function bootstrap() {
  try {
    // The embedded mode's memory budget (src/database/embedded.ts), set before the application is built.
    if (!loadConfig().DATABASE_URL) boundHeapGrowth();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  rootLogger.info(`Space Standards Workbench listening on http://${config.HOST}:${config.PORT}/graphql`);
}

if (require.main === module) void bootstrap();
