import type { ArgumentSpec, BlockSpec, EntryInfo, EntrySpec, Stability, StdlibSpec } from "../schema/spec.js";
import { parseType } from "../schema/types.js";
import { type AlloyVersion, alloyVersions, currentAlloyVersion, loadVersionsDelta, type PathState, type VersionsDelta } from "../schema/versions.js";
import type { Catalog, Stdlib } from "./catalog.js";

/**
 * The catalog as one Alloy release saw it (`--alloy-version 1.12`): a view over the current
 * line's catalog that the rules read unchanged. What the release lacks reads as unknown (entries)
 * or rejected (arguments and blocks, with a `versionNote` naming the release that added or
 * removed it); what the current line lost since comes back, typed `any` when only its name is
 * known; stability and stdlib signatures are the release's. The current line is the catalog itself.
 */
export async function catalogForVersion(base: Catalog, version: AlloyVersion): Promise<Catalog> {
  if (version === currentAlloyVersion) return base;
  return versionView(base, version, await loadVersionsDelta());
}

const STABILITY: Readonly<Record<string, Stability | null>> = { g: "generally-available", p: "public-preview", e: "experimental", "-": null };
const ANY = { kind: "any" } as const;

export function versionView(base: Catalog, version: AlloyVersion, delta: VersionsDelta): Catalog {
  const index = (alloyVersions as readonly string[]).indexOf(version);
  const bit = 1 << index;
  const targets = `this configuration targets ${version}`;
  /** Why a fact absent from this version is absent: the release that added it, or removed it. */
  const note = (mask: number): string | undefined => {
    for (let j = index + 1; j < alloyVersions.length; j++) if (mask & (1 << j)) return `added in Alloy ${alloyVersions[j]}; ${targets}`;
    for (let j = index - 1; j >= 0; j--) if (mask & (1 << j)) return `removed in Alloy ${alloyVersions[j + 1]}; ${targets}`;
    return undefined;
  };
  const entryMask = (name: string): number | undefined => {
    if (Object.hasOwn(delta.e, name)) return delta.e[name];
    const i = base.info(name);
    return i === undefined ? undefined : i.removed ? 0 : -1;
  };
  const exists = (name: string): boolean => ((entryMask(name) ?? 0) & bit) !== 0;

  const info = (name: string): EntryInfo | undefined => {
    const extra = Object.hasOwn(delta.x, name) ? delta.x[name]! : undefined;
    const known = base.info(name) ?? (extra ? { kind: extra.kind, labeled: extra.labeled, docs: extra.docs, module: extra.module, stability: null } : undefined);
    if (!known) return undefined;
    const { removed: _removed, ...rest } = known;
    if (!exists(name)) {
      // Added after this release: unknown to it. Gone by it: removed.
      if (known.kind === "config-block" || (note(entryMask(name) ?? 0) ?? "").startsWith("added")) return undefined;
      return { ...rest, removed: true };
    }
    const s = delta.s[name];
    return s === undefined ? rest : { ...rest, stability: STABILITY[s[index] ?? "-"] ?? null };
  };

  const specs = new Map<string, EntrySpec>();
  /** The labelled block paths of the entry being made (only entries the current line lacks list them). */
  let labeledBlocks: ReadonlySet<string> = new Set();
  const spec = (name: string): EntrySpec | undefined => {
    const cached = specs.get(name);
    if (cached) return cached;
    const i = info(name);
    if (!i) return undefined;
    const current = base.spec(name);
    if (!current && !Object.hasOwn(delta.x, name)) return undefined;
    const args = delta.a[name] ?? {};
    const blocks = delta.b[name] ?? {};
    const extra = current ? undefined : delta.x[name];
    const exports = (extra?.exports ?? []).map(([n, t]) => ({ name: n, type: parseType(t), provenance: "docs+go" as const }));
    const from = current ?? { name, ...i, arguments: [], blocks: [], exports };
    labeledBlocks = new Set(extra?.labeledBlocks ?? []);
    const made: EntrySpec = { ...from, ...i, ...body("", from, args, blocks) };
    specs.set(name, made);
    return made;
  };

  function state(s: PathState): "accepted" | "docs" | "absent" {
    return s[0] & bit ? "accepted" : s[1] & bit ? "docs" : "absent";
  }
  function adjust<T extends ArgumentSpec | BlockSpec>(item: T, s: PathState | undefined): T {
    if (!s) return item;
    const { rejected: _r, versionNote: _n, ...rest } = item;
    const st = state(s);
    if (st === "accepted") return rest as T;
    if (st === "docs") return { ...rest, rejected: true } as T;
    const why = note(s[0] | s[1]);
    return { ...rest, rejected: true, ...(why ? { versionNote: why } : {}) } as T;
  }
  /** The arguments and blocks at `prefix` (`""` or `block>`), as this version has them. */
  function body(
    prefix: string,
    from: { readonly arguments: readonly ArgumentSpec[]; readonly blocks: readonly BlockSpec[] },
    args: Readonly<Record<string, PathState>>,
    blocks: Readonly<Record<string, PathState>>,
  ): { arguments: ArgumentSpec[]; blocks: BlockSpec[] } {
    const argumentsOut = from.arguments.map((a) => adjust(a, args[prefix + a.name]));
    const blocksOut = from.blocks.map((b) => ({ ...adjust(b, blocks[prefix + b.name]), ...body(`${prefix}${b.name}>`, b, args, blocks) }));
    // What the current line no longer has at this level: its name, typed any.
    const direct = (key: string): string | undefined => {
      if (!key.startsWith(prefix)) return undefined;
      const rest = key.slice(prefix.length);
      return rest.includes(">") ? undefined : rest;
    };
    for (const [key, s] of Object.entries(args)) {
      const n = direct(key);
      if (n === undefined || state(s) === "absent" || argumentsOut.some((a) => a.name === n)) continue;
      argumentsOut.push({ name: n, type: ANY, required: false, provenance: state(s) === "docs" ? "docs" : "go", ...(state(s) === "docs" ? { rejected: true as const } : {}) });
    }
    for (const [key, s] of Object.entries(blocks)) {
      const n = direct(key);
      if (n === undefined || state(s) === "absent" || blocksOut.some((b) => b.name === n)) continue;
      blocksOut.push({
        name: n,
        required: false,
        multiple: true,
        labeled: labeledBlocks.has(key),
        provenance: state(s) === "docs" ? "docs" : "go",
        ...(state(s) === "docs" ? { rejected: true as const } : {}),
        ...body(`${key}>`, { arguments: [], blocks: [] }, args, blocks),
      });
    }
    return { arguments: argumentsOut, blocks: blocksOut };
  }

  const names = [...base.names, ...Object.keys(delta.x).filter((n) => exists(n) && !base.names.includes(n))];
  return {
    names,
    componentNames: names.filter((n) => info(n)?.kind === "component" && exists(n)),
    info,
    spec,
    legacy: (name) => (exists(name) ? undefined : base.legacy(name)),
    exportersOf: (capsule) => base.exportersOf(capsule).filter(exists),
    stdlib: stdlibView(base.stdlib, delta, bit),
    alloyVersion: version,
    versionNote: (name, what) => {
      if (what === "function") return Object.hasOwn(delta.f, name) && !(delta.f[name]! & bit) ? note(delta.f[name]!) : undefined;
      const mask = entryMask(name);
      return mask === undefined || mask & bit ? undefined : note(mask);
    },
  };
}

function stdlibView(base: Stdlib, delta: VersionsDelta, bit: number): Stdlib {
  const members = new Map<string, StdlibSpec>();
  for (const [name, f] of base.members) {
    if (Object.hasOwn(delta.f, name) && !(delta.f[name]! & bit)) continue;
    const sig = delta.g[name]?.find(([mask]) => mask & bit);
    if (!sig) {
      members.set(name, f);
      continue;
    }
    const [, params, variadic] = sig;
    members.set(name, {
      ...f,
      params: params.map((p) => ({ name: p.name, type: parseType(p.type), ...(p.optional ? { optional: true } : {}) })),
      variadic,
    });
  }
  const namespaces = new Map<string, readonly string[]>();
  for (const [ns, list] of base.namespaces) namespaces.set(ns, list.filter((m) => members.has(m)));
  const roots = new Set<string>(namespaces.keys());
  for (const f of members.values()) if (f.namespace === null) roots.add(f.name);
  return { members, roots, namespaces, deprecated: base.deprecated };
}
