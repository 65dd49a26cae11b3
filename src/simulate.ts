/**
 * The `alloyc/simulate` entry and the workflows of `alloyc simulate` and `alloyc test`: find a
 * component in a configuration (parsed Alloy text or a builder config), evaluate its arguments
 * (simulate-arguments.ts), and run what it does to data: relabel rules on targets or entries,
 * loki.process stages on entries, or a whole pipeline following forward_to to the writers.
 */
import { blockName, type Block, type Expr, type File } from "./ast/index.js";
import { isConfig, synth, type Config } from "./builders/index.js";
import { format } from "./emit/index.js";
import { parseFile } from "./parse/index.js";
import { evalContext, evaluateArgument, ruleSpecs, stageSpecs, type EvalContext } from "./simulate-arguments.js";
import { SimulateError } from "./simulate/errors.js";
import { runStages } from "./simulate/process/index.js";
import { compileRules, loadRegexEngine, relabelOne, type CompiledRule, type RelabelComponent } from "./simulate/relabel/index.js";
import type { Entry, Labels, ProcessOptions, ProcessResult, RelabelResult, StageSpec, TraceStep } from "./simulate/types.js";

export { SimulateError } from "./simulate/errors.js";
export type { Entry, Labels, ProcessOptions, ProcessResult, RelabelResult, SourcePos, StageSpec, TraceStep, ValueChange } from "./simulate/types.js";
export { readJsonValues, toEntries, toEntry, toTargets } from "./simulate-input.js";

/** The components the simulator runs. */
export const RELABEL_COMPONENTS: readonly RelabelComponent[] = ["discovery.relabel", "loki.relabel", "prometheus.relabel"];
export const PROCESS_COMPONENT = "loki.process";

export interface SimulateOptions {
  /** `sys.env` values (an unset variable is "" as in Alloy). */
  readonly env?: Readonly<Record<string, string>>;
  /** The file name positions are given in (default config.alloy). */
  readonly filename?: string;
}

/** What `simulate` takes: Alloy text, a parsed file, or a builder config. */
export type SimulateInput = string | Config | { readonly file: File; readonly filename?: string };

/** What one hop of a pipeline did: the component, the entries it got, and its trace. */
export interface PipelineHop {
  readonly component: string;
  readonly entries: number;
  readonly trace: TraceStep[];
}

export interface PipelineResult {
  /** Entries that reached each writer (or any component the simulator does not run), by its id. */
  readonly outputs: Record<string, Entry[]>;
  readonly hops: PipelineHop[];
}

/**
 * A configuration ready to simulate. Errors (unknown component, an argument that cannot be
 * evaluated, a rule Alloy would refuse) are SimulateErrors with the position they are at.
 */
export class Simulation {
  private readonly ctx: EvalContext;
  private readonly compiled = new Map<string, CompiledRule[]>();
  /**
   * Components by scope: "" is the file's; a declare'd component's instance has its own scope,
   * named by its id (`pod_logs.default`, nested: `outer.a/inner.b`), holding the declare's body.
   * A component inside one has the id `SCOPE/local id` (`pod_logs.default/loki.process.inner`).
   */
  private readonly scopes = new Map<string, Scope>();

  constructor(file: File, filename: string, env: Readonly<Record<string, string>>) {
    this.ctx = evalContext(filename, file.lineStarts, env);
    this.scopes.set("", indexBody(file.body, new Map()));
  }

  /** Every component's id (`loki.process.pod_logs`), in file order. */
  ids(): string[] {
    return [...this.scopeOf("").components.keys()];
  }

  /** The component's block, or a SimulateError listing the ones that exist. */
  component(id: string): Block {
    const { prefix, local } = splitId(id);
    const scope = this.scopeOf(prefix);
    const block = scope.components.get(local);
    if (block) return block;
    const known = [...scope.components.keys()].map((k) => joinId(prefix, k));
    const where = prefix === "" ? this.ctx.file : prefix;
    throw new SimulateError(`no component ${id} in ${where}${known.length > 0 ? ` (components: ${known.join(", ")})` : " (it has no components)"}`);
  }

