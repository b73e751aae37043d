import { describe, it } from 'node:test';
import { expect } from 'expect';
import { diffSequences, uniqueIndex } from './sequence';
import type { Run } from './sequence';
import { prng as random } from '../../../bench/data';

/** Applies runs to `a`, taking added elements from `b`: must give `b` back, with equal runs equal. */
function apply(a: readonly string[], b: readonly string[], runs: readonly Run[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const { kind, count } of runs) {
    if (kind === 'removed') i += count;
    else if (kind === 'added') for (let k = 0; k < count; k++) out.push(b[j++]);
    else
      for (let k = 0; k < count; k++) {
        expect(a[i++]).toBe(b[j]);
        out.push(b[j++]);
      }
  }
  expect([i, j]).toEqual([a.length, b.length]);
  return out;
}

describe('diffSequences', () => {
  it('anchors the same way from kept indexes of unique elements as from the sequences alone', () => {
    const next = random(12);
    for (let t = 0; t < 300; t++) {
      // Mostly unique paragraphs, some repeated (blank lines, "Reserved."), then edits, moves, duplicates.
      const a = Array.from({ length: Math.floor(next() * 400) }, (_, i) => (next() < 0.1 ? `same ${Math.floor(next() * 3)}` : `p${i}`));
      const b = a.filter(() => next() > 0.05).map((x) => (next() < 0.05 ? `${x} edited` : x));
      for (let k = 0; k < next() * 4; k++) {
        const [from, to] = [Math.floor(next() * b.length), Math.floor(next() * b.length)];
        b.splice(to, 0, ...b.splice(from, 1 + Math.floor(next() * 5)));
      }
      if (next() < 0.3 && b.length > 0) b.push(b[0]);
      const plain = diffSequences(a, b, { anchorFirst: true });
      const indexed = diffSequences(a, b, { anchorFirst: true, uniques: [uniqueIndex(a), uniqueIndex(b)] });
      expect(indexed).toEqual(plain);
      expect(apply(a, b, indexed)).toEqual(b);
    }
  });

  it('indexes only elements that occur once', () => {
    expect([...uniqueIndex(['a', 'b', 'a', 'c'])]).toEqual([
      ['a', -1],
      ['b', 1],
      ['c', 3],
    ]);
  });

  it('stays a valid edit script when the order is reversed (no increasing chain but one anchor)', () => {
    const a = Array.from({ length: 1000 }, (_, i) => `p${i}`);
    const b = [...a].reverse();
    const runs = diffSequences(a, b, { anchorFirst: true, uniques: [uniqueIndex(a), uniqueIndex(b)] });
    expect(runs).toEqual(diffSequences(a, b, { anchorFirst: true }));
    expect(apply(a, b, runs)).toEqual(b);
  });
});
