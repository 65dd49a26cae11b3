// `npm run bench`: throughput, memory and start-up, each beside a baseline measured in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { buildSync } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { bundleOptions } from "../scripts/bundle-cli.js";
import { corpusManifest, hasShared, repoRoot, sharedPath } from "../test/shared.js";
import { benchBuilders } from "./builders.js";
import { benchProcess } from "./process.js";
import { benchImport } from "./import.js";
import { benchRelabel } from "./relabel.js";
import { corpusInput, corpusPrefix, jsonOfSize } from "./input.js";
import { compareWithUpstream, findUpstreamFormatter } from "./upstream.js";

if (!hasShared) {
  console.log("bench: ../shared is absent; nothing to measure");
  process.exit(0);
}

const tmp = join(repoRoot, ".bench-tmp");
mkdirSync(tmp, { recursive: true });
const MB = 1024 * 1024;
const bin = join(repoRoot, "bin/alloyc.js");

interface Measured { ms: number; median: number; maxRssKb: number }

/**
 * The worker is compiled the way `npm run build` compiles the CLI (one minified bundle) and run by
 * plain node, so the bench times the code `alloyc` runs, in the kind of process it runs in. Under
 * tsx's ESM loader (`node --import tsx`) about half the processes scavenge at a far higher
 * survival rate, for the whole run (the scaling line "loaded through tsx" shows it).
 */
const workerDir = join(tmp, "worker");
buildSync({ ...bundleOptions, entryPoints: { worker: join(repoRoot, "bench/worker.ts") }, outdir: workerDir });

/**
 * Best of `runs` timed runs of `task` on `file`, in a fresh process (bench/worker.ts); a run of
 * `batch` calls reports the time per call. `throughTsx` runs the worker's TypeScript under tsx.
 */
function measure(task: string, file: string, runs = 5, batch = 1, throughTsx = false): Measured {
  const params = [task, file, String(runs), String(batch)];
  const args = throughTsx ? ["--import", "tsx", join(repoRoot, "bench/worker.ts"), ...params] : [join(workerDir, "worker.js"), ...params];
  const out = execFileSync(process.execPath, args, {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 16 * MB,
  });
  return JSON.parse(out) as Measured;
}

/** Median wall time of each command, runs interleaved so machine noise hits all alike. */
function coldStarts(commands: Record<string, string[]>, runs = 21, env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: "ignore", env });
      // 1 is a finding (fmt --check of the lab as written), not a failure; 2 and up are.
      if (r.status !== 0 && r.status !== 1) throw new Error(`bench: node ${args.join(" ")} exited with ${r.status}`);
      (times[name] as number[]).push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1] as number]),
  );
}

const write = (name: string, data: Buffer): string => {
  const file = join(tmp, name);
  writeFileSync(file, data);
  return file;
};
const rate = (bytes: number, ms: number): string => `${(bytes / MB / (ms / 1000)).toFixed(1)} MB/s`;
const perByteRatio = (a: Measured, aBytes: number, b: Measured, bBytes: number): string =>
  (a.ms / aBytes / (b.ms / bBytes)).toFixed(2);
const rss = (m: Measured): string => `peak RSS ${(m.maxRssKb / 1024).toFixed(0)} MB`;

const alloy = corpusInput(10 * MB);
const alloyFile = write("input.alloy", alloy);
const json = jsonOfSize(alloy, alloy.length);
const jsonFile = write("input.json", json);
// Whole files: a cut inside a block leaves it unclosed, and the copies nested in one another.
const tenth = corpusPrefix(alloy.length / 10);
const tenthFile = write("input-tenth.alloy", tenth);
// Scaling is measured on the same text once and ten times over, so only the size differs.
const tenTimesFile = write("input-ten-times.alloy", Buffer.concat(Array.from({ length: 10 }, () => tenth)));
console.log(`input: ${(alloy.length / MB).toFixed(1)} MB of Alloy made of the corpus; JSON ${(json.length / MB).toFixed(1)} MB`);

const parse = measure("parse", alloyFile);
const jsonParse = measure("json-parse", jsonFile);
console.log(`parse              ${rate(alloy.length, parse.ms)} (${parse.ms.toFixed(0)} ms), ${rss(parse)}`);
console.log(`JSON.parse         ${rate(json.length, jsonParse.ms)} (${jsonParse.ms.toFixed(0)} ms), ${rss(jsonParse)}`);
console.log(`  parse vs JSON.parse, time per byte: ${perByteRatio(parse, alloy.length, jsonParse, json.length)}x (target ≤ 10x)`);

