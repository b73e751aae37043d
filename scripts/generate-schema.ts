import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppModule } from '../src/app.module';
import { printGeneratedSchema } from '../src/explorer/schema-sdl';

/** Boots the application (on a throw-away embedded database unless DATABASE_URL is set) and writes schema.gql. */
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-schema-'));
  process.env.DATA_DIR = dataDir;
  process.env.SEED_STANDARDS = 'false';
  process.env.LOG_LEVEL = 'silent';
  // A throw-away administrator, so that nothing is printed for a database about to be deleted.
  process.env.ADMIN_EMAIL = 'schema@workbench.invalid';
  // The suffix makes sure the password policy (checked at start) is met whatever the random part holds.
  process.env.ADMIN_PASSWORD = `${randomBytes(24).toString('base64url')}-Aa9`;
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.init();
  writeFileSync(join(__dirname, '..', '..', 'schema.gql'), printGeneratedSchema(app.get(GraphQLSchemaHost).schema));
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write('schema.gql written\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
