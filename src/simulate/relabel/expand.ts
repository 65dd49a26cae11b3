/**
 * Go's `Regexp.Expand` template rules, which Alloy applies to `target_label` and `replacement`
 * (and labelmap's replacement, through ReplaceAllString): `$$` is a literal `$`; `$name` takes the
 * longest run of letters, digits and `_`; `${name}` is delimited; a name of digits only (no leading
 * zero, below 1e8) is a group number, any other name a named group; a group that does not exist or
 * did not match expands to nothing; a `$` not followed by a valid name is kept as a literal `$`.
 */
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

export function expandTemplate(
  template: string,
  groups: readonly (string | undefined)[],
  names: ReadonlyMap<string, number>,
): string {
  if (!template.includes("$")) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf("$", i);
    if (dollar === -1) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    const ref = readReference(template, i);
    if (!ref) {
      out += "$";
      continue;
    }
    i = ref.end;
    const index = ref.number >= 0 ? ref.number : names.get(ref.name);
    if (index !== undefined) out += groups[index] ?? "";
  }
  return out + template.slice(i);
}

interface Reference {
  readonly name: string;
  /** The group number, or -1 when the name is not a number. */
  readonly number: number;
  /** Index just past the reference. */
  readonly end: number;
}

function readReference(text: string, start: number): Reference | undefined {
  let i = start;
  const brace = text[i] === "{";
  if (brace) i++;
  const nameStart = i;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === nameStart) return undefined;
  const name = text.slice(nameStart, i);
  if (brace) {
    if (text[i] !== "}") return undefined;
    i++;
  }
  return { name, number: groupNumber(name), end: i };
}

function groupNumber(name: string): number {
  if (name.length > 1 && name[0] === "0") return -1;
  let n = 0;
  for (const ch of name) {
    if (ch < "0" || ch > "9" || n >= 1e8) return -1;
    n = n * 10 + (ch.charCodeAt(0) - 48);
  }
  return n;
}
