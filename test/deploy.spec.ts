import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/config';

/**
 * No Docker engine runs where these tests run, so the production files are
 * checked by reading them: the compose file parsed as Compose reads it
 * (merge keys, ${VAR} substitution), the Dockerfile's stages and the proxy's
 * upstreams.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Compose's ${VAR:-default} and ${VAR:?message}, with the variables a .env file would give. */
function substitute(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (env[name]) return env[name];
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const services: Record<string, any> = compose.services;
  const replicas = Object.keys(services).filter((name) => name.startsWith('workbench-'));
  const env = { POSTGRES_PASSWORD: 'pg-secret', JWT_SECRET: 'j'.repeat(40), ADMIN_PASSWORD: 'Admin-Passw0rd!x' };

  it('runs one PostgreSQL 16 with a health check', () => {
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(services.postgres.volumes[0]).toMatch(/^pgdata:/);
  });

  it('runs two replicas of the image built from the Dockerfile, on that PostgreSQL, trusting one proxy hop', () => {
    expect(replicas).toEqual(['workbench-1', 'workbench-2']);
    for (const name of replicas) {
      const s = services[name];
      expect(s.build).toBe('.');
      expect(s.depends_on.postgres.condition).toBe('service_healthy');
      const vars: Record<string, string> = Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, substitute(String(v), env)]));
      expect(vars.DATABASE_URL).toBe('postgres://workbench:pg-secret@postgres:5432/workbench');
      expect(vars.TRUST_PROXY).toBe('1');
      // The service accepts the configuration as given (production needs JWT_SECRET).
      const config = loadConfig(vars);
      expect(config.production).toBe(true);
      expect(config.DATABASE_URL).toBe(vars.DATABASE_URL);
      expect(s.ports).toBeUndefined(); // reached through the proxy only
    }
    expect(() => substitute(String(services['workbench-1'].environment.JWT_SECRET), {})).toThrow(/JWT_SECRET is required/);
  });

  it('puts a reverse proxy in front of both replicas, the only published port', () => {
    const proxy = services.proxy;
    expect(proxy.image).toMatch(/^caddy:/);
    expect(proxy.ports).toEqual(['3000:80']);
    expect(proxy.depends_on).toEqual(replicas);
    const [mount] = proxy.volumes[0].split(':');
    const caddyfile = read(mount);
    for (const name of replicas) expect(caddyfile).toContain(`${name}:3000`);
    expect(caddyfile).toContain('health_uri /health');
    expect(Object.keys(compose.volumes).sort()).toEqual(['data-1', 'data-2', 'pgdata']);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile').split('\n').filter((l) => l && !l.startsWith('#'));
  const stages = lines.flatMap((l, i) => (l.startsWith('FROM ') ? [i] : []));
  const final = lines.slice(stages.at(-1));

  it('builds with the development dependencies and runs with the production ones only', () => {
    expect(stages).toHaveLength(2);
    expect(lines[stages[0]]).toMatch(/AS build$/);
    const build = lines.slice(stages[0], stages[1]).join('\n');
    expect(build).toContain('npm ci');
    expect(build).toContain('tsc -p tsconfig.build.json');
    expect(build).toContain('npm prune --omit=dev');
    expect(final.join('\n')).toContain('COPY --from=build /app/node_modules node_modules');
  });

  it('runs as a non-root user, without building at start, with a health check', () => {
    expect(final.find((l) => l.startsWith('USER '))).toBe('USER node');
    expect(final.at(-1)).toBe('CMD ["node", "dist/src/main.js"]');
    expect(final.join('\n')).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(final.some((l) => /npm (run build|start)|tsc/.test(l))).toBe(false);
  });
});
