/**
 * JSON as Go's encoding/json writes and reads it, where stages depend on it: `marshal` sorts object
 * keys and escapes `<`, `>`, `&`, U+2028 and U+2029 (json.Marshal's defaults); `unmarshalObject`
 * accepts only a JSON object (Go's `map[string]any` target).
 */
import { formatGoFloat } from "./values.js";

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\u0008",
  "\f": "\\u000c",
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** A Go JSON string literal (HTML-safe, as json.Marshal writes it). */
export function quoteJSON(s: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + s.replace(/["\\\u0000-\u001f<>&\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => {
    const known = ESCAPES[c];
    if (known !== undefined) return known;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) return "\\ufffd";
    return "\\u" + code.toString(16).padStart(4, "0");
  }) + '"';
}

/** Go's float64 JSON form: 'f' formatting in [1e-6, 1e21), else the exponent form (`1e-7`, `1e+21`, as JavaScript writes it). */
function numberJSON(n: number): string {
  if (!Number.isFinite(n)) return "null"; // Go fails to marshal; no JSON value decodes to these
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n.toExponential();
  return formatGoFloat(n);
}

export function marshal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return quoteJSON(value);
    case "number":
      return numberJSON(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
  }
  if (Array.isArray(value)) return "[" + value.map(marshal).join(",") + "]";
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort(compareBytes);
  return "{" + keys.map((k) => quoteJSON(k) + ":" + marshal(obj[k])).join(",") + "}";
}

/** Go sorts map keys by bytes; for UTF-16 strings code-point order is the same except surrogates. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

/** json.Unmarshal into map[string]any: the text must be one JSON object. */
export function unmarshalObject(text: string): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (v === null) return {}; // Go: unmarshalling `null` into a map leaves it nil, no error.
  if (typeof v !== "object" || Array.isArray(v)) return undefined;
  return v as Record<string, unknown>;
}