const fmt = measure("parse+format", alloyFile);
const jsonRound = measure("json-parse+stringify", jsonFile);
const fmtOneTree = measure("parse+format, one tree", alloyFile);
console.log(`parse+format       ${rate(alloy.length, fmt.ms)} (${fmt.ms.toFixed(0)} ms), ${rss(fmt)}  [alloyc fmt: in pieces, bytes out]`);
console.log(`  one tree         ${rate(alloy.length, fmtOneTree.ms)} (${fmtOneTree.ms.toFixed(0)} ms), ${rss(fmtOneTree)}`);
console.log(`JSON parse+stringify ${rate(json.length, jsonRound.ms)} (${jsonRound.ms.toFixed(0)} ms)`);
console.log(`  parse+format vs JSON.parse+stringify, time per byte: ${perByteRatio(fmt, alloy.length, jsonRound, json.length)}x (target ≤ 12x)`);

/**
 * Scaling: the same text once and ten times over. Every timed run processes the same bytes (ten
 * calls on ten copies of the small text, one on the large), so both pay for the garbage
 * collection their work causes and neither reads its input from a warm cache. A round measures the two back to back (best of 5 runs each, in fresh processes), so a
 * round's ratio compares them in the same machine state; the ratio reported is the median over
 * rounds, with the range, since a single round on a shared machine can be off by 20%.
 */
function scaling(task: string, rounds: number, throughTsx = false): string {
  const small: number[] = [];
  const large: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = measure(task, tenthFile, 5, 10, throughTsx).ms;
    const l = measure(task, tenTimesFile, 5, 1, throughTsx).ms;
    small.push(s);
    large.push(l);
    ratios.push(l / s);
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] as number;
  const x = (v: number): string => `${v.toFixed(1)}x`;
  return `${(tenth.length / MB).toFixed(1)} MB took ${median(small).toFixed(0)} ms, the same text 10x ${median(large).toFixed(0)} ms: ` +
    `${x(median(ratios))} (median of ${rounds} rounds; ${x(Math.min(...ratios))}–${x(Math.max(...ratios))})`;
}
for (const task of ["parse+format", "parse+format, one tree", "parse", "format"]) {
  // The target's own line gets more rounds.
  const target = task === "parse+format" ? " (target ≤ 11x)" : "";
  console.log(`  scaling, ${task}: ${scaling(task, task === "parse+format" ? 7 : 3)}${target}`);
}
console.log(`  scaling, parse+format, loaded through tsx: ${scaling("parse+format", 3, true)}`);
{
  // And a decade up: the whole input against ten copies of it (alloyc fmt's path only; the
  // one-tree path would need several GB).
  const hugeFile = write("input-x10.alloy", Buffer.concat(Array.from({ length: 10 }, () => alloy)));
  const small = measure("parse+format", alloyFile, 3, 10);
  const large = measure("parse+format", hugeFile, 2, 1);
  // Peak memory of one call on each (a batch holds ten copies of its input).
  console.log(`  scaling, parse+format: ${(alloy.length / MB).toFixed(1)} MB took ${small.ms.toFixed(0)} ms, 10x ${large.ms.toFixed(0)} ms = ${(large.ms / small.ms).toFixed(1)}x; ${rss(fmt)} vs ${(large.maxRssKb / 1024).toFixed(0)} MB`);
}

{
  // Upstream's own formatter, where built (bench/README.md), on the same 1, 10 and 100 MB files.
  const upstream = findUpstreamFormatter(tmp);
  if ("missing" in upstream) {
    console.log(`upstream's formatter: skipped: ${upstream.missing}`);
  } else {
    const hugeFile = write("input-x10.alloy", Buffer.concat(Array.from({ length: 10 }, () => alloy)));
    console.log(`parse+format vs upstream's formatter (${upstream.binary}), in-process, start-up excluded, alternating:`);
    compareWithUpstream(upstream.binary, [
      { label: `${(tenth.length / MB).toFixed(1)} MB`, file: tenthFile, bytes: tenth.length, rounds: 5, runs: 5, batch: 10 },
      { label: `${(alloy.length / MB).toFixed(1)} MB`, file: alloyFile, bytes: alloy.length, rounds: 3, runs: 3, batch: 1 },
      { label: `${((alloy.length * 10) / MB).toFixed(0)} MB`, file: hugeFile, bytes: alloy.length * 10, rounds: 2, runs: 1, batch: 1 },
    ], (file, runs, batch) => measure("parse+format", file, runs, batch), (line) => console.log(line));
  }
}

