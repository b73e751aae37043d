import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { auditHtml, XSS_CORPUS } from './html-audit';
import { computeRedline, PieceRendition, pieceLayout, pieceTexts, rendition } from './redline';
import { parseDocument } from './document';
import { editStandard, generateStandard } from '../../../bench/data';
import { renderMarkdown } from './render';
import { unifiedDiff } from './unified';


const FROM = [
  '# Orbit data',
  '',
  '## 1 Scope',
  '',
  'The provider shall deliver data within one hour.',
  '',
  '## 2 Format',
  '',
  '- Epoch in UTC.',
  '- Frame EME2000.',
  '',
].join('\n');
const TO = [
  '# Orbit data',
  '',
  '## 1 Scope',
  '',
  'The provider shall deliver *tracking* data within 30 minutes.',
  '',
  '## 2 Format',
  '',
  '- Epoch in UTC.',
  '- Frame EME2000.',
  '- Units SI.',
  '',
].join('\n');

/** A tiny seeded generator so the property tests are reproducible. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('computeRedline', () => {
  it('produces the expected redline for a small edit', () => {
    expect(computeRedline(FROM, TO, 'v1', 'v2')).toEqual({
      unified: [
        '--- v1',
        '+++ v2',
        '@@ -2,9 +2,10 @@',
        ' ',
        ' ## 1 Scope',
        ' ',
        '-The provider shall deliver data within one hour.',
        '+The provider shall deliver *tracking* data within 30 minutes.',
        ' ',
        ' ## 2 Format',
        ' ',
        ' - Epoch in UTC.',
        ' - Frame EME2000.',
        '+- Units SI.',
        '',
      ].join('\n'),
      html: [
        '<h1 id="orbit-data">Orbit data</h1>',
        '<h2 id="clause-1">1 Scope</h2>',
        '<p>The provider shall deliver <em><ins>tracking</ins></em> data within <del>one</del><ins>30</ins> <del>hour</del><ins>minutes</ins>.</p>',
        '<h2 id="clause-2">2 Format</h2>',
        '<ul>',
        '<li>Epoch in UTC.</li>',
        '<li>Frame EME2000.</li>',
        '<li class="redline-ins"><ins>Units SI.</ins></li>',
        '</ul>',
        '',
      ].join('\n'),
      wordsInserted: 5,
      wordsDeleted: 2,
      changedClauses: ['1', '2'],
    });
  });

  it('shows nothing changed for identical texts', () => {
    expect(computeRedline(FROM, FROM, 'v1', 'v2')).toEqual({
      unified: '',
      html: renderMarkdown(FROM),
      wordsInserted: 0,
      wordsDeleted: 0,
      changedClauses: [],
    });
  });

  it('marks removed blocks with <del>, added ones with <ins>, and keeps table rows in shape', () => {
    const from = '## 1 A\n\nOld paragraph goes.\n\n| k | v |\n|---|---|\n| a | one |\n';
    const to = '## 1 A\n\n| k | v |\n|---|---|\n| a | two |\n\nBrand new words here.\n';
    const { html, wordsInserted, wordsDeleted } = computeRedline(from, to, 'a', 'b');
    expect(html).toBe(
      [
        '<h2 id="clause-1">1 A</h2>',
        '<p class="redline-del"><del>Old paragraph goes.</del></p>',
        '<table>',
        '<thead>',
        '<tr>',
        '<th>k</th>',
        '<th>v</th>',
        '</tr>',
        '</thead>',
        '<tbody>',
        '<tr>',
        '<td>a</td>',
        '<td><del>one</del><ins>two</ins></td>',
        '</tr>',
        '</tbody>',
        '</table>',
        '<p class="redline-ins"><ins>Brand new words here.</ins></p>',
        '',
      ].join('\n'),
    );
    expect([wordsInserted, wordsDeleted]).toEqual([5, 4]);
  });

  it('does not let deleted headings or requirement anchors take ids from the new version', () => {
    const from = '## 1 Old\n\nIt shall go. {#GONE}\n\n## 2 Kept\n';
    const to = '## 1 Kept\n';
    const { html } = computeRedline(from, to, 'a', 'b');
    expect(html.match(/id="[^"]*"/g)).toEqual(['id="clause-1"']);
    expect(auditHtml(html)).toEqual([]);
  });

  it('gives the same redline from cached renditions, any number of times, as from the texts', () => {
    const from = '## 1 Old\n\nIt shall go. {#GONE}\n\nKept words stay.\n\n## 2 Kept\n';
    const to = '## 1 Kept\n\nKept words stay here.\n\nNew text.\n';
    const [a, b] = [rendition(from), rendition(to)];
    const once = computeRedline(from, to, 'a', 'b');
    expect(computeRedline(a, b, 'a', 'b')).toEqual(once);
    expect(computeRedline(a, b, 'a', 'b')).toEqual(once);
    // Marking deleted and inserted blocks must not leak into the shared renditions.
    expect(a.nodeHtml.join('')).toBe(renderMarkdown(from));
    expect(b.nodeHtml.join('')).toBe(renderMarkdown(to));
  });

  describe('renditions made piece by piece', () => {
    // Pieces are storage blocks Markdown cannot join to what precedes them;
    // these texts join blocks across blank lines in every way it can.
    const tricky = [
      '- a\n\n- b\n\nText\n',
      '- a\n\n  more of a\n\nText\n',
      '```\ncode\n\nmore code\n```\n\nafter\n',
      '~~~~\n```\n\nstill code\n~~~~\n\ny\n',
      '```a`b\n\nnot a fence\n\n```\n\ny\n',
      '- a\n  ```\n  code\n\n  more\n  ```\n\nz\n',
      '+ item\n  ```\n===\n\n````\n\nstill code\n\n### Not a heading\n',
      '    code\n\n    more code\n\npara\n',
      '> q\n\n> r\n\n[x]: http://example.com\n\nSee [x].\n',
      '# T\n\n## A\n\n## A\n\n### Sub\n\n- ## nested\n\n## Scope\n\nIt shall. {#K}\n\nAgain it shall. {#K}\n\n## Req k\n',
      '\n\n\n# Title\n\ntext\n',
      '1. a\n\n2. b\n\n3) c\n\nend',
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n',
      'para\n---\n\n---\n\n***\n',
      'text\r\n\r\n## 1 Win\r\n\r\nmore\r\n',
      '# A\n\n# A\n\n## Req-k\n\nIt shall. {#k}\n',
    ];

    it('render exactly what renderMarkdown renders, with the same clauses', () => {
      const next = random(99);
      const lines = ['', '', 'It shall do. {#K1}', '- item', '1. one', '  indented', '    code', '```', '~~~', '  ```', '> quote', '# H', '## 1 Clause', '### Sub', '| a |', '|---|', '---', '[r]: http://example.com', 'see [r]'];
      const samples = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(next() * 20) }, () => lines[Math.floor(next() * lines.length)]).join('\n') + '\n');
      const generated = generateStandard(100_000, 5);
      for (const text of [...tricky, ...samples, generated.join(''), editStandard(generated, 0.05, 6).join('')]) {
        const r = rendition(text);
        expect(r.nodeHtml.join('')).toBe(renderMarkdown(text));
        expect(r.clauses).toEqual(parseDocument(text).clauses.map(({ number, line }) => ({ number, line })));
      }
    });

    it('look up exactly the pieces pieceTexts names, in order, and cover the text with them', () => {
      let runOn = 0;
      for (const text of [...tricky, generateStandard(100_000, 8).join('')]) {
        const cut = pieceLayout(text);
        const named = pieceTexts(text, cut);
        expect(named.join('')).toBe(text);
        const asked: string[] = [];
        const r = rendition(text, { get: (piece) => void asked.push(piece), set: () => undefined }, cut);
        expect(r.nodeHtml.join('')).toBe(renderMarkdown(text));
        if (asked.length === named.length) expect(asked).toEqual(named);
        else {
          // A fence markdown-it reads open where the scan saw it closed: piece k runs on to the end, asked for once more as one.
          const k = asked.length - 2;
          expect(asked).toEqual([...named.slice(0, k + 1), named.slice(k).join('')]);
          runOn++;
        }
      }
      expect(runOn).toBeGreaterThan(0);
    });

    it('render only the pieces a new version does not share with the one before', () => {
      const a = generateStandard(100_000, 3);
      const b = editStandard(a, 0.02, 4);
      const cache = new Map<string, PieceRendition>();
      const from = rendition(a.join(''), cache);
      const before = cache.size;
      const to = rendition(b.join(''), cache);
      const fresh = cache.size - before;
      expect(fresh).toBeGreaterThan(0);
      expect(fresh).toBeLessThan(b.length / 10);
      expect(to.nodeHtml.join('')).toBe(renderMarkdown(b.join('')));
      expect(computeRedline(from, to, 'a', 'b')).toEqual(computeRedline(a.join(''), b.join(''), 'a', 'b'));
    });
  });

  it('diffs only changed blocks of a large standard, with the same result as a whole-text line diff', () => {
    const a = generateStandard(200_000, 7);
    const b = editStandard(a, 0.02, 8);
    const result = computeRedline(a.join(''), b.join(''), 'a', 'b');
    expect(applyPatch(a.join(''), result.unified)).toBe(b.join(''));
    expect(result.unified).toBe(unifiedDiff(a.join(''), b.join(''), 'a', 'b'));
    expect(auditHtml(result.html)).toEqual([]);
  });

  it('lists the changed clauses of either version in document order', () => {
    const from = '# T\n\nPreamble.\n\n## 1 Scope\n\nA.\n\n## 2 Terms\n\nB.\n\n## 3 Rules\n\nC shall.\n\n## 4 End\n\nD.\n';
    const to = '# T\n\nPreamble changed.\n\n## 1 Scope\n\nA.\n\n## 2 Terms\n\nB.\n\n## 3 New clause\n\nX.\n\n## 4 Rules\n\nC shall now.\n\n## 5 End\n\nD.\n';
    // Clause 3 gets inserted, so Rules and End are renumbered; the preamble has no number.
    expect(computeRedline(from, to, 'a', 'b').changedClauses).toEqual(['3', '4', '5']);
  });

  it('counts words over the whole document', () => {
    const from = 'One two three.\n\n## 1 X\n\nFour five.\n';
    const to = 'One 2 three.\n\n## 1 X\n\nFour five six seven.\n\nEight nine.\n';
    const r = computeRedline(from, to, 'a', 'b');
    expect([r.wordsInserted, r.wordsDeleted]).toEqual([5, 1]);
  });

  it('escapes text and stays well-formed when hostile Markdown is edited in and out', () => {
    const hostile = XSS_CORPUS.join('\n\n');
    const edited = XSS_CORPUS.map((x, i) => (i % 3 === 0 ? x.replace(/alert/g, 'confirm') : i % 3 === 1 ? `${x} added words` : '')).join('\n\n');
    for (const [from, to] of [
      ['', hostile],
      [hostile, ''],
      [hostile, edited],
      [edited, hostile],
    ]) {
      const { html } = computeRedline(from, to, 'a', 'b');
      expect(auditHtml(html)).toEqual([]);
    }
  });

  it('stays well-formed across structural edits (lists, quotes, nesting, code)', () => {
    const next = random(42);
    const pieces = ['Para shall be.', '- item a\n- item b', '1. one\n2. two', '> quote\n> more', '```\ncode\n```', '| a |\n|---|\n| b |', '## 1 H', '---', '- outer\n  - inner *em*'];
    for (let t = 0; t < 60; t++) {
      const doc = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join('\n\n') + '\n';
      const { html } = computeRedline(doc(), doc(), 'a', 'b');
      expect(auditHtml(html)).toEqual([]);
    }
  });

  it('keeps its cost bounded when everything changed', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? '' : `Paragraph ${i} shall hold.`));
    const from = lines.join('\n') + '\n';
    const to = [...lines].reverse().join('\n') + '\n';
    // CPU time, not wall time: the test machine is shared and often loaded.
    const started = process.cpuUsage();
    const { unified } = computeRedline(from, to, 'a', 'b');
    const { user, system } = process.cpuUsage(started);
    expect(applyPatch(from, unified)).toBe(to);
    expect((user + system) / 1000).toBeLessThan(10_000);
  });

  describe('unified', () => {
    it('applies as a patch that turns the old text into the new one', () => {
      const next = random(7);
      const alphabet = ['a', 'b', '', 'shall', 'x\r', '## 1 H', 'Para.'];
      const text = () => {
        let s = Array.from({ length: Math.floor(next() * 25) }, () => alphabet[Math.floor(next() * alphabet.length)] + '\n').join('');
        if (next() < 0.3) s = s.replace(/\n$/, '');
        return s;
      };
      for (let t = 0; t < 200; t++) {
        const from = text();
        const to = next() < 0.5 ? text() : from.replace(/a/g, () => (next() < 0.3 ? 'A' : 'a'));
        const { unified } = computeRedline(from, to, 'a', 'b');
        expect(from === to ? unified === '' : applyPatch(from, unified) === to).toBe(true);
      }
    });

    describe('matches `diff -u` apart from the timestamps', () => {
      let dir: string;
      before(() => {
        dir = mkdtempSync(join(tmpdir(), 'redline-'));
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      const paragraphs = (n: number, edit: (i: number) => string | null): string =>
        Array.from({ length: n }, (_, i) => edit(i))
          .filter((p) => p !== null)
          .join('\n\n') + '\n';
      const cases: [string, string, string][] = [
        ['small edit', FROM, TO],
        ['added final newline', 'a\nb\nc', 'a\nb\nc\n'],
        ['removed final newline', 'a\nb\nc\n', 'a\nB\nc'],
        ['no final newline on either side', 'x\ny', 'x\nz'],
        ['from empty', '', 'one\ntwo\n'],
        ['to empty', 'one\ntwo\n', ''],
        ['CRLF', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
        ['inserted paragraph between blank lines', paragraphs(6, (i) => `Para ${i}.`), paragraphs(7, (i) => (i === 3 ? 'New.' : `Para ${i > 3 ? i - 1 : i}.`))],
        ['deleted paragraph', paragraphs(8, (i) => `Para ${i}.`), paragraphs(8, (i) => (i === 4 ? null : `Para ${i}.`))],
        ['two distant hunks', paragraphs(20, (i) => `Para ${i}.`), paragraphs(20, (i) => (i === 2 || i === 17 ? `Para ${i} edited.` : `Para ${i}.`))],
        ['two close hunks merged', paragraphs(20, (i) => `Para ${i}.`), paragraphs(20, (i) => (i === 5 || i === 8 ? `Para ${i} edited.` : `Para ${i}.`))],
        ['repeated lines', 'a\na\nb\na\na\n', 'a\nb\na\na\na\nb\n'],
      ];

      for (const [name, from, to] of cases) it(name, () => {
        const a = join(dir, 'a');
        const b = join(dir, 'b');
        writeFileSync(a, from);
        writeFileSync(b, to);
        const gnu = spawnSync('diff', ['-u', a, b], { encoding: 'utf8' });
        expect(gnu.error).toBeUndefined();
        const ours = computeRedline(from, to, 'a', 'b').unified;
        const body = (patch: string) => patch.split('\n').slice(2).join('\n');
        expect(body(ours)).toBe(body(gnu.stdout));
        if (gnu.stdout === '') expect(ours).toBe('');
        else expect(ours.split('\n').slice(0, 2)).toEqual(['--- a', '+++ b']);
      });
    });
  });
});
