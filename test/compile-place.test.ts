import { describe, expect, it } from "vitest";
import { compile, place } from "../src/compile.js";
import { config, loki, prometheus } from "../src/index.js";

/** `place` gives, besides the block's origin, the attribute or nested blocks a finding is in. */
describe("place", () => {
  it("names the attribute of a finding, and whether it is about the value", async () => {
    const mimir = prometheus.remote_write("mimir", { endpoint: [{ url: "http://a" }, { url: "http://b", queue_config: { capacity: "many" as never } }] });
    const scrape = prometheus.scrape("x", { targets: [], forward_to: [mimir.receiver], scrape_intervall: "1m", scrape_timeout: "5 minutes" } as never);
    const compiled = await compile(config(mimir, scrape));
    const byCode = (code: string) => compiled.diagnostics.filter((d) => d.code === code).map((d) => place(compiled.built, d).property);
    expect(byCode("check/unknown-attribute")).toEqual([{ steps: [{ name: "scrape_intervall", block: false, nth: 0 }], atValue: false }]);
    expect(byCode("check/invalid-duration")).toEqual([{ steps: [{ name: "scrape_timeout", block: false, nth: 0 }], atValue: true, inValue: [] }]);
    expect(byCode("check/wrong-type")).toEqual([
      {
        steps: [
          { name: "endpoint", block: true, nth: 1 },
          { name: "queue_config", block: true, nth: 0 },
          { name: "capacity", block: false, nth: 0 },
        ],
        atValue: true,
        inValue: [],
      },
    ]);
  });

  it("names the list element a finding is about", async () => {
    const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://a" } });
    const write = loki.write("w", { endpoint: { url: "http://loki" } });
    const compiled = await compile(config(mimir, write, loki.source.api("api", { http: { listen_port: 3100 }, forward_to: [write.receiver, mimir.receiver as never] })));
    const mismatch = compiled.diagnostics.find((d) => d.code === "check/capsule-mismatch");
    expect(mismatch).toBeDefined();
    expect(place(compiled.built, mismatch!).property).toEqual({ steps: [{ name: "forward_to", block: false, nth: 0 }], atValue: true, inValue: [1] });
  });

  it("gives no property for a finding about the block itself, and paths relative to a stage made by a helper", async () => {
    const write = loki.write("w", { endpoint: { url: "http://loki" } });
    const compiled = await compile(config(write, loki.process("p", { forward_to: [write.receiver], stage: [loki.stage.json({ expressions: {}, drop_malformd: true } as never)] })));
    const unused = compiled.diagnostics.find((d) => d.code === "check/unused-export");
    const typo = compiled.diagnostics.find((d) => d.code === "check/unknown-attribute");
    expect(unused).toBeDefined();
    expect(typo).toBeDefined();
    expect(place(compiled.built, unused!).property).toBeUndefined();
    expect(place(compiled.built, typo!)).toMatchObject({ path: 'loki.process "p" > stage.json', property: { steps: [{ name: "drop_malformd", block: false }], atValue: false } });
  });
});
