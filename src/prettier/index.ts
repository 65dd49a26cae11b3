/**
 * `alloyc/prettier`: a Prettier 3 plugin that formats Alloy (`.alloy` files, and fenced `alloy` or
 * `river` code blocks in Markdown and MDX) exactly as `alloyc fmt` does. Load it with
 * `plugins: ["alloyc/prettier"]` in a Prettier configuration, or `--plugin alloyc/prettier`.
 */
import type { Parser, Plugin, SupportLanguage } from "prettier";
import { hasIgnorePragma, hasPragma } from "./pragma.js";
import { type AlloyRoot, locEnd, locStart, parse } from "./parse.js";
import { printer } from "./print.js";

/** The language: Prettier picks the parser by extension, and a Markdown fence by name or alias. */
export const languages = [
  {
    name: "Alloy",
    parsers: ["alloy"],
    extensions: [".alloy", ".river"],
    aliases: ["alloy", "river"],
    // The id Grafana's VS Code extension (grafana.grafana-alloy) gives .alloy files. Not "alloy":
    // editors use that id for the Alloy specification language (.als), which this is not.
    vscodeLanguageIds: ["grafana-alloy"],
  },
] satisfies SupportLanguage[];

export const parsers = {
  alloy: { astFormat: "alloy", parse, locStart, locEnd, hasPragma, hasIgnorePragma } satisfies Parser<AlloyRoot>,
};

export const printers = { alloy: printer };

/** The plugin as one object, what Prettier takes from a module's default export. */
const plugin = { languages, parsers, printers } satisfies Plugin<AlloyRoot>;
export default plugin;
