import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { writeDb } from "../simulate/mmdb-fixture.js";
import { type Run, runWith } from "./fake-io.js";

/** The stage runner's options from the command line (--now, --seed, --geoip-db) and from test files (now, seed, geoip_db). */

const dir = mkdtempSync(join(tmpdir(), "alloyc-simulate-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = `loki.process "recent" {
  forward_to = []

  stage.drop {
    older_than = "1h"
  }
}

loki.process "sampled" {
  forward_to = []

  stage.sampling {
    rate = 0.5
  }
}

loki.process "geo" {
  forward_to = []

  stage.geoip {
    db      = "/etc/alloy/city.mmdb"
    source  = "ip"
    db_type = "city"
  }
}
`;
writeFileSync(join(dir, "config.alloy"), CONFIG);
writeFileSync(join(dir, "city.mmdb"), writeDb("192.0.2.0", { city: { names: { en: "London" } }, country: { iso_code: "GB", names: { en: "United Kingdom" } } }, "GeoIP2-City"));
writeFileSync(join(dir, "garbage.mmdb"), "not a database");

const timed = [
  { line: "old", timestamp: "2026-12-04T08:00:00Z" },
  { line: "new", timestamp: "2026-12-04T09:30:00Z" },
];
const many = Array.from({ length: 40 }, (_, i) => ({ line: `l${i}` }));
const ips = [{ line: "x", extracted: { ip: "192.0.2.7" } }];

const run = (args: string[], stdin?: unknown): Promise<Run> => runWith(main, args, { cwd: dir, ...(stdin === undefined ? {} : { stdin: JSON.stringify(stdin) }) });
const lines = (r: Run): string[] => (JSON.parse(r.stdout) as { line: string }[]).map((e) => e.line);

describe("alloyc simulate --now, --seed, --geoip-db", () => {
  it("--now is the clock drop older_than compares with", async () => {
    const at10 = await run(["simulate", "config.alloy", "--component", "loki.process.recent", "--now", "2026-12-04T10:00:00Z"], timed);
    expect(at10.stderr).toBe("");
    expect(lines(at10)).toEqual(["new"]);
    // The same instant in another offset; and an hour earlier nothing is older than an hour.
    const at9 = await run(["simulate", "config.alloy", "--component", "loki.process.recent", "--now", "2026-12-04T09:59:59.999+01:00"], timed);
    expect(lines(at9)).toEqual(["old", "new"]);
  });

  it("--seed decides which entries sampling keeps: the same seed the same entries, another seed others", async () => {
    const sample = async (seed: string): Promise<string[]> => lines(await run(["simulate", "config.alloy", "--component", "loki.process.sampled", "--seed", seed], many));
    const a = await sample("7");
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThan(many.length);
    expect(await sample("7")).toEqual(a);
    expect(await sample("8")).not.toEqual(a);
  });

  it("--geoip-db gives stage.geoip its database; without it the stage is refused", async () => {
    const r = await run(["simulate", "config.alloy", "--component", "loki.process.geo", "--geoip-db", "city.mmdb"], ips);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)[0].extracted).toMatchObject({ geoip_city_name: "London", geoip_country_code: "GB" });
    const without = await run(["simulate", "config.alloy", "--component", "loki.process.geo"], ips);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('stage.geoip needs the MaxMind database "/etc/alloy/city.mmdb"');
  });

  it.each([
    [["--now", "yesterday"], 'alloyc: simulate: --now takes an RFC3339 time such as 2024-01-01T00:00:00Z (not "yesterday")'],
    [["--now", "2026-02-30T00:00:00Z"], '(not "2026-02-30T00:00:00Z")'],
    [["--seed=-1"], 'alloyc: simulate: --seed takes a whole number from 0 to 4294967295 (not "-1")'],
    [["--seed", "4294967296"], '(not "4294967296")'],
    [["--seed", "1.5"], '(not "1.5")'],
    [["--geoip-db", "missing.mmdb"], "alloyc: cannot read missing.mmdb: no such file or directory"],
    [["--geoip-db", "."], "alloyc: cannot read .: is a directory"],
    [["--geoip-db", "garbage.mmdb"], "cannot read the MaxMind database"],
  ])("%j is refused with exit 2 and a clear message", async (flags, message) => {
    const r = await run(["simulate", "config.alloy", "--component", "loki.process.geo", ...flags], ips);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });
});

describe("alloyc test: now, seed, geoip_db", () => {
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
  const processCase = (component: string, entries: unknown, expect: unknown): string =>
    `process:\n  - component: ${component}\n    entries: ${JSON.stringify(entries)}\n    expect: ${JSON.stringify(expect)}\n`;

  it("now: is the clock of process cases and pipelines", async () => {
    write("now.test.yaml", `path: config.alloy\nnow: "2026-12-04T10:00:00Z"\n${processCase("loki.process.recent", timed, [{ line: "new" }])}`);
    const r = await run(["test", "now.test.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // An hour earlier the old entry is kept, so the same expectation fails.
    write("now-early.test.yaml", `path: config.alloy\nnow: "2026-12-04T09:00:00Z"\n${processCase("loki.process.recent", timed, [{ line: "new" }])}`);
    expect((await run(["test", "now-early.test.yaml"])).code).toBe(1);
  });

  it("seed: samples as simulate --seed does", async () => {
    const kept = lines(await run(["simulate", "config.alloy", "--component", "loki.process.sampled", "--seed", "7"], many));
    write("seed.test.yaml", `path: config.alloy\nseed: 7\n${processCase("loki.process.sampled", many, kept.map((line) => ({ line })))}`);
    expect((await run(["test", "seed.test.yaml"])).code).toBe(0);
    write("seed8.test.yaml", `path: config.alloy\nseed: 8\n${processCase("loki.process.sampled", many, kept.map((line) => ({ line })))}`);
    expect((await run(["test", "seed8.test.yaml"])).code).toBe(1);
  });

  it("geoip_db: is read relative to the test file", async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "sub"), { recursive: true });
    write("sub/geo.test.yaml", `path: ../config.alloy\ngeoip_db: ../city.mmdb\n${processCase("loki.process.geo", ips, [{ extracted: { ip: "192.0.2.7", geoip_city_name: "London", geoip_country_name: "United Kingdom", geoip_country_code: "GB" } }])}`);
    const r = await run(["test", "sub/geo.test.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it.each([
    ['now: "yesterday"', "bad.test.yaml:2:6: now: must be an RFC3339 time such as 2024-01-01T00:00:00Z"],
    ["seed: -1", "bad.test.yaml:2:7: seed: must be a whole number from 0 to 4294967295"],
    ["seed: 1.5", "bad.test.yaml:2:7: seed: must be a whole number from 0 to 4294967295"],
    ['seed: "7"', "bad.test.yaml:2:7: seed: must be a whole number from 0 to 4294967295"],
    ["geoip_db: missing.mmdb", "bad.test.yaml:2:11: geoip_db: cannot read missing.mmdb: no such file or directory"],
    ["geoip_db: garbage.mmdb", "cannot read the MaxMind database"],
  ])("%s is an error at its line (exit 2)", async (field, message) => {
    write("bad.test.yaml", `path: config.alloy\n${field}\n${processCase("loki.process.geo", ips, [{}])}`);
    const r = await run(["test", "bad.test.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
