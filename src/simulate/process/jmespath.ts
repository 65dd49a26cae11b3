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

export function compileJmespath(expression: string): Jmespath {
  if (!engine) throw new Error("JMESPath engine not loaded (call loadJmespath first)");
  const e = engine;
  e.compile(expression);
  return { search: (data) => e.search(data, expression) };
}
