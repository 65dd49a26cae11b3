import { SimulateError } from "../errors.js";
import type { SourcePos } from "../types.js";

/**
 * RE2 matching as Alloy does it (Go's regexp through grafana/regexp), via re2js, a port of Go's
 * regexp to JavaScript: JavaScript's RegExp is a different language (backtracking, lookarounds, no
 * `(?P<name>)`, other `\s` and Unicode classes). re2js is loaded on first use only, so commands
 * that never simulate do not pay for it.
 */
type Re2Module = typeof import("re2js");
let loading: Promise<Re2Module> | undefined;
let loaded: Re2Module | undefined;

/** Loads the RE2 engine once; every compile function below needs it loaded first. */
export async function loadRegexEngine(): Promise<void> {
  loading ??= import("re2js");
  loaded = await loading;
}

/** A compiled regex anchored as Alloy anchors relabel regexes: `^(?s:EXPR)$`. */
export interface AnchoredRegex {
  /** The expression as the user wrote it (without the anchors). */
  readonly source: string;
  /** Whether the whole value matches. */
  test(value: string): boolean;
  /**
   * The submatches of a match of the whole value (index 0 = whole match; undefined = the group
   * did not take part), or null when it does not match.
   */
  exec(value: string): readonly (string | undefined)[] | null;
  /** Group name → group index, for `${name}` in templates. */
  readonly names: ReadonlyMap<string, number>;
}

const cache = new Map<string, AnchoredRegex>();

/**
 * Alloy's default regex `(.*)` (and `.*`) matches every value whole under `(?s)`: most rules use
 * it, so it is answered without running the RE2 machine (same results, several times faster).
 */
const MATCH_ALL = new Set(["(.*)", ".*"]);

function matchAll(source: string, groups: number): AnchoredRegex {
  return {
    source,
    names: new Map(),
    test: () => true,
    exec: (value) => (groups === 1 ? [value, value] : [value]),
  };
}

/**
 * Compiles `^(?s:expr)$` with RE2 syntax. A syntax error becomes a SimulateError at `pos`,
 * worded like Go's (`error parsing regexp: …`), since Alloy would refuse the config.
 */
export function compileAnchored(expr: string, pos?: SourcePos): AnchoredRegex {
  const hit = cache.get(expr);
  if (hit) return hit;
  if (!loaded) throw new Error("compileAnchored before loadRegexEngine");
  const { RE2JS } = loaded;
  let re: InstanceType<Re2Module["RE2JS"]>;
  try {
    re = RE2JS.compile(`^(?s:${expr})$`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new SimulateError(`invalid regex ${JSON.stringify(expr)}: ${message}`, pos);
  }
  const groups = re.groupCount();
  const names = new Map(Object.entries(re.namedGroups()));
  // Label names (labelmap, labeldrop) and many values (namespaces, apps) repeat from target to
  // target: each regex remembers its last answers, a bounded map cleared when full.
  const answers = new Map<string, readonly (string | undefined)[] | null>();
  const run = (value: string): readonly (string | undefined)[] | null => {
    // The pattern is anchored, so a search is a whole match; re2js answers a yes/no search with
    // its DFA, far faster than a submatch run, which only a match then pays for.
    if (!re.test(value)) return null;
    const m = re.matcher(value);
    if (!m.matches()) return null;
    const out: (string | undefined)[] = [];
    for (let i = 0; i <= groups; i++) out.push(m.group(i) ?? undefined);
    return out;
  };
  const remembered = (value: string): readonly (string | undefined)[] | null => {
    const known = answers.get(value);
    if (known !== undefined) return known;
    const answer = run(value);
    if (value.length <= 256) {
      if (answers.size >= 4096) answers.clear();
      answers.set(value, answer);
    }
    return answer;
  };
  const compiled: AnchoredRegex = MATCH_ALL.has(expr)
    ? matchAll(expr, groups)
    : { source: expr, names, test: (value) => remembered(value) !== null, exec: remembered };
  if (cache.size > 10_000) cache.clear();
  cache.set(expr, compiled);
  return compiled;
}
