/**
 * Alloy literals as JavaScript values, and JavaScript values as TypeScript source: what the
 * importer needs to write a literal that the builders print back exactly as it was.
 */
import { quoteInner } from "../ast/quote.js";

const SIMPLE: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'" };

/** The value of a double-quoted Alloy string (Go escapes), or undefined for a raw (backtick) string. */
export function unquote(raw: string): string | undefined {
  if (!raw.startsWith('"')) return undefined;
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i] as string;
    const simple = SIMPLE[e];
    if (simple !== undefined) out += simple;
    else if (e === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else if (e >= "0" && e <= "7") {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else return undefined;
  }
  return out;
}

/** The JavaScript string an Alloy string literal is written as, when the builders print it back as written. */
export function exactString(raw: string): string | undefined {
  const value = unquote(raw);
  return value !== undefined && `"${quoteInner(value)}"` === raw ? value : undefined;
}

/** The number an Alloy number literal is, when the builders print it back as written. */
export function exactNumber(raw: string): number | undefined {
  const n = Number(raw);
  return Number.isFinite(n) && String(n) === raw ? n : undefined;
}

/** A TypeScript string literal (double quotes, as Prettier writes them). */
export function tsString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const TS_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as TypeScript writes it: bare when it can be, quoted otherwise. */
export function tsKey(key: string): string {
  return TS_IDENT.test(key) ? key : tsString(key);
}
