/**
 * The plain values the simulator works on, shared by the relabel evaluator (relabel/), the
 * loki.process stages (process/) and the facade (src/simulate.ts). No AST here: arguments arrive
 * already evaluated to JSON-like values (strings, numbers, booleans, null, arrays, objects).
 */

/** Where a rule or stage block is written, for traces and messages (1-based, byte columns). */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A label set: name → value. An empty value means "absent" (it is deleted, as Alloy does). */
export type Labels = Record<string, string>;

/** One log entry, as loki.process sees it (and as `alloyc simulate` reads and writes it). */
export interface Entry {
  line: string;
  labels: Record<string, string>;
  /** RFC3339Nano, or null when the input has none (the simulator asserts nothing about it). */
  timestamp: string | null;
  structured_metadata: Record<string, string>;
  /** The extracted map; values are JSON values (Go strings, numbers, lists, maps, nil). */
  extracted: Record<string, unknown>;
}

/** A nested block of a stage (`stage.metrics { metric.counter { … } }`, `stage.windowsevent`…). */
export interface StageBlockValue {
  /** The block's attributes, evaluated; an object-typed attribute is a plain object. */
  args: Record<string, unknown>;
  /** Blocks nested in this block, by their full name (`metric.counter`), in source order. */
  blocks: Record<string, StageBlockValue[]>;
  span: SourcePos;
}

/** One `stage.NAME { … }` block of a loki.process, its arguments evaluated. */
export interface StageSpec {
  /** The stage name without `stage.`: "json", "match", "static_labels", … */
  name: string;
  /** The stage's attributes, evaluated (omitted attributes are absent: the stage applies defaults). */
  args: Record<string, unknown>;
  /** Non-stage blocks nested in the stage, by full name, in source order. */
  blocks: Record<string, StageBlockValue[]>;
  /** Nested `stage.*` blocks, in order (stage.match; also any stage that nests stages). */
  stages?: StageSpec[];
  span: SourcePos;
}

/** One relabel `rule` block, its arguments evaluated, Alloy's defaults not yet applied. */
export interface RuleSpec {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  modulus?: number;
  target_label?: string;
  replacement?: string;
  action?: string;
  span: SourcePos;
}

/** A before/after change of one named value; null = absent. */
export interface ValueChange<T = string> {
  name: string;
  before: T | null;
  after: T | null;
}

/**
 * What one relabel rule or one stage did to one target / entry. Only what changed is filled in;
 * a step that changed nothing has empty `labels` and no other field.
 */
export interface TraceStep {
  kind: "rule" | "stage";
  /** The rule's action ("replace") or the stage's name ("json"). */
  name: string;
  span: SourcePos;
  /** Index of the input target / entry this step ran on (input order). */
  input: number;
  /** Nesting depth: 0 for top-level stages, 1 inside a stage.match, … */
  depth: number;
  labels: ValueChange[];
  extracted?: ValueChange<unknown>[];
  structured_metadata?: ValueChange[];
  line?: { before: string; after: string };
  timestamp?: { before: string | null; after: string | null };
  /** Set when this step dropped the target / entry: why, in words. */
  dropped?: string;
  /** Anything else worth telling (a match selector that did not match, a metric counted, …). */
  note?: string;
}

/** Options of a loki.process run. */
export interface ProcessOptions {
  /**
   * "pipeline" (default): each entry's labels are copied into the extracted map before the first
   * stage, as loki.process does; "stage": no copy (upstream's single-stage test harness).
   */
  harness?: "pipeline" | "stage";
  /** Record a TraceStep per stage per entry. */
  trace?: boolean;
  /** The wall clock for drop older_than and time-dependent stages (default: the real now). */
  now?: Date;
  /** Seed for stage.sampling. */
  seed?: number;
  /**
   * The bytes of the MaxMind database (.mmdb) stage.geoip looks addresses up in (the file its
   * `db` names; the caller reads it). Without it, a pipeline with stage.geoip is refused.
   */
  geoipDatabase?: Uint8Array;
}

/** One sample of a metric a run counted (stage.metrics, and the drop counters upstream keeps). */
export interface MetricSample {
  name: string;
  type: "counter" | "gauge" | "histogram";
  labels: Labels;
  /** Counter / gauge value; histograms: the observation count. */
  value: number;
  /** Histograms: cumulative counts per upper bound ("+Inf" last). */
  buckets?: Record<string, number>;
  /** Histograms: the sum of observations. */
  sum?: number;
}

/** What a loki.process run returns. */
export interface ProcessResult {
  entries: Entry[];
  trace: TraceStep[];
  /** What stage.metrics and the drop counters counted, sorted by name. */
  metrics: MetricSample[];
}

/** What a relabel run returns: per input target, the resulting labels or null when dropped. */
export interface RelabelResult {
  targets: (Labels | null)[];
  trace: TraceStep[];
}
