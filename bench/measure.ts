/* eslint-disable no-console -- a benchmark's output is its figures */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * What every case shares: time a function several times, summarise the
 * samples (median and spread), and report a figure as a ratio to a
 * reference measured in the same run, against its target. The machines
 * here are shared and noisy, so a ratio means more than a time.
 */

export interface BenchOptions {
  /** A few seconds in all, for CI: small data, few runs, targets not judged. */
  smoke: boolean;
}

export interface Stats {
  /** Median CPU time of this process (user + system), when measured: steadier than wall time on a loaded machine. */
  cpu?: number;
  /** Spread of the CPU samples (min, p95), when measured: a ratio of two medians means little when they swing. */
  cpuMin?: number;
  cpuP95?: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export interface Outcome {
  name: string;
  figure: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** Every outcome reported in this process, for the summary at the end. */
export const outcomes: Outcome[] = [];

export async function time(runs: number, fn: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1], runs: s.length };
}

/**
 * A full garbage collection, for a case that asks for one before each timed
 * run (node runs without --expose-gc; the flag set at run time exposes `gc`
 * to a new context only).
 */
let collector: (() => void) | undefined;
export function collectGarbage(): void {
  if (collector === undefined) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}

/**
 * Times `fn` (after `warmup` untimed calls) and prints its median and spread,
 * in wall time and in CPU time. `fn` may return its own CPU milliseconds (a
 * child process's); otherwise this process's CPU time is taken. With `gc`,
 * a full collection runs before each call, untimed, so that one run does
 * not pay for collecting the garbage of the runs before it (or of the
 * previous case) at a cost that grows with whatever else the heap holds.
 */
export async function measure(label: string, runs: number, fn: (i: number) => unknown, warmup = 1, options: { gc?: boolean } = {}): Promise<Stats> {
  await time(warmup, fn);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (options.gc) collectGarbage();
    const start = performance.now();
    const before = process.cpuUsage();
    const own = await fn(i);
    const used = process.cpuUsage(before);
    wall.push(performance.now() - start);
    cpu.push(typeof own === 'number' ? own : (used.user + used.system) / 1000);
  }
  const cpuStats = stats(cpu);
  const result = { ...stats(wall), cpu: cpuStats.median, cpuMin: cpuStats.min, cpuP95: cpuStats.p95 };
  console.log(`  ${label.padEnd(44)} ${fmt(result)}`);
  return result;
}

export const ms = (n: number) => (n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
export const fmt = (s: Stats) =>
  `median ${ms(s.median)}  p95 ${ms(s.p95)}  min ${ms(s.min)}  max ${ms(s.max)}  (${s.runs} runs)` + (s.cpu === undefined ? '' : `  cpu median ${ms(s.cpu)}`) + (s.cpuMin === undefined ? '' : ` (min ${ms(s.cpuMin)}, p95 ${ms(s.cpuP95!)})`);

/**
 * Records a figure against its reference. `ratio` is figure / reference and
 * the target is a largest ratio; or a plain bound when `limit` is given.
 */
export function judge(
  options: BenchOptions,
  name: string,
  figure: number,
  reference: { label: string; value: number },
  target: { maxRatio?: number; minRatio?: number; limit?: number; unit?: string },
): void {
  const ratio = figure / reference.value;
  const unit = target.unit ?? 'ms';
  const show = (n: number) => (unit === 'ms' ? ms(n) : `${n.toFixed(unit === 'x' ? 2 : 0)} ${unit}`);
  let met: boolean | null = true;
  const parts: string[] = [];
  if (target.maxRatio !== undefined) {
    parts.push(`ratio <= ${target.maxRatio}x`);
    met = met && ratio <= target.maxRatio;
  }
  if (target.minRatio !== undefined) {
    parts.push(`ratio >= ${target.minRatio}x`);
    met = met && ratio >= target.minRatio;
  }
  if (target.limit !== undefined) {
    parts.push(`< ${show(target.limit)}`);
    met = met && figure < target.limit;
  }
  if (options.smoke) met = null;
  const outcome = {
    name,
    figure: show(figure),
    reference: `${reference.label} ${show(reference.value)}`,
    ratio: `${ratio.toFixed(2)}x`,
    target: parts.join(', '),
    met,
  };
  outcomes.push(outcome);
  console.log(`  => ${name}: ${outcome.figure} vs ${outcome.reference} = ${outcome.ratio} (target ${outcome.target}) ${verdict(met)}`);
}

export const verdict = (met: boolean | null) => (met === null ? '(smoke: not judged)' : met ? 'met' : 'NOT met');
