/**
 * Windows event stages: eventlogmessage (`Key: value` lines of the message into the extracted
 * map) and windowsevent (the message's sections: the first is `Description`, the others
 * `Key: value` lines, a `Key:` line alone prefixing the keys under it). A source value with no
 * string form drops the entry, as upstream does.
 */
import { getString, goTrimSpace, isLabelName, isLabelValue, isLegacyLabelName } from "../values.js";
import type { Work } from "../work.js";
import { mapStage, type StageFactory } from "./stage.js";

/** Prometheus' SanitizeFullLabelName: every rune outside [a-zA-Z_0-9] (no leading digit) becomes `_`. */
export function sanitizeLabelName(name: string): string {
  if (name === "") return "_";
  let out = "";
  let i = 0;
  for (const c of name) {
    out += /[a-zA-Z_]/.test(c) || (/[0-9]/.test(c) && i > 0) ? c : "_";
    i += Buffer.byteLength(c);
  }
  return out;
}

function sourceOf(args: Parameters<StageFactory>[1], valid: (name: string) => boolean): string {
  const source = args.string("source", "message");
  if (!valid(source)) args.fail(`invalid label name: ${source}`);
  return source;
}

const eventlogmessage: StageFactory = (spec, args) => {
  const source = sourceOf(args, isLegacyLabelName);
  const dropInvalid = args.bool("drop_invalid_labels");
  const overwrite = args.bool("overwrite_existing");
  return {
    name: spec.name,
    span: spec.span,
    process(e: Work) {
      if (!Object.hasOwn(e.extracted, source)) return [e];
      const s = getString(e.extracted[source]);
      if (s === undefined) return { dropped: `${source} has no string form` };
      for (const line of s.split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        let key = line.slice(0, colon);
        if (!isLegacyLabelName(key)) {
          if (dropInvalid) continue;
          key = sanitizeLabelName(key);
        }
        if (Object.hasOwn(e.extracted, key) && !overwrite) key += "_extracted";
        const value = goTrimSpace(line.slice(colon + 1));
        if (!isLabelValue(value)) continue;
        e.extracted[key] = value;
      }
      return [e];
    },
  };
};

const windowsevent: StageFactory = (spec, args) => {
  const source = sourceOf(args, isLabelName);
  const dropInvalid = args.bool("drop_invalid_labels");
  const overwrite = args.bool("overwrite_existing");
  const sanitizeKey = (raw: string, extracted: Record<string, unknown>): string | undefined => {
    let k = raw.replace(/[\t\r\n ]/g, "");
    if (!isLabelName(k)) {
      if (dropInvalid) return undefined;
      k = sanitizeLabelName(k);
    }
    if (Object.hasOwn(extracted, k) && !overwrite) k += "_extracted";
    return k;
  };
  const sanitizeValue = (raw: string): string | undefined => {
    const v = goTrimSpace(raw.replace(/[\t\r\n]/g, ""));
    return isLabelValue(v) ? v : undefined;
  };
  return {
    name: spec.name,
    span: spec.span,
    process(e: Work) {
      if (!Object.hasOwn(e.extracted, source)) return [e];
      const s = getString(e.extracted[source]);
      if (s === undefined) return { dropped: `${source} has no string form` };
      s.split("\r\n\r\n").forEach((section, i) => {
        if (i === 0) {
          const k = sanitizeKey("Description", e.extracted);
          const v = sanitizeValue(section);
          if (k !== undefined && v !== undefined) e.extracted[k] = v;
          return;
        }
        const lines = section.split("\r\n");
        let prefix = "";
        let j = 0;
        while (j < lines.length) {
          const line = lines[j]!;
          const colon = line.indexOf(":");
          if (colon < 0) {
            j++;
            continue;
          }
          let key = line.slice(0, colon);
          let value = line.slice(colon + 1);
          j++;
          if (value === "") {
            if (j === 1) prefix = key;
            continue;
          }
          while (j < lines.length && lines[j] !== "" && !lines[j]!.includes(":")) value += "," + lines[j++];
          if (prefix !== "") key = prefix + "_" + key;
          const k = sanitizeKey(key, e.extracted);
          const v = sanitizeValue(value);
          if (k !== undefined && v !== undefined) e.extracted[k] = v;
        }
      });
      return [e];
    },
  };
};

export const WINDOWS_STAGES: Record<string, StageFactory> = { eventlogmessage, windowsevent };
export { mapStage };
