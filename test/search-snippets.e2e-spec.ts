import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

const SEARCH = `query($q:String!){ search(query:$q){ standard { designation } snippet } }`;

const TEXT = `# Heliocentric Beacon Exchange

## 1 Scope

This document covers **heliocentric beacons** and their _relay_ paths, as in [CCSDS 502.0](https://public.ccsds.org/502x0b3.pdf).

## 2 Requirements

### 2.1 Beacon formats ###

- The operator **shall** publish every heliocentric beacon in \`BCN_v2\` format. {#BCN-1}
- [ ] A *heliocentric* relay ~~may~~ should carry the snake_case_field and 5 * 3 copies.

> Note: a heliocentric beacon seen twice counts once; see <https://example.org/beacons>.

| Field | Heliocentric meaning |
| --- | :---: |
| epoch | time of the **beacon** state |

---

Text with a literal \\*star\\* and <script>alert(1)</script> heliocentric tail.
`;

/** The search contract: "Matched passage with the terms wrapped in <mark>": plain text, not the Markdown source. */
describe('search snippets', () => {
  let t: TestApp;
  let reader: string;
  before(async () => {
    t = await createTestApp();
    const sec = await t.user('Snippet Secretariat', [{ role: 'SECRETARIAT' }]);
    await draft(t, sec.token, 'HBX 1', 'PUBLIC', TEXT);
    reader = (await t.user('Snippet Reader')).token;
  });
  after(() => t.close());

  const snippet = async (q: string) => {
    const res = await t.gql(SEARCH, { q }, reader);
    expect(res.errors).toBeUndefined();
    const hit = res.data.search.find((h: { standard: { designation: string } }) => h.standard.designation === 'HBX 1');
    expect(hit).toBeDefined();
    return hit.snippet as string;
  };
  /** What a reader sees: the snippet without its <mark> tags. */
  const plain = (s: string) => s.replace(/<\/?mark>/g, '');

  it('is plain text with the matched terms in <mark>, through HTTP', async () => {
    for (const q of ['heliocentric beacon', 'relay', 'epoch', 'publish beacon']) {
      const s = await snippet(q);
      expect(s).toMatch(/<mark>\w+<\/mark>/);
      const text = plain(s);
      // No Markdown: heading hashes, emphasis, link syntax, code ticks, list and task markers, quotes, table pipes and rules, pinned keys.
      expect(text).not.toMatch(/\*\*|__|~~|`|\]\(|\[ \]|\{#|\||(^|\s)#{1,6}\s|(^|\s)>\s|(^|\s)-{3,}/);
      expect(text).not.toMatch(/\n/);
      // Raw HTML in the source stays text: escaped, never markup.
      expect(s).not.toMatch(/<(?!\/?mark>)/);
    }
    const scope = plain(await snippet('relay'));
    expect(scope).toContain('relay');
    const link = plain(await snippet('CCSDS heliocentric'));
    expect(link).toMatch(/CCSDS 502\.0/);
    expect(link).not.toContain('public.ccsds.org');
  });

  it('keeps the words: identifiers, a literal star, the link text, no HTML', async () => {
    expect(plain(await snippet('publish'))).toContain('The operator shall publish every heliocentric beacon in BCN_v2 format.');
    expect(await snippet('relay carry')).toContain('A heliocentric <mark>relay</mark> may should <mark>carry</mark> the snake_case_field');
    expect(plain(await snippet('copies'))).toContain('relay may should carry the snake_case_field and 5 * 3 copies');
    // (ts_headline's parser drops the tags of raw HTML itself; what is left is escaped.)
    expect(await snippet('literal tail')).toContain('Text with a <mark>literal</mark> *star* and alert(1) heliocentric <mark>tail</mark>');
    expect(plain(await snippet('epoch'))).toMatch(/Field Heliocentric meaning epoch time of the beacon state/);
  });
});