  /**
   * How arguments evaluate in a scope: inside an instance, `argument.X.value` is the instance's
   * attribute X (evaluated where the instance is written), else the argument's default, else null.
   */
  private ctxFor(prefix: string): EvalContext {
    if (prefix === "") return this.ctx;
    const instance = this.component(prefix);
    const declare = this.declareOf(prefix)!;
    const ctx: EvalContext = {
      ...this.ctx,
      resolve: (path) => {
        if (path.length !== 3 || path[0] !== "argument" || path[2] !== "value") return undefined;
        const given = instance.body.find((st) => st.kind === "Attribute" && st.name.name === path[1]);
        if (given?.kind === "Attribute") return evaluateArgument(`${path[1]} of ${prefix}`, given.value, this.ctxFor(splitId(prefix).prefix));
        const arg = declare.body.find((st): st is Block => st.kind === "Block" && blockName(st) === "argument" && st.label?.value === path[1]);
        const fallback = arg?.body.find((st) => st.kind === "Attribute" && st.name.name === "default");
        return fallback?.kind === "Attribute" ? evaluateArgument(`${path[1]}.default`, fallback.value, ctx) : null;
      },
    };
    return ctx;
  }

  private has(id: string): boolean {
    const { prefix, local } = splitId(id);
    return this.scopeOf(prefix).components.has(local);
  }

  /** The components of a scope: the file's (""), or the declare body of the instance `prefix`. */
  private scopeOf(prefix: string): Scope {
    const known = this.scopes.get(prefix);
    if (known) return known;
    const declare = this.declareOf(prefix);
    if (!declare) throw new SimulateError(`${prefix} is not an instance of a declare block`);
    const scope = indexBody(declare.body, this.scopeOf(splitId(prefix).prefix).declares);
    this.scopes.set(prefix, scope);
    return scope;
  }

  /** The declare block the component `id` is an instance of, if it is one. */
  private declareOf(id: string): Block | undefined {
    const { prefix } = splitId(id);
    return this.scopeOf(prefix).declares.get(blockName(this.component(id)));
  }

  /** `discovery.relabel` for `discovery.relabel.pod_logs`. */
  componentName(id: string): string {
    return blockName(this.component(id));
  }

  /**
   * Relabels targets (label maps) as the component does: per input, the labels or null when
   * dropped. A component other than the three relabel components runs its `rule` blocks.
   */
  relabel(id: string, targets: readonly Labels[], options: { readonly trace?: boolean } = {}): RelabelResult {
    const { name, rules } = this.relabelRules(id);
    const trace: TraceStep[] = [];
    const out = targets.map((labels, input) => {
      const r = relabelOne(rules, labels, name, { input, ...(options.trace ? { trace: true } : {}) });
      trace.push(...r.trace);
      return r.labels;
    });
    return { targets: out, trace };
  }

  /** The stages of a loki.process, as the stage runner takes them. */
  stages(id: string): StageSpec[] {
    const block = this.component(id);
    this.expectKind(id, [PROCESS_COMPONENT]);
    return stageSpecs(block.body, this.ctxFor(splitId(id).prefix));
  }

  /** Runs entries through a loki.process's stages. */
  async process(id: string, entries: readonly Entry[], options: ProcessOptions = {}): Promise<ProcessResult> {
    const stages = this.stages(id);
    return runStages(stages, entries, options);
  }

  /**
   * Entries enter at `start` (a loki.source's forward_to, or a loki.process / loki.relabel) and
   * follow forward_to through loki.process and loki.relabel components and into and out of
   * declare'd components' instances (see forwardTo); what reaches any other component (a
   * loki.write) is collected under its id.
   */
  async pipeline(start: string, entries: readonly Entry[], options: ProcessOptions = {}): Promise<PipelineResult> {
    const outputs: Record<string, Entry[]> = {};
    const hops: PipelineHop[] = [];
    const visit = async (id: string, batch: Entry[], depth: number): Promise<void> => {
      if (depth > 64) throw new SimulateError(`forward_to loops through ${id}`, this.posOf(this.component(id)));
      const name = this.componentName(id);
      let out: Entry[];
      if (this.declareOf(id)) {
        // Entries sent to an instance itself enter through its export "receiver".
        for (const next of this.exportTargets(id, "receiver", this.component(id))) await visit(next, batch.map(cloneEntry), depth + 1);
        return;
      } else if (name === PROCESS_COMPONENT) {
        const r = await this.process(id, batch, options);
        hops.push({ component: id, entries: batch.length, trace: r.trace });
        out = r.entries;
      } else if (name === "loki.relabel") {
        const r = this.relabel(id, batch.map((e) => e.labels), options);
        hops.push({ component: id, entries: batch.length, trace: r.trace });
        out = batch.flatMap((e, i) => {
          const labels = r.targets[i];
          return labels ? [{ ...e, labels }] : [];
        });
      } else if (id === start) {
        out = batch;
      } else {
        (outputs[id] ??= []).push(...batch);
        return;
      }
      for (const next of this.forwardTo(id)) await visit(next, out.map(cloneEntry), depth + 1);
    };
    await visit(start, entries.map(cloneEntry), 0);
    return { outputs, hops };
  }