const lint = measure("lint", alloyFile, 3);
console.log(`lint (parse+check) ${rate(alloy.length, lint.ms)} (${lint.ms.toFixed(0)} ms), ${rss(lint)}`);
{
  // Against parse+format (alloyc fmt's path) on the same file, in alternating rounds: lint should
  // cost at most twice fmt per byte and hold at most twice its memory.
  const ratios: number[] = [];
  const rssRatios: number[] = [];
  for (let r = 0; r < 3; r++) {
    const pair = r % 2 === 0 ? [measure("lint", alloyFile, 3), measure("parse+format", alloyFile, 3)] : [measure("parse+format", alloyFile, 3), measure("lint", alloyFile, 3)].reverse();
    const [l, f] = pair as [Measured, Measured];
    ratios.push(l.ms / f.ms);
    rssRatios.push(l.maxRssKb / f.maxRssKb);
    console.log(`  round ${r + 1}: lint ${rate(alloy.length, l.ms)}, ${rss(l)}; parse+format ${rate(alloy.length, f.ms)}, ${rss(f)}`);
  }
  const mid = (xs: number[]): string => `${([...xs].sort((x, y) => x - y)[xs.length >> 1] as number).toFixed(2)}x`;
  console.log(`  lint vs parse+format: time per byte ${mid(ratios)} (target ≤ 2x), peak RSS ${mid(rssRatios)} (target ≤ 2x); median of 3 rounds`);
  console.log(`  scaling, lint: ${scaling("lint", 3)} (target ≤ 10.5x)`);
}
const checkAlone = measure("check", alloyFile, 3);
console.log(`  check alone      ${rate(alloy.length, checkAlone.ms)} (${checkAlone.ms.toFixed(0)} ms)`);
{
  // Checker scale: unresolved references (each with a did-you-mean) and a long reference chain,
  // each beside a clean file of the same blocks and about the same bytes (string literals instead).
  const blocks = (n: number, value: (i: number) => string): Buffer =>
    Buffer.from(Array.from({ length: n }, (_, i) => `local.file "f${i}" {\n  filename = ${value(i)}\n}\n`).join(""));
  const typo = (n: number) => (i: number): string => `local.file.f${(i + 1) % n}x.content`;
  const next = (n: number) => (i: number): string => (i + 1 < n ? `local.file.f${i + 1}.content` : `"x"`);
  const quoted = (ref: (i: number) => string) => (i: number): string => JSON.stringify(ref(i).replaceAll('"', ""));
  const row = (what: string, n: number, value: (i: number) => string): { ms: number; clean: number } => {
    const slug = `scale-${what.replaceAll(" ", "-")}-${n}`;
    const file = write(`${slug}.alloy`, blocks(n, value));
    const cleanFile = write(`${slug}-clean.alloy`, blocks(n, quoted(value)));
    // Best of two runs (after a warm-up) on the large files keeps the section to seconds.
    const runs = n > 1000 ? 2 : 3;
    const ms = measure("lint", file, runs).ms;
    const clean = measure("lint", cleanFile, runs).ms;
    console.log(`lint, ${what} (${n} blocks): ${ms.toFixed(0)} ms; a clean file of the same size ${clean.toFixed(0)} ms = ${(ms / clean).toFixed(2)}x`);
    return { ms, clean };
  };
  const small = row("unresolved references", 1000, typo(1000));
  const large = row("unresolved references", 10_000, typo(10_000));
  console.log(`  10,000 unresolved references vs 1,000: ${(large.ms / small.ms).toFixed(1)}x (clean files: ${(large.clean / small.clean).toFixed(1)}x; target ≈ 10x)`);
  row("a reference chain", 10_000, next(10_000));
}

