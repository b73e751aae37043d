import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ConfigError, loadConfig, trustProxy } from './config';

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

  it('checks ADMIN_PASSWORD against the password policy, without repeating it', () => {
    let error: unknown;
    try {
      loadConfig({ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'admin123' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/ADMIN_PASSWORD=\(hidden\): ADMIN_PASSWORD needs at least 12 characters/);
    expect((error as Error).message).not.toContain('admin123');
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'Admin pass w0rd!' })).toThrow(/must not contain spaces/);
    expect(loadConfig({ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'Admin-Passw0rd!x' }).ADMIN_PASSWORD).toBe('Admin-Passw0rd!x');
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and ranges, and refuses anything else', () => {
    expect(trustProxy(loadConfig({}).TRUST_PROXY)).toBe(false);
    expect(trustProxy(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY)).toBe(2);
    expect(trustProxy(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1,loopback' }).TRUST_PROXY)).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY=/);
    }
  });
});
