/** The importer: a formatted Alloy file → a TypeScript module of typed builders (see README.md). */
export { Importer, builderPath, type ExternalTarget, type ImportedModule, type ImportInput, type Located, type ModuleResult } from "./importer.js";
export type { BlockShape, BuilderInfo, BuilderModel, Shape } from "./model.js";