  /**
   * The components a component's forward_to names (`loki.write.default.receiver` →
   * `loki.write.default`). Declare'd components are followed through: a receiver an instance
   * exports is the component inside that its export's value names, and `argument.X.value` inside
   * one is what the instance's attribute X gives.
   */
  forwardTo(id: string): string[] {
    const block = this.component(id);
    const attr = block.body.find((s) => s.kind === "Attribute" && s.name.name === "forward_to");
    if (!attr || attr.kind !== "Attribute") return [];
    // Inside a declare, forward_to may be argument.X.value itself (a list the instance gives).
    const isArgument = referencePath(attr.value)?.[0] === "argument";
    if (attr.value.kind !== "Array" && !isArgument) throw new SimulateError(`${id}: forward_to must be a list of receivers to follow it`, this.posOf(attr.value));
    return this.receivers(attr.value, splitId(id).prefix, id, 0);
  }

  /** The components receivers (a list, or one reference) in scope `prefix` lead to. */
  private receivers(expr: Expr, prefix: string, from: string, depth: number): string[] {
    if (depth > 64) throw new SimulateError(`${from}: receivers loop through declare arguments and exports`, this.posOf(expr));
    if (expr.kind === "Array") return expr.elements.flatMap((e) => this.receivers(e, prefix, from, depth + 1));
    const path = referencePath(expr);
    if (path && path[0] === "argument" && path.length === 3 && path[2] === "value" && prefix !== "") {
      const given = this.component(prefix).body.find((s) => s.kind === "Attribute" && s.name.name === path[1]);
      // An argument the instance does not set forwards nowhere (its default is not a receiver).
      return given?.kind === "Attribute" ? this.receivers(given.value, splitId(prefix).prefix, prefix, depth + 1) : [];
    }
    const local = path && path.length > 1 ? path.slice(0, -1).join(".") : undefined;
    const target = local === undefined ? undefined : joinId(prefix, local);
    if (!target || !this.has(target)) {
      const where = prefix === "" ? this.ctx.file : `declare of ${prefix}`;
      throw new SimulateError(`${from}: cannot follow forward_to to ${path ? path.join(".") : "this value"} (not a component of ${where})`, this.posOf(expr));
    }
    return this.declareOf(target) ? this.exportTargets(target, path!.at(-1)!, expr, depth + 1) : [target];
  }

  /** What an instance's export `name` leads to: the receivers its value names, inside the instance. */
  private exportTargets(instance: string, name: string, at: { readonly span: { readonly start: number } }, depth = 0): string[] {
    const declare = this.declareOf(instance)!;
    const exported = declare.body.find((s): s is Block => s.kind === "Block" && blockName(s) === "export" && s.label?.value === name);
    const value = exported?.body.find((s) => s.kind === "Attribute" && s.name.name === "value");
    if (value?.kind !== "Attribute") throw new SimulateError(`${instance}: its declare exports no ${name} to send entries to`, this.posOf(at));
    return this.receivers(value.value, instance, instance, depth + 1);
  }

  private relabelRules(id: string): { name: RelabelComponent; rules: CompiledRule[] } {
    const block = this.component(id);
    const own = this.componentName(id);
    if ((RELABEL_COMPONENTS as readonly string[]).includes(own)) return { name: own as RelabelComponent, rules: this.rulesOf(id, block) };
    // `rule` blocks elsewhere (loki.source.podlogs, prometheus.operator.*), or `relabel_rules =
    // X.rules` (a relabel component's static export: its rules), run on the shared engine alone:
    // the component-specific drops belong to the three relabel components.
    if (block.body.some((s) => s.kind === "Block" && blockName(s) === "rule")) return { name: "any", rules: this.rulesOf(id, block) };
    const ref = block.body.find((s) => s.kind === "Attribute" && s.name.name === "relabel_rules");
    const path = ref?.kind === "Attribute" ? referencePath(ref.value) : undefined;
    const source = path && path.at(-1) === "rules" ? path.slice(0, -1).join(".") : undefined;
    const sourceId = source === undefined ? undefined : joinId(splitId(id).prefix, source);
    if (sourceId && this.has(sourceId) && (RELABEL_COMPONENTS as readonly string[]).includes(this.componentName(sourceId))) {
      return { name: "any", rules: this.rulesOf(sourceId, this.component(sourceId)) };
    }
    this.expectKind(id, RELABEL_COMPONENTS);
    throw new Error("unreachable: expectKind throws");
  }

