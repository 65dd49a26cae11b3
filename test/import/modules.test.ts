import { describe, expect, it } from "vitest";
import { checkImported, importAlloy, importAlloyFolder } from "../../src/import.js";

/** A folder of two files (one configuration), and an import.file module imported by a main file. */

const MODULE = `// A module: logs to a tenant.
declare "team_logs" {
	argument "forward_to" {
		comment = "Where the logs go."
	}

	argument "tenant" { }

	loki.process "default" {
		stage.tenant {
			value = argument.tenant.value
		}
		forward_to = argument.forward_to.value
	}

	export "receiver" {
		value = loki.process.default.receiver
	}
}
`;

const MAIN = `import.file "mod" {
	filename = "lib/mod.alloy"
}

loki.write "default" {
	endpoint {
		url = "http://loki:3100/loki/api/v1/push"
	}
}

mod.team_logs "checkout" {
	forward_to = [loki.write.default.receiver]
	tenant     = "checkout"
}

loki.source.api "apps" {
	http {
		listen_address = "0.0.0.0"
	}
	forward_to = [mod.team_logs.checkout.receiver]
}
`;

describe("alloyc import of modules and folders", () => {
  it("imports an import.file module as a TypeScript module the main one imports", async () => {
    const asked: string[] = [];
    const result = await importAlloy(MAIN, {
      filename: "main.alloy",
      readModule: async (name) => {
        asked.push(name);
        return MODULE;
      },
    });
    expect(asked).toEqual(["lib/mod.alloy"]);
    expect([...result.files.keys()]).toEqual(["main.ts", "mod.ts"]);
    const main = result.files.get("main.ts") as string;
    const mod = result.files.get("mod.ts") as string;
    expect(main).toContain('import { teamLogs } from "./mod.js";');
    expect(main).toMatch(/teamLogs\.from\(modFile\)\("checkout", \{/);
    expect(main).toContain("[checkoutTeamLogs.receiver]");
    expect(mod).toContain('export const teamLogs = declare(');
    expect(mod).toContain("exports: { receiver: process.receiver }");
    expect(result.rawCount).toBe(0);
    const checks = await checkImported(result);
    expect(checks.map((c) => [c.module, c.identical])).toEqual([
      ["main.ts", true],
      ["mod.ts", true],
    ]);
  });

  it("imports a folder as one module per file, a reference to another file's component as an import", async () => {
    const result = await importAlloyFolder([
      { path: "a.alloy", source: 'loki.write "default" {\n\tendpoint {\n\t\turl = "http://loki:3100/loki/api/v1/push"\n\t}\n}\n' },
      { path: "b.alloy", source: '// Journal logs to the writer of a.alloy.\nloki.source.journal "default" {\n\tforward_to = [loki.write.default.receiver]\n}\n' },
    ]);
    expect([...result.files.keys()]).toEqual(["a.ts", "b.ts"]);
    const b = result.files.get("b.ts") as string;
    expect(b).toContain('import { write } from "./a.js";');
    expect(b).toContain("forward_to: [write.receiver]");
    expect(b).toContain('comment("Journal logs to the writer of a.alloy.")');
    const checks = await checkImported(result);
    expect(checks.every((c) => c.identical)).toBe(true);
  });
});
