/**
 * Sampling for benchmarks on shared, noisy machines: the subject and its baseline run interleaved in
 * one loop (their order swapped every round, so neither always runs on a warmer cache), and each is
 * summarised by its median and 90th percentile rather than a mean that one stall can move.
 */
import { performance } from "node:perf_hooks";

/** One timed thing: what it is, and how to run it once. */
export interface Subject {
  label: string;
  run(): unknown;
}

/** What a subject's samples come to, in milliseconds. */
export interface Figure {
  label: string;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  runs: number;
  /** each run's time, in the order run (round by round under sampleInterleaved) */
  samples?: readonly number[];
}

/** What one benchmark reports to `bench/run.ts`. */
export interface BenchResult {
  name: string;
  subject: Figure;
  baseline: Figure;
  /** subject median / baseline median */
  ratio: number;
  target: string;
  met: boolean;
  /** further figures worth a line in the report (counts, informative timings) */
  notes: Record<string, string | number>;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the value below which p of the samples lie, never one that was not measured.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarise(label: string, samples: readonly number[]): Figure {
  return {
    label,
    medianMs: percentile(samples, 0.5),
    p90Ms: percentile(samples, 0.9),
    minMs: Math.min(...samples),
    runs: samples.length,
    samples,
  };
}

/**
 * Runs every subject `warmups` times, then `runs` rounds in which each runs once, in an order that
 * rotates every round. Returns one Figure per subject, in the order given.
 */
export async function sampleInterleaved(
  subjects: readonly Subject[],
  options: { warmups: number; runs: number; onRound?: (round: number) => void },
): Promise<Figure[]> {
  for (let i = 0; i < options.warmups; i++) for (const s of subjects) await s.run();
  const samples = subjects.map(() => [] as number[]);
  for (let round = 0; round < options.runs; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const index = (round + k) % subjects.length;
      const subject = subjects[index] as Subject;
      const started = performance.now();
      await subject.run();
      samples[index]?.push(performance.now() - started);
    }
    options.onRound?.(round + 1);
  }
  return subjects.map((s, i) => summarise(s.label, samples[i] ?? []));
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Hands the result to `bench/run.ts` when it started this benchmark, and prints it either way. */
export function report(result: BenchResult): void {
  const line = (f: Figure) =>
    `  ${f.label}: median ${ms(f.medianMs)}, p90 ${ms(f.p90Ms)}, min ${ms(f.minMs)} (${f.runs} runs)`;
  console.log(`\n${result.name}`);
  console.log(line(result.subject));
  console.log(line(result.baseline));
  console.log(
    `  ratio ${result.ratio.toFixed(2)}; target ${result.target}: ${result.met ? "met" : "MISSED"}`,
  );
  for (const [key, value] of Object.entries(result.notes)) console.log(`  ${key}: ${value}`);
  process.send?.(result);
}

/**
 * The median of each round's ratio, subject over baseline (two Figures of sampleInterleaved): the two
 * ran moments apart, so what slows a whole round (another process, a busy disk) cancels out, where
 * the ratio of the two medians takes each median from other rounds.
 */
export function pairedRatio(subject: Figure, baseline: Figure): number {
  const ratios = (subject.samples ?? []).flatMap((ms, i) => {
    const base = baseline.samples?.[i];
    return base === undefined || base <= 0 ? [] : [ms / base];
  });
  return percentile(ratios, 0.5);
}
