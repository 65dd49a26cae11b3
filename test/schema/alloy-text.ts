import { check } from "../../src/check/index.js";
import type { Diagnostic } from "../../src/diag/index.js";
import { parseFile } from "../../src/parse/index.js";
import { capsuleKindOf } from "../../src/schema/capsules.js";
import { capsuleUse } from "../../src/schema/capsule-kinds.gen.js";
import type { EntrySpec } from "../../src/schema/spec.js";
import { accepted, type Body } from "./helpers.js";

/**
 * Writes a body value (the shape sampleBody builds: attributes, `label` keys, repeated blocks as
 * lists, group elements `{ "stage.json": {...} }`) as Alloy text, so the conformance tables can
 * run the checker on it. Every attribute and block header gets a line of its own, and the line
 * of each is recorded by its value path, so a finding can be matched to the field it is about.
 * Capsules become references to one provider block per capsule kind, written after the entry.
 */

export interface AlloyText {
  readonly text: string;
  /** Line (1-based) of each attribute, by `JSON.stringify([...bodyPath, name])`. */
  readonly attributeLines: ReadonlyMap<string, number>;
  /** Line of each block header, by `JSON.stringify(bodyPath)` (`[]`: the entry's own block). */
  readonly blockLines: ReadonlyMap<string, number>;
  /** The entry block's last line (providers follow it). */
  readonly lastLine: number;
}

/** For each capsule kind: a component that exports it, and the export's name. */
export function providers(specs: ReadonlyMap<string, EntrySpec>): Map<string, { name: string; field: string }> {
  const out = new Map<string, { name: string; field: string }>();
  for (const [kind, use] of Object.entries(capsuleUse)) {
    for (const name of use.exportedBy) {
      const x = specs.get(name)?.exports.find((e) => e.type.kind === "capsule" && e.type.capsule === kind);
      if (x) {
        out.set(kind, { name, field: x.name });
        break;
      }
    }
  }
  return out;
}

export function alloyText(
  entry: EntrySpec,
  value: Record<string, unknown>,
  provide: ReadonlyMap<string, { name: string; field: string }>,
  /** Keys to write as empty blocks though the spec does not know them (docs-only blocks); recorded as attributes are. */
  asBlocks: ReadonlySet<string> = new Set(),
): AlloyText {
  const lines: string[] = [];
  const attributeLines = new Map<string, number>();
  const blockLines = new Map<string, number>();
  const used = new Set<string>();

  const expr = (v: unknown): string => {
    const kind = capsuleKindOf(v);
    if (kind !== undefined) {
      const p = provide.get(kind);
      if (!p) throw new Error(`no provider of capsule(${kind})`);
      used.add(kind);
      return `${p.name}.provider.${p.field}`;
    }
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v === null) return "null";
    if (Array.isArray(v)) return `[${v.map(expr).join(", ")}]`;
    if (typeof v === "object") {
      return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)} = ${expr(x)}`).join(", ")} }`;
    }
    throw new Error(`no Alloy form for ${typeof v}`);
  };

  const body = (spec: Body, v: Record<string, unknown>, path: readonly (string | number)[], depth: number): void => {
    const ind = "  ".repeat(depth);
    const blocks = new Map(accepted(spec.blocks).map((b) => [b.name, b]));
    const groups = new Set(accepted(spec.blocks).flatMap((b) => (b.group !== undefined ? [b.group] : [])));
    if (spec.blocksRef) groups.add(spec.blocksRef.group);
    for (const [k, x] of Object.entries(v)) {
      if (k === "label" && spec.labeled && path.length > 0) continue;
      const b = blocks.get(k);
      if (b && b.group === undefined) {
        const list = b.multiple ? (x as Record<string, unknown>[]) : [x as Record<string, unknown>];
        list.forEach((item, i) => block(k, b, item, b.multiple ? [...path, k, i] : [...path, k], depth));
      } else if (groups.has(k)) {
        (x as Record<string, Record<string, unknown>>[]).forEach((element, i) => {
          for (const [member, memberBody] of Object.entries(element)) {
            const m = memberSpec(spec, member);
            if (!m) throw new Error(`${member}: not a member of group ${k}`);
            block(member, m, memberBody, [...path, k, i, member], depth);
          }
        });
      } else if (asBlocks.has(k)) {
        lines.push(`${ind}${k} { }`);
        attributeLines.set(JSON.stringify([...path, k]), lines.length);
      } else {
        lines.push(`${ind}${k} = ${expr(x)}`);
        attributeLines.set(JSON.stringify([...path, k]), lines.length);
      }
    }
  };

  const memberSpec = (spec: Body, member: string): Body | undefined => {
    const own = spec.blocks.find((b) => b.name === member);
    if (own) return own;
    if (!spec.blocksRef) return undefined;
    let at: Body = entry;
    for (const p of spec.blocksRef.path) at = at.blocks.find((b) => b.name === p)!;
    return at.blocks.find((b) => b.name === member);
  };

  const block = (name: string, spec: Body, v: Record<string, unknown>, path: readonly (string | number)[], depth: number): void => {
    const ind = "  ".repeat(depth);
    const label = spec.labeled && typeof v["label"] === "string" ? ` ${JSON.stringify(v["label"])}` : "";
    lines.push(`${ind}${name}${label} {`);
    blockLines.set(JSON.stringify(path), lines.length);
    body(spec, v, path, depth + 1);
    lines.push(`${ind}}`);
  };

  lines.push(`${entry.name}${entry.labeled ? ' "under_test"' : ""} {`);
  blockLines.set("[]", 1);
  body(entry, value, [], 1);
  lines.push("}");
  const lastLine = lines.length;
  for (const kind of [...used].sort()) lines.push(`${provide.get(kind)!.name} "provider" { }`);
  return { text: lines.join("\n") + "\n", attributeLines, blockLines, lastLine };
}

export interface Finding extends Diagnostic {
  readonly line: number;
}

/**
 * The checker's findings about the entry's block (not about the provider blocks after it), with
 * their lines. The catalog namespaces must be loaded (`loadCatalog()`).
 */
export function findings(
  e: EntrySpec,
  provide: ReadonlyMap<string, { name: string; field: string }>,
  value: Record<string, unknown>,
  asBlocks?: ReadonlySet<string>,
): { doc: AlloyText; found: Finding[] } {
  const doc = alloyText(e, value, provide, asBlocks);
  const { file, diagnostics } = parseFile(doc.text);
  if (diagnostics.length) throw new Error(`${e.name}: the test wrote text Alloy cannot parse:\n${doc.text}`);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = file.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((file.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found = check(file)
    .map((d) => ({ ...d, line: lineOf(d.span.start) }))
    .filter((d) => d.line <= doc.lastLine);
  return { doc, found };
}
