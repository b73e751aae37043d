// `npm start` builds dist/ only when the sources changed since the last build,
// so a second start with nothing changed goes straight to the service.
// Plain JavaScript: it runs before anything is compiled.
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'migrations', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { withFileTypes: true })
      .flatMap((e) => files(join(path, e.name)))
      .sort();
  } catch {
    return [path]; // a file, not a folder
  }
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files)) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
const digest = hash.digest('hex');

if (existsSync(join(root, 'dist', 'src', 'main.js')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  process.stdout.write('dist/ is up to date with the sources: no build\n');
} else {
  // A clean build: a deleted entity or migration must not linger in dist/.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
