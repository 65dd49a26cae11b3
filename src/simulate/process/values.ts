/**
 * Go's view of the values a stage reads: `getString` (how upstream turns an extracted value into
 * text), Go's shortest float formatting without exponent, label-name validity, byte lengths.
 */

/** Go's `strconv.FormatFloat(f, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (Object.is(n, -0)) return "-0";
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const negative = s.startsWith("-");
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const point = mantissa.indexOf(".");
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const intLen = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (intLen <= 0) out = "0." + "0".repeat(-intLen) + digits;
  else if (intLen >= digits.length) out = digits + "0".repeat(intLen - digits.length);
  else out = digits.slice(0, intLen) + "." + digits.slice(intLen);
  return (negative ? "-" : "") + out;
}

/** Upstream `getString`: numbers, strings and booleans become text; anything else cannot. */
export function getString(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return formatGoFloat(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    default:
      return undefined;
  }
}

/** Prometheus' legacy label-name rule (`IsValidLegacy`; pattern and eventlogmessage check names with it). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export function isLegacyLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/**
 * `model.LabelName.IsValid` under the UTF-8 validation scheme Alloy runs with: any non-empty
 * valid UTF-8 (labels, static_labels, structured_metadata, regex, windowsevent check names so).
 */
export function isLabelName(name: string): boolean {
  return name.length > 0 && isLabelValue(name);
}

/** A label value must be valid UTF-8: a JavaScript string is, unless it holds a lone surrogate. */
export function isLabelValue(value: string): boolean {
  // String.prototype.isWellFormed (Node 20+; not in the ES2023 lib this project compiles against).
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Length in UTF-8 bytes (Go's `len(string)`). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** The first `n` UTF-8 bytes of `s` (Go's `s[:n]`); a cut rune decodes as U+FFFD, as Go would print it. */
export function byteSlice(s: string, n: number): string {
  return Buffer.from(s, "utf8").subarray(0, n).toString("utf8");
}

/** Go's `strings.TrimSpace` (Unicode White_Space; unlike String.prototype.trim, U+FEFF is kept and U+0085 trimmed). */
export function goTrimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g, "");
}
