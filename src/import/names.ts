/**
 * TypeScript names for what the importer declares: one `const` per component, from its label and
 * kind (`loki.process "pod_logs"` → `podLogsProcess`, `loki.write "default"` → `write`), with
 * collisions resolved by adding more of the kind (`podLogsSourceKubernetes`), then a number.
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval undefined NaN Infinity async of as from type"
  ).split(" "),
);

/** Words of a name: `pod_logs` → ["pod", "logs"], `kubernetesEvents` → ["kubernetes", "events"]. */
function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

function camel(parts: readonly string[]): string {
  return parts.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}

/** Hands out unique identifiers; `taken` are names the module already uses (its imports). */
export class Namer {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(t);
  }

  reserve(name: string): void {
    this.used.add(name);
  }

  /** The first free name among the candidates (word lists), or the last one with a number. */
  pick(candidates: readonly (readonly string[])[]): string {
    const names = candidates.map((c) => safe(camel(c)));
    for (const n of names) {
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    const base = names[names.length - 1] as string;
    for (let i = 2; ; i++) {
      const n = `${base}${i}`;
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }

  /** A component's name: label words, then the kind's last word(s). */
  component(kind: string, label: string | undefined): string {
    const segs = kind.split(".").flatMap((s) => [words(s)]);
    const labelWords = label === undefined || label === "default" ? [] : words(label);
    const candidates: string[][] = [];
    for (let n = 1; n <= segs.length; n++) {
      const tail = segs.slice(-n).flat();
      if (labelWords.length > 0 && tail.join("_") === labelWords.join("_")) candidates.push(tail);
      else candidates.push([...labelWords, ...tail]);
    }
    return this.pick(candidates);
  }

  /** A plain name from free text (a declare's name). */
  plain(text: string, fallback: string): string {
    const w = words(text);
    return this.pick([w.length > 0 ? w : [fallback]]);
  }
}

function safe(name: string): string {
  const n = name === "" ? "value" : /^[0-9]/.test(name) ? `_${name}` : name;
  return RESERVED.has(n) ? `${n}_` : n;
}
