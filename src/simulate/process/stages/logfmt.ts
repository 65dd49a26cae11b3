/**
 * A logfmt decoder with go-logfmt's rules, as the logfmt stage reads lines: records are split at
 * newlines; a key runs up to space, `=` or `"`; `key=value`, `key="quoted \"value\""` or a bare
 * `key` (empty value). A syntax error stops decoding, and pairs decoded before it stay decoded.
 */

function unquote(s: string): string | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `pair(key, value)` for each pair, in order, until the end or the first syntax error. */
export function decodeLogfmt(input: string, pair: (key: string, value: string) => void): void {
  for (const record of input.split("\n")) {
    let i = 0;
    const n = record.length;
    const isGarbage = (c: string) => c <= " " || c === "=" || c === '"' || c === "\x7f";
    while (i < n) {
      while (i < n && record[i]! <= " ") i++;
      if (i >= n) break;
      const keyStart = i;
      while (i < n && !isGarbage(record[i]!)) i++;
      if (i === keyStart) return; // unexpected '=' or '"'
      const key = record.slice(keyStart, i);
      if (i >= n || record[i]! <= " ") {
        pair(key, "");
        continue;
      }
      if (record[i] === '"') return; // unexpected '"' inside a key
      i++; // '='
      if (i >= n || record[i]! <= " ") {
        pair(key, "");
        continue;
      }
      if (record[i] === '"') {
        const start = i;
        i++;
        let escaped = false;
        while (i < n && (escaped || record[i] !== '"')) {
          escaped = !escaped && record[i] === "\\";
          i++;
        }
        if (i >= n) return; // unterminated quoted value
        i++;
        const value = unquote(record.slice(start, i));
        if (value === undefined) return;
        if (i < n && record[i]! > " ") {
          pair(key, value);
          return; // garbage right after the closing quote
        }
        pair(key, value);
        continue;
      }
      const valueStart = i;
      while (i < n && !isGarbage(record[i]!)) i++;
      if (i < n && (record[i] === "=" || record[i] === '"')) return;
      pair(key, record.slice(valueStart, i));
    }
  }
}
