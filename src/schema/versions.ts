import { alloyVersions } from "./alloy-versions.gen.js";

/**
 * The Alloy releases the catalog knows (alloy-versions.gen.ts, oldest first; the last is the
 * current line, which the specs describe) and what differs in each from the current line
 * (versions-delta.gen.ts, imported only when a configuration targets another version).
 */

export type AlloyVersion = (typeof alloyVersions)[number];

/** [mask of versions where accepted, mask where only documented], bit i = version i. */
export type PathState = readonly [number, number];

/** The decoded versions-delta.gen.ts; field meanings in scripts/gen-catalog-versions.ts. */
export interface VersionsDelta {
  readonly e: Readonly<Record<string, number>>;
  readonly x: Readonly<
    Record<
      string,
      {
        readonly kind: "component" | "config-block";
        readonly labeled: boolean;
        readonly docs: string;
        readonly module: string;
        /** [name, type] of each export. */
        readonly exports: readonly (readonly [string, string])[];
        /** Paths (`block>block`) of the blocks that take a label. */
        readonly labeledBlocks: readonly string[];
      }
    >
  >;
  readonly s: Readonly<Record<string, string>>;
  readonly a: Readonly<Record<string, Readonly<Record<string, PathState>>>>;
  readonly b: Readonly<Record<string, Readonly<Record<string, PathState>>>>;
  readonly f: Readonly<Record<string, number>>;
  readonly g: Readonly<
    Record<string, readonly (readonly [number, readonly { readonly name: string; readonly type: string; readonly optional?: true }[], boolean])[]>
  >;
}

export { alloyVersions };

/** The current line (`1.19`): the version the specs describe. */
export const currentAlloyVersion: AlloyVersion = alloyVersions[alloyVersions.length - 1] as AlloyVersion;

/**
 * The known version a user's text names: `1.12`, `v1.12`, `1.12.3` (a patch maps to its minor),
 * or `current` (the current line); undefined when the catalog does not know it.
 */
export function resolveAlloyVersion(text: string): AlloyVersion | undefined {
  const t = text.trim();
  if (t === "current") return currentAlloyVersion;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(t);
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return (alloyVersions as readonly string[]).includes(minor) ? (minor as AlloyVersion) : undefined;
}

let delta: Promise<VersionsDelta> | undefined;

/** The per-version facts (parsed once per process). */
export function loadVersionsDelta(): Promise<VersionsDelta> {
  delta ??= import("./versions-delta.gen.js").then((m) => JSON.parse(m.versionsDelta) as VersionsDelta);
  return delta;
}
