import { builderShape } from "./component.js";
import { type LokiProcessStageElement, lokiProcess } from "./components/loki.gen.js";
import { callSite } from "./origin.js";
import { siteTag } from "./tags.js";

/**
 * `loki.stage.<name>(body)`: one element of `loki.process`'s `stage` list, in the order the
 * stages run. Alloy writes stages as blocks named `stage.json`, `stage.match`, ...; the catalog's
 * value for one is `{ "stage.json": {...} }`, which these helpers build (and which may also be
 * written by hand). `stage.match` nests a `stage` list of its own. Each helper records where it
 * was called, so a finding about a stage points at its line.
 */

type StageName = keyof LokiProcessStageElement & `stage.${string}`;
type ShortName<N> = N extends `stage.${infer S}` ? S : never;
type StageBody<N extends StageName> = NonNullable<LokiProcessStageElement[N]>;

/** One stage: an object holding exactly the block `N`. */
export type Stage<N extends StageName = StageName> = { readonly [K in N]: StageBody<K> };

/** Bodies whose every attribute is optional (`stage.cri`, `stage.decolorize`) may be left out. */
type StageParams<N extends StageName> = {} extends StageBody<N> ? [body?: StageBody<N>] : [body: StageBody<N>];

export type StageHelpers = { readonly [N in StageName as ShortName<N>]: (...body: StageParams<N>) => Stage<N> };

function stageHelper(name: string) {
  return (body: object = {}) => Object.freeze({ [name]: body, [siteTag]: callSite() });
}

export const stage: StageHelpers = Object.freeze(
  Object.fromEntries(Object.keys(builderShape(lokiProcess).groups?.["stage"] ?? {}).map((name) => [name.slice("stage.".length), stageHelper(name)])),
) as unknown as StageHelpers;
