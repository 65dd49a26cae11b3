import { describe, expect, it } from "vitest";
import { simulate, SimulateError } from "../../src/simulate.js";
import type { Entry } from "../../src/simulate/types.js";

/** Pipelines through declare'd components: receivers an instance exports, argument.X.value inside it. */

const CONFIG = `declare "tagged" {
  argument "forward_to" {
    optional = false
  }

  argument "team" {
    default = "shop"
  }

  argument "tier" { }

  loki.process "tag" {
    forward_to = [loki.relabel.drop_debug.receiver]

    stage.static_labels {
      values = { team = argument.team.value, tier = coalesce(argument.tier.value, "none") }
    }
  }

  loki.relabel "drop_debug" {
    forward_to = argument.forward_to.value

    rule {
      source_labels = ["level"]
      regex         = "debug"
      action        = "drop"
    }
  }

  export "receiver" {
    value = loki.process.tag.receiver
  }
}

declare "twice" {
  argument "out" { }

  tagged "inner" {
    forward_to = argument.out.value
  }

  export "input" {
    value = [tagged.inner.receiver]
  }
}

loki.source.api "in" {
  forward_to = [tagged.first.receiver]
}

tagged "first" {
  forward_to = [loki.write.default.receiver, twice.nested.input]
}

twice "nested" {
  out = [loki.write.other.receiver]
}

tagged "cart" {
  forward_to = [loki.write.default.receiver]
  team       = string.to_upper(sys.env("TEAM"))
  tier       = "gold"
}

tagged "nowhere" {
  forward_to = [loki.write.missing.receiver]
}

tagged "wrong_export" {
  forward_to = [tagged.first.output]
}

loki.write "default" {
  endpoint {
    url = "http://loki/api/v1/push"
  }
}

loki.write "other" {
  endpoint {
    url = "http://loki/api/v1/push"
  }
}
`;

const entry = (line: string, level: string): Entry => ({ line, labels: { level }, timestamp: null, structured_metadata: {}, extracted: {} });

describe("pipelines through declare'd components", () => {
  it("forward_to enters an instance at the component its export names, and argument.X.value leads back out", async () => {
    const sim = await simulate(CONFIG);
    expect(sim.forwardTo("loki.source.api.in")).toEqual(["tagged.first/loki.process.tag"]);
    expect(sim.forwardTo("tagged.first/loki.relabel.drop_debug")).toEqual(["loki.write.default", "twice.nested/tagged.inner/loki.process.tag"]);
    const r = await sim.pipeline("tagged.first/loki.process.tag", [entry("a", "info"), entry("b", "debug")]);
    expect(Object.keys(r.outputs).sort()).toEqual(["loki.write.default", "loki.write.other"]);
    expect(r.outputs["loki.write.default"]!.map((e) => [e.line, e.labels])).toEqual([["a", { level: "info", team: "shop", tier: "none" }]]);
    expect(r.outputs["loki.write.other"]!.map((e) => e.line)).toEqual(["a"]);
    expect(r.hops.map((h) => h.component)).toEqual([
      "tagged.first/loki.process.tag",
      "tagged.first/loki.relabel.drop_debug",
      "twice.nested/tagged.inner/loki.process.tag",
      "twice.nested/tagged.inner/loki.relabel.drop_debug",
    ]);
  });

  it("an instance given as the start is entered through its export receiver", async () => {
    const sim = await simulate(CONFIG);
    const r = await sim.pipeline("tagged.first", [entry("a", "info")]);
    expect(Object.keys(r.outputs).sort()).toEqual(["loki.write.default", "loki.write.other"]);
  });

  it("names a receiver it cannot follow, or an export the declare does not have, at its position", async () => {
    const sim = await simulate(CONFIG);
    const missing = await sim.pipeline("tagged.nowhere", [entry("a", "info")]).catch((x: unknown) => x);
    expect((missing as SimulateError).describe()).toBe("config.alloy:66:17: tagged.nowhere: cannot follow forward_to to loki.write.missing.receiver (not a component of config.alloy)");
    const e = await sim.pipeline("tagged.wrong_export", [entry("a", "info")]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SimulateError);
    expect((e as SimulateError).describe()).toBe("config.alloy:70:17: tagged.first: its declare exports no output to send entries to");
  });

  it("argument.X.value is the instance's attribute, else the argument's default, else null", async () => {
    const sim = await simulate(CONFIG, { env: { TEAM: "cart" } });
    const labels = async (start: string): Promise<unknown> => (await sim.pipeline(start, [entry("a", "info")])).outputs["loki.write.default"]![0]!.labels;
    expect(await labels("tagged.cart")).toEqual({ level: "info", team: "CART", tier: "gold" });
    expect(await labels("tagged.first")).toEqual({ level: "info", team: "shop", tier: "none" });
  });

  it("a component inside an instance runs and is listed by its scoped id", async () => {
    const sim = await simulate(CONFIG);
    expect(sim.componentName("tagged.first/loki.relabel.drop_debug")).toBe("loki.relabel");
    expect(sim.relabel("tagged.first/loki.relabel.drop_debug", [{ level: "debug" }, { level: "x" }]).targets).toEqual([null, { level: "x" }]);
    expect(() => sim.component("tagged.first/loki.process.nope")).toThrow("no component tagged.first/loki.process.nope in tagged.first (components: tagged.first/loki.process.tag, tagged.first/loki.relabel.drop_debug)");
  });
});
