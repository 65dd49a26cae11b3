// Upstream's formatter (grafana/alloy's syntax/parser + syntax/printer, built as bench/README.md
// says) beside alloyc fmt's in-process path, on the same files, in alternating fresh processes.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface Timed { ms: number; maxRssKb: number }

/** One input of the comparison: its file, its size, and how many timed runs and calls per run. */
export interface UpstreamInput { label: string; file: string; bytes: number; rounds: number; runs: number; batch: number }

/**
 * The upstream formatter binary: $ALLOYC_UPSTREAM_FMT, else `.bench-tmp/upstream-fmt` (where
 * bench/README.md builds it); undefined with the reason when there is none.
 */
export function findUpstreamFormatter(benchTmp: string): { binary: string } | { missing: string } {
  const fromEnv = process.env.ALLOYC_UPSTREAM_FMT;
  if (fromEnv) return existsSync(fromEnv) ? { binary: fromEnv } : { missing: `ALLOYC_UPSTREAM_FMT=${fromEnv} does not exist` };
  const built = join(benchTmp, "upstream-fmt");
  return existsSync(built) ? { binary: built } : { missing: `no ${built} and ALLOYC_UPSTREAM_FMT is unset (bench/README.md says how to build it)` };
}

/** Best of `runs` timed runs of `batch` calls (time per call), as the alloyc worker reports it. */
function measureUpstream(binary: string, file: string, runs: number, batch: number): Timed {
  const out = execFileSync(binary, [file, String(runs), String(batch)], { encoding: "utf8" });
  return JSON.parse(out) as Timed;
}

/**
 * alloyc's time per byte over upstream's for each input: each round runs both back to back (the
 * order swapped every round, so neither always runs on a machine the other has just warmed or
 * loaded), and the ratio printed is the median of the rounds' ratios, with their range.
 */
export function compareWithUpstream(
  binary: string,
  inputs: readonly UpstreamInput[],
  alloyc: (file: string, runs: number, batch: number) => Timed,
  print: (line: string) => void,
): void {
  const MB = 1024 * 1024;
  for (const input of inputs) {
    const ratios: number[] = [];
    let ours = Infinity;
    let theirs = Infinity;
    let oursRss = 0;
    let theirsRss = 0;
    for (let r = 0; r < input.rounds; r++) {
      const runOurs = (): Timed => alloyc(input.file, input.runs, input.batch);
      const runTheirs = (): Timed => measureUpstream(binary, input.file, input.runs, input.batch);
      let a: Timed;
      let b: Timed;
      if (r % 2 === 0) {
        a = runOurs();
        b = runTheirs();
      } else {
        b = runTheirs();
        a = runOurs();
      }
      ratios.push(a.ms / b.ms);
      ours = Math.min(ours, a.ms);
      theirs = Math.min(theirs, b.ms);
      oursRss = Math.max(oursRss, a.maxRssKb);
      theirsRss = Math.max(theirsRss, b.maxRssKb);
    }
    ratios.sort((x, y) => x - y);
    const median = ratios[ratios.length >> 1] as number;
    const rate = (ms: number): string => `${(input.bytes / MB / (ms / 1000)).toFixed(1)} MB/s`;
    // Printed as each size is measured: the 100 MB rounds take minutes.
    print(
      `  ${input.label}: alloyc ${rate(ours)} (${ours.toFixed(0)} ms), upstream ${rate(theirs)} (${theirs.toFixed(0)} ms): ` +
        `${median.toFixed(2)}x upstream's time per byte (median of ${input.rounds} rounds; ${(ratios[0] as number).toFixed(2)}–${(ratios[ratios.length - 1] as number).toFixed(2)}x); ` +
        `peak RSS ${(oursRss / 1024).toFixed(0)} vs ${(theirsRss / 1024).toFixed(0)} MB (target ≤ 1x)`,
    );
  }
}
