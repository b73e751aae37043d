/**
 * Seeded data generators for the benchmark suite: two runs build the same
 * documents and rows, so they time the same work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

const VOCABULARY = (
  'provider consumer satellite ground segment tracking data message telemetry command link budget orbit ephemeris ' +
  'conjunction assessment interface service level latency availability encryption key management certificate ' +
  'frequency band spectrum coordination payload imagery tasking request acquisition window archive catalogue ' +
  'format schema field record timestamp epoch reference frame covariance accuracy precision uncertainty report ' +
  'operator mission planning schedule contact station antenna uplink downlink bandwidth throughput protocol ' +
  'session authentication authorization audit event alert notification delivery retention integrity signature'
).split(' ');

/** Words and how to draw one from a uniform number in [0, 1). */
export interface Vocabulary {
  words: readonly string[];
  pick: (u: number) => string;
}

/** The small technical vocabulary, drawn uniformly: every document holds nearly every word (fine for diffs, not for search). */
export const SMALL_VOCABULARY: Vocabulary = { words: VOCABULARY, pick: (u) => VOCABULARY[Math.floor(u * VOCABULARY.length)] };

/**
 * A vocabulary like that of real standards, for search and duplication at
 * scale: the words of the real corpus in standards/ ranked by how often they
 * occur there, then seeded made-up terms (the rare names, acronyms and
 * jargon a large collection holds), `size` words in all, drawn with Zipf's
 * law (the word of rank r with weight 1/r^1.07, as in English text). A
 * document then holds a few common words and a spread of rare ones, so a
 * query of two words matches some documents, not all of them.
 */
export function zipfVocabulary(size = 30_000, seed = 17): Vocabulary {
  const counts = new Map<string, number>();
  const dir = join(__dirname, '..', '..', 'standards');
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(md|csv)$/.test(entry)) continue;
    for (const w of readFileSync(join(dir, entry), 'utf8').toLowerCase().match(/\p{L}{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const r = prng(seed);
  const syllables = 'ka ro te mi su lan dor vex qui pal ost nem tri gal bor sen fu zar eth ul'.split(' ');
  const seen = new Set(words);
  while (words.length < size) {
    const term = Array.from({ length: 2 + Math.floor(r() * 3) }, () => syllables[Math.floor(r() * syllables.length)]).join('');
    if (seen.has(term)) continue;
    seen.add(term);
    words.push(term);
  }
  // Cumulative Zipf weights; a draw is a binary search for u of the total.
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / Math.pow(i + 1, 1.07);
  const pick = (u: number) => {
    const target = u * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  return { words, pick };
}

export interface Rng {
  next: () => number;
  int: (n: number) => number;
  words: (n: number) => string;
}

export function rng(seed: number, vocabulary: Vocabulary = SMALL_VOCABULARY): Rng {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const words = (n: number) => Array.from({ length: n }, () => vocabulary.pick(next())).join(' ');
  return { next, int, words };
}

function sentence(r: Rng, n: number): string {
  const verbs = ['shall', 'should', 'may', 'can', 'is', 'provides'];
  const s = `The ${r.words(2)} ${verbs[r.int(verbs.length)]} ${r.words(6 + r.int(10))} within ${1 + r.int(600)} seconds of item ${n}.`;
  return s;
}

/** A paragraph of 2 to 5 sentences, about 300 bytes. */
function paragraph(r: Rng, n: number): string {
  return Array.from({ length: 2 + r.int(4) }, (_, k) => sentence(r, n * 10 + k)).join(' ');
}

/**
 * A standard of about `bytes` bytes as Markdown paragraphs (blocks): a title,
 * numbered clauses with sub-clauses, prose with provisions, lists and tables.
 */
export function generateStandard(bytes: number, seed = 1, vocabulary?: Vocabulary): string[] {
  const r = rng(seed, vocabulary);
  const blocks: string[] = [`# Generated Standard ${seed}\n\n`];
  let size = blocks[0].length;
  let clause = 0;
  let sub = 0;
  let n = 0;
  while (size < bytes) {
    let block: string;
    if (n % 40 === 0) {
      clause++;
      sub = 0;
      block = `## ${clause} ${r.words(3)}\n\n`;
    } else if (n % 10 === 0) {
      sub++;
      block = `### ${clause}.${sub} ${r.words(2)}\n\n`;
    } else if (n % 17 === 0) {
      block = Array.from({ length: 3 }, (_, k) => `- ${sentence(r, n * 10 + k)}`).join('\n') + '\n\n';
    } else if (n % 29 === 0) {
      block = `| field | meaning |\n|---|---|\n| ${r.words(1)} | ${r.words(6)} |\n| ${r.words(1)} | ${r.words(5)} |\n\n`;
    } else {
      block = `${paragraph(r, n)}\n\n`;
    }
    blocks.push(block);
    size += block.length;
    n++;
  }
  return blocks;
}

/**
 * The next version: `share` of the paragraphs edited (a few words replaced),
 * and a tenth as many inserted and deleted. Headings are kept, so clause
 * numbers stay put as they do in most real revisions.
 */
export function editStandard(blocks: readonly string[], share: number, seed: number, vocabulary?: Vocabulary): string[] {
  const r = rng(seed, vocabulary);
  const out: string[] = [];
  const edit = (block: string) => {
    const words = block.split(' ');
    for (let k = 0; k < 3; k++) words[r.int(words.length)] = r.words(1);
    return words.join(' ').replace(/\n*$/, '\n\n');
  };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const prose = i > 0 && !block.startsWith('#') && !block.startsWith('|');
    const roll = r.next();
    if (prose && roll < share) {
      out.push(edit(block));
    } else if (prose && roll < share * 1.1) {
      continue; // deleted
    } else {
      out.push(block);
    }
    if (prose && r.next() < share / 10) out.push(`${paragraph(r, 100_000 + i)}\n\n`); // inserted
  }
  // A small document still gets one edit, or there would be nothing to save.
  if (out.join('') === blocks.join('')) out[out.length - 1] = edit(`${out[out.length - 1]} ${r.words(3)}.`);
  return out;
}