  private rulesOf(id: string, block: Block): CompiledRule[] {
    let rules = this.compiled.get(id);
    if (!rules) {
      rules = compileRules(ruleSpecs(block.body, this.ctxFor(splitId(id).prefix)));
      this.compiled.set(id, rules);
    }
    return rules;
  }


  private expectKind(id: string, kinds: readonly string[]): string {
    const name = this.componentName(id);
    if (kinds.includes(name)) return name;
    throw new SimulateError(
      `${id} is a ${name}: the simulator runs ${[...RELABEL_COMPONENTS, PROCESS_COMPONENT].join(", ")} and the rule blocks of other components`,
      this.posOf(this.component(id)),
    );
  }

  private posOf(node: { readonly span: { readonly start: number } }) {
    const line = this.ctx.lines.line(node.span.start);
    return { file: this.ctx.file, line, col: node.span.start - (this.ctx.lines.lineStarts[line - 1] ?? 0) + 1 };
  }
}

/** The components of one body, and the declare blocks visible in it (its own over the outer ones). */
interface Scope {
  readonly components: Map<string, Block>;
  readonly declares: ReadonlyMap<string, Block>;
}

function indexBody(body: File["body"], outer: ReadonlyMap<string, Block>): Scope {
  const components = new Map<string, Block>();
  const declares = new Map(outer);
  for (const stmt of body) {
    if (stmt.kind !== "Block" || !stmt.label) continue;
    const name = blockName(stmt);
    if (name === "declare") declares.set(stmt.label.value, stmt);
    else if (name !== "argument" && name !== "export") components.set(`${blockName(stmt)}.${stmt.label.value}`, stmt);
  }
  return { components, declares };
}

function splitId(id: string): { prefix: string; local: string } {
  const slash = id.lastIndexOf("/");
  return slash < 0 ? { prefix: "", local: id } : { prefix: id.slice(0, slash), local: id.slice(slash + 1) };
}

function joinId(prefix: string, local: string): string {
  return prefix === "" ? local : `${prefix}/${local}`;
}

function referencePath(expr: Expr): string[] | undefined {
  if (expr.kind === "Identifier") return [expr.name];
  if (expr.kind !== "Access") return undefined;
  const base = referencePath(expr.value);
  return base ? [...base, expr.name.name] : undefined;
}

function cloneEntry(e: Entry): Entry {
  return { line: e.line, labels: { ...e.labels }, timestamp: e.timestamp, structured_metadata: { ...e.structured_metadata }, extracted: { ...e.extracted } };
}


/**
 * A configuration to simulate: Alloy text (parse errors are a SimulateError at their position),
 * a parsed file, or a builder config (lowered to Alloy first; positions are in that text).
 */
export async function simulate(input: SimulateInput, options: SimulateOptions = {}): Promise<Simulation> {
  await loadRegexEngine();
  const env = options.env ?? {};
  if (typeof input === "string") {
    const filename = options.filename ?? "config.alloy";
    const parsed = parseFile(input, filename);
    const error = parsed.diagnostics.find((d) => d.severity === "error");
    if (error) {
      const line = parsed.source.lines.line(error.span.start);
      const col = error.span.start - (parsed.source.lines.lineStarts[line - 1] ?? 0) + 1;
      throw new SimulateError(error.message, { file: filename, line, col });
    }
    return new Simulation(parsed.file, filename, env);
  }
  if (isConfig(input)) {
    // Positions are given in the Alloy text the config prints as.
    const text = format(synth(input).file);
    return simulate(text, { env, filename: options.filename ?? "config.alloy" });
  }
  return new Simulation(input.file, input.filename ?? options.filename ?? "config.alloy", env);
}
