import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database and safe limits', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', JWT_TTL_SECONDS: 900, MAX_TEXT_BYTES: 5 * 1024 * 1024 });
  });

  it('reads and converts values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DUPLICATE_THRESHOLD: '0.4', SEED_STANDARDS: 'false' });
    expect(config).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u@h/db', DUPLICATE_THRESHOLD: 0.4, SEED_STANDARDS: false });
  });

  it('names every bad value in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud', MAX_BODY_BYTES: '2048' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT="eighty"', 'DATABASE_URL=(hidden)', 'JWT_SECRET=(hidden)', 'LOG_LEVEL="loud"', 'MAX_BODY_BYTES: must be at least MAX_TEXT_BYTES']) {
      expect(message).toContain(name);
    }
    // Secrets are named, never repeated.
    expect(message).not.toContain('short');
    expect(message).not.toContain('mysql');
  });

  it('refuses production without a JWT secret, and an admin e-mail without a password', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.example' })).toThrow(/ADMIN_PASSWORD: required/);
  });
});
