import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withExplorerLinks } from '../src/explorer/readme-links';

/** Rewrites the README's "Open in the explorer" links from its GraphQL examples. */
const file = join(__dirname, '..', '..', 'README.md');
writeFileSync(file, withExplorerLinks(readFileSync(file, 'utf8')));
process.stdout.write('README.md links written\n');
