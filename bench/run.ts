/* eslint-disable no-console -- a benchmark's output is its figures */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs every bench/*.bench.ts in turn (npm run bench). Each exports
 * run(): Promise<void> and prints its own figures.
 */
async function main(): Promise<void> {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).sort();
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.js$/, '')}`);
    const mod: { run: () => Promise<void> } = await import(join(__dirname, file));
    await mod.run();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