{
  // Any input, bounded: lint and fmt of 100 MB of random bytes, cold, in fresh processes, beside
  // `node -e 0`; the target is 10 s and 1 GB. Peak RSS is written at exit by a preloaded module
  // (the same one for the baseline): VmHWM, since Linux carries maxRSS across exec from the
  // forked bench process; maxRSS elsewhere.
  const file = write("random-100mb.alloy", randomBytes(100 * MB));
  const preload = `data:text/javascript,${encodeURIComponent(
    'import { readFileSync, writeSync } from "node:fs"; process.on("exit", () => { let kb = process.resourceUsage().maxRSS;' +
      ' try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch {}' +
      ' writeSync(2, "\\nmaxrss=" + kb + "\\n"); });',
  )}`;
  const cold = (args: string[], runs = 3, stdout: "pipe" | "ignore" = "pipe"): { ms: number; rssMb: number; said: string } => {
    let best = Infinity;
    let rssKb = 0;
    let said = "";
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ["--import", preload, ...args], { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * MB, stdio: ["ignore", stdout, "pipe"] });
      best = Math.min(best, performance.now() - t0);
      const out = `${r.stdout ?? ""}${r.stderr}`;
      rssKb = Math.max(rssKb, Number(/maxrss=(\d+)/.exec(out)?.[1] ?? NaN));
      said = out.split("\n").find((l) => l.includes("error")) ?? `exit ${r.status}`;
    }
    return { ms: best, rssMb: rssKb / 1024, said: said.length > 240 ? `${said.slice(0, 240)}…` : said };
  };
  const node = cold(["-e", "0"]);
  console.log(`100 MB of random bytes (best of 3, cold), against node -e 0 = ${node.ms.toFixed(0)} ms, peak RSS ${node.rssMb.toFixed(0)} MB (target ≤ 10 s, ≤ 1 GB):`);
  for (const command of ["lint", "fmt"]) {
    const m = cold([bin, command, "--max-file-size", "200M", file]);
    console.log(`  alloyc ${command}: ${m.ms.toFixed(0)} ms = ${(m.ms / node.ms).toFixed(1)}x, peak RSS ${m.rssMb.toFixed(0)} MB = ${(m.rssMb / node.rssMb).toFixed(1)}x; says: ${m.said.replace(/^.*?: error: /, "")}`);
  }
  // What `alloyc fmt FILE > out` costs end to end: read, format in pieces, the bytes written as
  // they are to stdout (/dev/null here), on the 10 MB input and ten copies of it.
  for (const [what, path] of [[`${(alloy.length / MB).toFixed(1)} MB`, alloyFile], [`${((alloy.length * 10) / MB).toFixed(0)} MB`, join(tmp, "input-x10.alloy")]] as const) {
    const m = cold([bin, "fmt", "--max-file-size", "200M", path], 2, "ignore");
    console.log(`alloyc fmt of ${what} of the corpus to stdout (cold, best of 2): ${m.ms.toFixed(0)} ms, peak RSS ${m.rssMb.toFixed(0)} MB`);
  }
}

const largest = corpusManifest().reduce((a, b) => (Number(b.size) > Number(a.size) ? b : a));
const largestFile = sharedPath("corpus", largest.local_file as string);
const lab = sharedPath("lab", "config.alloy");
const starts = coldStarts({
  "node -e 0": ["-e", "0"],
  "alloyc --version": [bin, "--version"],
  "alloyc lint lab/config.alloy": [bin, "lint", lab],
  "alloyc fmt --check lab/config.alloy": [bin, "fmt", "--check", lab],
  "alloyc examples/lab.ts (build)": [bin, join(repoRoot, "examples/lab.ts")],
  "alloyc import lab/config.alloy": [bin, "import", lab],
  "alloyc test examples/lab.test.yaml": [bin, "test", join(repoRoot, "examples/lab.test.yaml")],
  // The package's entries as a user's program imports them (the repository imports itself by name).
  "import alloyc/parse": ["--input-type=module", "-e", "await import('alloyc/parse')"],
  "import alloyc (the builders)": ["--input-type=module", "-e", "await import('alloyc')"],
  "import alloyc/check, load every catalog namespace": ["--input-type=module", "-e", "const { loadCatalog } = await import('alloyc/check'); await loadCatalog()"],
  [`alloyc lint ${largest.local_file} (${(Number(largest.size) / 1024).toFixed(0)} KB)`]: [bin, "lint", largestFile],
});
const base = starts["node -e 0"] as number;
console.log(`cold start (median of 21), against node -e 0 = ${base.toFixed(0)} ms (target: commands ≤ 1.6x, imports ≤ 2x):`);
for (const [name, ms] of Object.entries(starts)) {
  if (name !== "node -e 0") console.log(`  ${name}: ${ms.toFixed(0)} ms = ${(ms / base).toFixed(2)}x`);
}
if (process.env.NODE_EXTRA_CA_CERTS) {
  // Node reads and parses those certificates at every start (on this machine most of `node -e
  // 0`'s instructions), which flatters every ratio above: the commands again without them.
  const { NODE_EXTRA_CA_CERTS: _certs, ...plain } = process.env;
  const bare = coldStarts({
    "node -e 0": ["-e", "0"],
    "alloyc --version": [bin, "--version"],
    "alloyc lint lab/config.alloy": [bin, "lint", lab],
    "alloyc fmt --check lab/config.alloy": [bin, "fmt", "--check", lab],
  }, 21, plain);
  const bareBase = bare["node -e 0"] as number;
  console.log(`  without NODE_EXTRA_CA_CERTS (set here): node -e 0 = ${bareBase.toFixed(0)} ms; ` +
    Object.entries(bare).filter(([name]) => name !== "node -e 0").map(([name, ms]) => `${name.replace(/^alloyc /, "")} ${(ms / bareBase).toFixed(2)}x`).join(", "));
}

for (const row of benchBuilders().rows) console.log(row);

for (const row of await benchProcess(lab)) console.log(row);

for (const row of await benchImport()) console.log(row);

for (const row of await benchRelabel()) console.log(row);
