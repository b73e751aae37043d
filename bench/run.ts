/* eslint-disable no-console -- a benchmark's output is its figures */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchOptions, outcomes, verdict } from './measure';

/**
 * Runs every bench/*.bench.ts in turn (npm run bench). Each exports
 * run(options): Promise<void>, prints its own figures and records its
 * judged outcomes (measure.ts). `--smoke` runs every case on tiny data in a
 * few seconds, for CI; `--only=name` runs the cases whose file name contains it.
 */
async function main(): Promise<void> {
  const options: BenchOptions = { smoke: process.argv.includes('--smoke') };
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
    .sort();
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.js$/, '')}${options.smoke ? ' (smoke)' : ''}`);
    const mod: { run: (options: BenchOptions) => Promise<void> } = await import(join(__dirname, file));
    await mod.run(options);
  }
  console.log('\n== summary');
  for (const o of outcomes) console.log(`  ${o.name}: ${o.figure} vs ${o.reference} = ${o.ratio}; target ${o.target}; ${verdict(o.met)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
