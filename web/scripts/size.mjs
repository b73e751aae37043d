/* eslint-disable no-console -- a build script that reports a figure */
/* global console, process */
// Prints the gzipped JavaScript a first visit to /app downloads (the entry
// chunk and what it preloads; screens load lazily) and fails over the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const dir = join(import.meta.dirname, '..', '..', 'dist', 'app');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const f of files) total += gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`web app first load: ${kb(total)} gzipped JavaScript in ${files.length} file(s) (budget ${kb(BUDGET)})`);
if (total > BUDGET) {
  console.error('Over budget: load more of the app lazily.');
  process.exit(1);
}
