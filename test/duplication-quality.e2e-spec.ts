/* eslint-disable no-console -- the test reports precision@1, recall@5 and the score margins it measured */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { CORPUS_DIR, readCorpus } from '../src/standards/corpus.service';
import { createTestApp, TestApp } from './helpers/app';

interface EvalCase {
  title: string;
  scope: string;
  overlaps: string[];
}

const EVAL_SET: EvalCase[] = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'duplication', 'eval-set.json'), 'utf8'));

const CHECK = `query($t:String!,$s:String!,$f:Int){ duplicationCheck(title:$t, scope:$s, first:$f){
  score sharedTerms external{ designation equivalents{ designation } } standard{ designation } } }`;

interface Candidate {
  score: number;
  sharedTerms: string[];
  external: { designation: string; equivalents: { designation: string }[] } | null;
  standard: { designation: string } | null;
}

/** A candidate stands for its twins too: finding ECSS-E-ST-40C finds EN 16603-40. */
const names = (c: Candidate) => (c.external ? [c.external.designation, ...c.external.equivalents.map((e) => e.designation)] : []);

describe('duplication check quality (test/duplication/eval-set.json)', () => {
  let t: TestApp;
  let token: string;
  const results: { case: EvalCase; candidates: Candidate[] }[] = [];

  before(async () => {
    t = await createTestApp();
    token = (await t.user('Quality Expert', [{ role: 'EXPERT', nationCode: 'NLD' }])).token;
    for (const c of EVAL_SET) {
      const data = await t.ok(CHECK, { t: c.title, s: c.scope, f: 5 }, token);
      results.push({ case: c, candidates: data.duplicationCheck });
    }
  });
  after(() => t?.close());

  it('has the size the issue asks for', () => {
    expect(EVAL_SET.filter((c) => c.overlaps.length).length).toBeGreaterThanOrEqual(30);
    expect(EVAL_SET.filter((c) => !c.overlaps.length).length).toBeGreaterThanOrEqual(10);
  });

  it('ranks a true overlap first (precision@1 >= 0.9) and finds them in the top 5 (recall@5 >= 0.9)', () => {
    const positives = results.filter((r) => r.case.overlaps.length);
    const hits1 = positives.filter((r) => r.candidates[0] && names(r.candidates[0]).some((n) => r.case.overlaps.includes(n)));
    let expected = 0;
    let found = 0;
    for (const r of positives) {
      const top5 = new Set(r.candidates.slice(0, 5).flatMap(names));
      expected += r.case.overlaps.length;
      found += r.case.overlaps.filter((d) => top5.has(d)).length;
    }
    const precisionAt1 = hits1.length / positives.length;
    const recallAt5 = found / expected;
    for (const r of positives.filter((p) => !hits1.includes(p))) {
      console.log(`  miss@1: "${r.case.title}" wanted ${r.case.overlaps.join(', ')}, got ${r.candidates.slice(0, 3).map((c) => `${names(c)[0]} ${c.score}`).join('; ')}`);
    }
    console.log(`precision@1 = ${precisionAt1.toFixed(3)} (${hits1.length}/${positives.length}), recall@5 = ${recallAt5.toFixed(3)} (${found}/${expected})`);
    expect(precisionAt1).toBeGreaterThanOrEqual(0.9);
    expect(recallAt5).toBeGreaterThanOrEqual(0.9);
  });

  it('lets every clean proposal through the gate (false-positive rate 0 at DUPLICATE_THRESHOLD)', () => {
    const threshold = t.config.DUPLICATE_THRESHOLD;
    const clean = results.filter((r) => !r.case.overlaps.length);
    const tripped = clean.filter((r) => r.candidates.some((c) => c.score >= threshold));
    const topClean = Math.max(...clean.map((r) => r.candidates[0]?.score ?? 0));
    const positives = results.filter((r) => r.case.overlaps.length);
    const caught = positives.filter((r) => r.candidates[0] && r.candidates[0].score >= threshold).length;
    console.log(
      `threshold ${threshold}: false positives ${tripped.length}/${clean.length} (highest clean score ${topClean.toFixed(3)}); ` +
        `gate catches ${caught}/${positives.length} true overlaps (lowest true top score ${Math.min(...positives.map((r) => r.candidates[0]?.score ?? 0)).toFixed(3)})`,
    );
    console.log(`  true top scores: ${positives.map((r) => r.candidates[0]?.score ?? 0).sort((a, b) => a - b).join(' ')}`);
    console.log(`  clean top scores: ${clean.map((r) => r.candidates[0]?.score ?? 0).sort((a, b) => a - b).join(' ')}`);
    for (const r of tripped) console.log(`  tripped: "${r.case.title}" -> ${names(r.candidates[0])[0]} ${r.candidates[0].score}`);
    expect(tripped.length).toBe(0);
  });

  it('gives the shared terms that weigh most, as words', () => {
    const first = results[0].candidates[0];
    expect(first.sharedTerms.length).toBeGreaterThan(0);
    expect(first.sharedTerms.length).toBeLessThanOrEqual(5);
    expect(first.sharedTerms.every((w) => /^[\p{L}\p{N}-]+$/u.test(w))).toBe(true);
  });

  it('lets the sample drafts ASpP-5, -6 and -7 through the gate against the catalogue', async () => {
    const drafts = readCorpus(CORPUS_DIR);
    expect(drafts.map((d) => d.designation).sort()).toEqual(['ASpP-5', 'ASpP-6', 'ASpP-7']);
    for (const d of drafts) {
      const data = await t.ok(CHECK, { t: d.title, s: d.scope, f: 3 }, token);
      const top: Candidate | undefined = data.duplicationCheck[0];
      console.log(`  ${d.designation}: top ${top ? `${names(top)[0]} ${top.score} [${top.sharedTerms.join(', ')}]` : 'none'}`);
      expect(top?.score ?? 0).toBeLessThan(t.config.DUPLICATE_THRESHOLD);
    }
  });
});
