/**
 * Stages that set or remove labels, structured metadata, the tenant and the line from the
 * extracted map: labels, static_labels, label_drop, label_keep, structured_metadata,
 * structured_metadata_drop, tenant, output.
 */
import { compileGo, type GoRegexp } from "../regex.js";
import { getString, isLabelName, isLabelValue } from "../values.js";
import type { Work } from "../work.js";
import { mapStage, type StageFactory } from "./stage.js";

/** `values` of labels / structured_metadata: label name → source key ("" = the same name). */
function labelSources(args: Parameters<StageFactory>[1], required: boolean): [string, string][] {
  const values = args.stringMap("values");
  if (values === undefined) {
    if (required) args.fail("label stage config cannot be empty");
    return [];
  }
  return Object.entries(values).map(([name, src]) => {
    if (!isLabelName(name)) args.fail(`invalid label name: ${name}`);
    return [name, src === "" ? name : src];
  });
}

const labels: StageFactory = (spec, args) => {
  const sources = labelSources(args, true);
  const sourceType = args.string("source_type", "extracted");
  if (sourceType !== "extracted" && sourceType !== "structured_metadata") {
    args.fail(`invalid labels source_type: ${sourceType}. Can only be 'extracted' or 'structured_metadata'`);
  }
  return mapStage(spec, (e) => {
    for (const [name, src] of sources) {
      if (sourceType === "extracted") {
        if (!Object.hasOwn(e.extracted, src)) continue;
        const value = getString(e.extracted[src]);
        if (value === undefined || !isLabelValue(value)) continue;
        e.labels[name] = value;
      } else {
        const kv = e.sm.find(([k]) => k === src);
        if (kv && isLabelValue(kv[1])) e.labels[name] = kv[1];
      }
    }
  });
};

const staticLabels: StageFactory = (spec, args) => {
  const values = args.stringMap("values");
  if (values === undefined) return args.fail("static_labels stage config cannot be empty");
  for (const name of Object.keys(values)) if (!isLabelName(name)) args.fail(`invalid label name: ${name}`);
  const set = Object.entries(values).filter(([, v]) => v !== "");
  return mapStage(spec, (e) => {
    for (const [name, value] of set) e.labels[name] = value;
  });
};

const labelDrop: StageFactory = (spec, args) => {
  const names = args.strings("values");
  if (names.length < 1) args.fail("labeldrop stage config cannot be empty");
  return mapStage(spec, (e) => {
    for (const name of names) delete e.labels[name];
  });
};

const labelKeep: StageFactory = (spec, args) => {
  const keep = new Set(args.strings("values"));
  if (keep.size < 1) args.fail("labelallow stage config cannot be empty");
  return mapStage(spec, (e) => {
    for (const name of Object.keys(e.labels)) if (!keep.has(name)) delete e.labels[name];
  });
};

function setMetadata(e: Work, name: string, value: string): void {
  const i = e.sm.findIndex(([k]) => k === name);
  if (i >= 0) e.sm[i] = [name, value];
  else e.sm.push([name, value]);
}

const structuredMetadata: StageFactory = (spec, args) => {
  const sources = labelSources(args, false);
  const regexText = args.string("regex");
  const regex: GoRegexp | undefined = regexText === "" ? undefined : compileOrFail(args, regexText);
  return mapStage(spec, (e) => {
    for (const [name, src] of sources) {
      if (!Object.hasOwn(e.extracted, src)) continue;
      const value = getString(e.extracted[src]);
      if (value !== undefined && isLabelValue(value)) setMetadata(e, name, value);
    }
    if (regex) {
      for (const [name, raw] of Object.entries(e.extracted)) {
        if (!regex.test(name)) continue;
        const value = getString(raw);
        if (value !== undefined && isLabelValue(value)) setMetadata(e, name, value);
      }
    }
    // Labels named by the config or the regex move to structured metadata.
    const found: string[] = [];
    for (const [name, src] of sources) {
      if (Object.hasOwn(e.labels, src)) {
        setMetadata(e, name, e.labels[src]!);
        found.push(src);
      }
    }
    for (const name of found) delete e.labels[name];
    if (regex) {
      const matched = Object.keys(e.labels).filter((name) => regex.test(name));
      for (const name of matched) setMetadata(e, name, e.labels[name]!);
      for (const name of matched) delete e.labels[name];
    }
  });
};

const structuredMetadataDrop: StageFactory = (spec, args) => {
  const names = new Set(args.strings("values"));
  if (names.size < 1) args.fail("structured_metadata_drop stage config cannot be empty");
  return mapStage(spec, (e) => {
    e.sm = e.sm.filter(([k]) => !names.has(k));
  });
};

export const TENANT_LABEL = "__tenant_id__";

const tenant: StageFactory = (spec, args) => {
  const label = args.string("label");
  const source = args.string("source");
  const value = args.string("value");
  if (source === "" && value === "" && label === "") args.fail("label, source or value config are required");
  if ((source !== "" && value !== "") || (label !== "" && value !== "") || (source !== "" && label !== "")) {
    args.fail("label, source and value are mutually exclusive: you should set source, value or label but not all");
  }
  return mapStage(spec, (e) => {
    let id: string | undefined;
    if (source !== "") id = Object.hasOwn(e.extracted, source) ? getString(e.extracted[source]) : undefined;
    else if (label !== "") id = e.labels[label];
    else id = value;
    if (id) e.labels[TENANT_LABEL] = id;
  });
};

const output: StageFactory = (spec, args) => {
  const source = args.string("source");
  if (source === "") args.fail("output source value is required if output is specified");
  return mapStage(spec, (e) => {
    if (!Object.hasOwn(e.extracted, source)) return;
    const value = getString(e.extracted[source]);
    if (value !== undefined) e.line = value;
  });
};

export function compileOrFail(args: Parameters<StageFactory>[1], source: string): GoRegexp {
  try {
    return compileGo(source);
  } catch (e) {
    return args.fail((e as Error).message);
  }
}

export const LABEL_STAGES: Record<string, StageFactory> = {
  labels,
  static_labels: staticLabels,
  label_drop: labelDrop,
  label_keep: labelKeep,
  structured_metadata: structuredMetadata,
  structured_metadata_drop: structuredMetadataDrop,
  tenant,
  output,
};
