/**
 * JMESPath (the `jmespath` package, the reference implementation of the specification
 * go-jmespath implements), loaded on first use like the regexp engine.
 */
interface JmespathModule {
  compile(expression: string): unknown;
  search(data: unknown, expression: string): unknown;
}

let engine: JmespathModule | undefined;

export async function loadJmespath(): Promise<void> {
  if (engine) return;
  // @ts-expect-error the package ships no types; JmespathModule is the part used here
  const mod = (await import("jmespath")) as { default?: JmespathModule } & JmespathModule;
  engine = mod.default ?? mod;
}

/** A compiled expression; `compileJmespath` throws the parser's message on a syntax error. */
export interface Jmespath {
  search(data: unknown): unknown;
}

/** `a`, `a.b.c` with plain identifiers: JMESPath's field access, done without re-parsing. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function compileJmespath(expression: string): Jmespath {
  if (!engine) throw new Error("JMESPath engine not loaded (call loadJmespath first)");
  const e = engine;
  e.compile(expression);
  if (FIELD_PATH.test(expression)) {
    const path = expression.split(".");
    return {
      search(data) {
        let v: unknown = data;
        for (const name of path) {
          if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
          v = Object.hasOwn(v, name) ? (v as Record<string, unknown>)[name] : null;
        }
        return v ?? null;
      },
    };
  }
  // The package exposes no compiled form to evaluate; search parses the expression each time.
  return { search: (data) => e.search(data, expression) };
}
