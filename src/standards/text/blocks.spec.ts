import { describe, it } from 'node:test';
import { expect } from 'expect';
import { MAX_BLOCK_BYTES, splitBlocks } from './blocks';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('splitBlocks', () => {
  it('cuts after the blank lines that end each paragraph', () => {
    expect(splitBlocks('# T\n\n## 1 Scope\n\nLine one\nline two\n\n\n- a\n- b\n')).toEqual([
      '# T\n\n',
      '## 1 Scope\n\n',
      'Line one\nline two\n\n\n',
      '- a\n- b\n',
    ]);
  });

  it('keeps leading blank lines as their own block and trailing ones with the last paragraph', () => {
    expect(splitBlocks('\n\nA\n\n  \n')).toEqual(['\n\n', 'A\n\n  \n']);
  });

  it('handles CRLF, a missing final newline, and the empty string', () => {
    expect(splitBlocks('A\r\n\r\nB\r\nC')).toEqual(['A\r\n\r\n', 'B\r\nC']);
    expect(splitBlocks('no newline')).toEqual(['no newline']);
    expect(splitBlocks('')).toEqual([]);
  });

  it('round-trips any string byte for byte', () => {
    const next = random(2024);
    const alphabet = ['\n', '\r\n', '\r', ' ', '\t', 'a', 'é', '😀', '\u0000', '#', '-', 'shall'];
    for (let t = 0; t < 500; t++) {
      const text = Array.from({ length: Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const blocks = splitBlocks(text);
      expect(blocks.join('')).toBe(text);
      expect(blocks.every((b) => b.length > 0)).toBe(true);
    }
  });

  it('leaves paragraphs up to the size limit whole', () => {
    const paragraph = 'word '.repeat(12_000).trim() + '\n';
    expect(splitBlocks(`${paragraph}\n${paragraph}`)).toHaveLength(2);
  });

  it('cuts a huge paragraph at line boundaries, below the size limit', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} of a paragraph without blank lines.\n`);
    const text = lines.join('');
    const blocks = splitBlocks(text);
    expect(blocks.join('') === text).toBe(true);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      expect(block.endsWith('\n')).toBe(true);
      expect(Buffer.byteLength(block)).toBeLessThan(MAX_BLOCK_BYTES + 100);
    }
  });

  it('chooses cut points by content, so an early edit leaves later blocks shared', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} of a paragraph without blank lines.\n`);
    const before = new Set(splitBlocks(lines.join('')));
    const edited = [...lines];
    edited.splice(10, 0, 'An inserted line near the start.\n');
    const after = splitBlocks(edited.join(''));
    const shared = after.filter((b) => before.has(b)).length;
    expect(shared).toBeGreaterThanOrEqual(after.length - 2);
  });

  it('does not cut inside a single long line', () => {
    const line = 'x'.repeat(3 * MAX_BLOCK_BYTES);
    const blocks = splitBlocks(`${line}\n\nnext`);
    expect(blocks.map((b) => b.length)).toEqual([line.length + 2, 4]);
    expect(blocks[1]).toBe('next');
  });
});
