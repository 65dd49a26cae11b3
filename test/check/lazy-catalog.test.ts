import { describe, expect, it } from "vitest";
import { check, loadCatalogFor, loadedCatalogModules } from "../../src/check/index.js";
import { parseFile } from "../../src/parse/index.js";

// Runs in its own module graph (vitest isolates test files), so nothing else has loaded the catalog.
describe("catalog loading", () => {
  it("loads only the namespaces a file uses", async () => {
    const { file } = parseFile(`loki.write "w" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`);
    expect(loadedCatalogModules()).toEqual([]);
    await loadCatalogFor([file]);
    expect(loadedCatalogModules()).toEqual(["config-blocks", "loki"]);
    expect(check(file).map((d) => d.code)).toEqual(["check/unused-export"]);
  });

  it("checks blocks of an unloaded namespace by name only, without false errors", () => {
    const { file } = parseFile(`prometheus.scrape "s" {\n  nonsense = 1\n}\n`);
    expect(check(file).filter((d) => d.severity === "error")).toEqual([]);
  });
});
