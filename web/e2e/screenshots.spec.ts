import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';

const ROOT = join(__dirname, '..', '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const E2E = join(ROOT, 'web', 'e2e');

/**
 * The README's screenshots are made by the browser stories (`shoot(page,
 * 'name')` writes docs/screenshots/name.jpg on every run). This keeps the
 * three in step, so a picture cannot outlive its screen unnoticed: every
 * picture the README shows is made by a story, every picture a story makes
 * is shown, and each role's section has one.
 */
describe('README screenshots', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const shown = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]).filter((p) => p.startsWith('docs/screenshots/'));
  const files = readdirSync(SHOTS);
  const made = new Set(
    readdirSync(E2E)
      .filter((f) => f.endsWith('.e2e-spec.ts'))
      .flatMap((f) => [...readFileSync(join(E2E, f), 'utf8').matchAll(/\bshoot\(\w+, '([\w-]+)'\)/g)].map((m) => `${m[1]}.jpg`)),
  );

  it('every picture in the README is in docs/screenshots and made by a story', () => {
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.filter((p) => !files.includes(p.slice('docs/screenshots/'.length)))).toEqual([]);
    expect(shown.filter((p) => !made.has(p.slice('docs/screenshots/'.length)))).toEqual([]);
  });

  it('every picture a story makes is in the README, and nothing else is in docs/screenshots', () => {
    expect([...made].filter((f) => !shown.includes(`docs/screenshots/${f}`))).toEqual([]);
    expect(files.filter((f) => !made.has(f))).toEqual([]);
  });

  it('each role has its section with at least one picture', () => {
    const sections = readme.split(/^#{2,3} /m);
    for (const role of ['Experts', 'Delegates', 'Secretariat', 'Vendors', 'Administration']) {
      const pictured = sections.filter((s) => s.startsWith(role)).some((s) => s.includes('](docs/screenshots/'));
      expect({ role, pictured }).toEqual({ role, pictured: true });
    }
  });

  it('the pictures stay small', () => {
    for (const f of files) expect({ f, small: statSync(join(SHOTS, f)).size < 150_000 }).toEqual({ f, small: true });
  });
});
