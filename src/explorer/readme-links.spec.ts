import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { withExplorerLinks } from './readme-links';

describe('README explorer links', () => {
  it('links each GraphQL example to the explorer with the example as its query', () => {
    const md = ['Intro', '', '   ```graphql', '   { me { id } }', '   ```', '', 'after'].join('\n');
    const linked = withExplorerLinks(md);
    expect(linked).toContain(`   [Open in the explorer](http://localhost:3000/graphiql?query=${encodeURIComponent('{ me { id } }')})`);
    // Idempotent: a second pass replaces the link rather than adding one.
    expect(withExplorerLinks(linked)).toBe(linked);
  });

  it('the README is current (run `npm run readme:links` after editing an example)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(withExplorerLinks(readme)).toBe(readme);
  });
});
