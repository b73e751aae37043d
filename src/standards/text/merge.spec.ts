import { describe, it } from 'node:test';
import { expect } from 'expect';
import type * as Diff3 from 'node-diff3' with { 'resolution-mode': 'import' };
import { mergeThreeWay } from './merge';

// node-diff3 is the reference implementation of diff3 here (see merge.ts for why it is not used directly).
const diff3 = require('node-diff3') as typeof Diff3;

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const BASE = [
  '# Orbit data', // 1
  '', // 2
  '## 1 Scope', // 3
  '', // 4
  'The provider shall deliver data within one hour.', // 5
  '', // 6
  '## 2 Format', // 7
  '', // 8
  'Epochs shall be in UTC.', // 9
  '', // 10
  '## 3 Transport', // 11
  '', // 12
  'Files should be compressed.', // 13
  '',
].join('\n');

describe('mergeThreeWay', () => {
  it('combines edits to different clauses', () => {
    const current = BASE.replace('one hour', 'thirty minutes');
    const incoming = BASE.replace('should be compressed', 'shall be compressed');
    expect(mergeThreeWay(BASE, current, incoming)).toEqual({
      clean: true,
      text: BASE.replace('one hour', 'thirty minutes').replace('should be compressed', 'shall be compressed'),
    });
  });

  it('takes a change made identically on both sides once', () => {
    const both = BASE.replace('UTC', 'TAI');
    expect(mergeThreeWay(BASE, both, both)).toEqual({ clean: true, text: both });
    const more = both.replace('one hour', 'two hours');
    expect(mergeThreeWay(BASE, both, more)).toEqual({ clean: true, text: more });
  });

  it('is clean when one side did not change anything', () => {
    const incoming = BASE.replace('## 2 Format', '## 2 Formats');
    expect(mergeThreeWay(BASE, BASE, incoming)).toEqual({ clean: true, text: incoming });
    expect(mergeThreeWay(BASE, incoming, BASE)).toEqual({ clean: true, text: incoming });
  });

  it('reports the clauses of overlapping edits', () => {
    const current = BASE.replace('one hour', 'thirty minutes').replace('UTC', 'TAI');
    const incoming = BASE.replace('one hour', 'two hours').replace('UTC', 'GPS time');
    expect(mergeThreeWay(BASE, current, incoming)).toEqual({ clean: false, conflictClauses: ['1', '2'] });
  });

  it('uses the numbering of each side for the conflict clauses', () => {
    // current adds a clause at the top, renumbering everything; both edit the Transport sentence.
    const current = BASE.replace('## 1 Scope', '## 1 Introduction\n\nThis is new.\n\n## 2 Scope')
      .replace('## 2 Format', '## 3 Format')
      .replace('## 3 Transport', '## 4 Transport')
      .replace('Files should', 'Archives should');
    const incoming = BASE.replace('Files should', 'Files may');
    expect(mergeThreeWay(BASE, current, incoming)).toEqual({ clean: false, conflictClauses: ['4', '3'] });
  });

  it('conflicts when one side deletes what the other edits', () => {
    const current = BASE.replace('Epochs shall be in UTC.\n\n', '');
    const incoming = BASE.replace('UTC', 'TAI');
    expect(mergeThreeWay(BASE, current, incoming)).toEqual({ clean: false, conflictClauses: ['2'] });
  });

  it('keeps CRLF line ends and a missing final newline exactly', () => {
    const base = 'a\r\nb\r\nc\r\nd\r\ne';
    const current = 'A\r\nb\r\nc\r\nd\r\ne';
    const incoming = 'a\r\nb\r\nc\r\nd\r\nE';
    expect(mergeThreeWay(base, current, incoming)).toEqual({ clean: true, text: 'A\r\nb\r\nc\r\nd\r\nE' });
  });

  it('conflicts when both sides append different text after a last line without newline', () => {
    expect(mergeThreeWay('a\nb', 'a\nb\nc\n', 'a\nb\nd\n')).toEqual({ clean: false, conflictClauses: [] });
  });

  it('handles empty texts', () => {
    expect(mergeThreeWay('', '', '')).toEqual({ clean: true, text: '' });
    expect(mergeThreeWay('', 'new\n', '')).toEqual({ clean: true, text: 'new\n' });
    expect(mergeThreeWay('old\n', '', 'old\n')).toEqual({ clean: true, text: '' });
  });

  it('agrees with node-diff3 on random small edits', () => {
    const next = random(3);
    let fresh = 0;
    const edit = (lines: string[]): string[] => {
      const edited = [...lines];
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const at = Math.floor(next() * (edited.length + 1));
        const op = next();
        if (op < 0.33) edited.splice(at, 0, `new ${fresh++}\n`);
        else if (op < 0.66) edited.splice(at, 1);
        else if (at < edited.length) edited[at] = `changed ${fresh++}\n`;
      }
      return edited;
    };
    for (let t = 0; t < 500; t++) {
      const base = Array.from({ length: Math.floor(next() * 15) }, (_, i) => (next() < 0.3 ? '\n' : `line ${i}\n`));
      const current = edit(base);
      const incoming = next() < 0.2 ? [...current] : edit(base);
      const reference = diff3.diff3Merge(current, base, incoming, { excludeFalseConflicts: true });
      const expected = reference.every((r) => !r.conflict)
        ? { clean: true, text: reference.flatMap((r) => r.ok ?? []).join('') }
        : { clean: false };
      const result = mergeThreeWay(base.join(''), current.join(''), incoming.join(''));
      expect(result.clean ? result : { clean: false }).toEqual(expected);
    }
  });

  it('stays fast on a long standard full of blank lines', () => {
    const paragraphs = ['# Big'];
    for (let c = 1; c <= 200; c++) {
      paragraphs.push(`## ${c} Clause`);
      for (let p = 0; p < 25; p++) paragraphs.push(`Paragraph ${c}.${p} shall hold.`);
    }
    const current = [...paragraphs];
    current[10] += ' Edited.';
    const incoming = [...paragraphs];
    incoming[4000] += ' Edited too.';
    const started = Date.now();
    const result = mergeThreeWay(paragraphs.join('\n\n'), current.join('\n\n'), incoming.join('\n\n'));
    expect(result.clean).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
