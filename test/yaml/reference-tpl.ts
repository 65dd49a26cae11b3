/**
 * A small reference of what Helm's `tpl` (Go's text/template) does to the text alloyc writes,
 * independent of src/yaml: text is copied up to `{{`; an action is `{{`, spaces, one string
 * constant (interpreted "..." with Go's escapes, or raw `...`), spaces, `}}`, and prints the
 * string. Anything else an action may be (a trim marker, a pipeline, a field) is not needed for
 * alloyc's escapes, so it throws, as does an action that does not close. `}}` outside an action
 * is text, as in Go.
 */
export function tplReference(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open === -1) return out + text.slice(i);
    out += text.slice(i, open);
    let j = open + 2;
    if (text[j] === "-" && /\s/.test(text[j + 1] ?? "")) throw new Error(`trim marker at ${open}: not in the reference`);
    while (text[j] === " " || text[j] === "\t") j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "`") throw new Error(`action at ${open} is not a string constant: ${JSON.stringify(text.slice(open, open + 20))}`);
    let value = "";
    j++;
    for (;;) {
      const c = text[j];
      if (c === undefined || (quote === '"' && c === "\n")) throw new Error(`unterminated string in the action at ${open}`);
      if (c === quote) break;
      if (quote === '"' && c === "\\") {
        const e = text[j + 1];
        const escapes: Record<string, string> = { n: "\n", t: "\t", '"': '"', "\\": "\\" };
        if (e === undefined || !(e in escapes)) throw new Error(`escape \\${e} not in the reference`);
        value += escapes[e];
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    j++;
    while (text[j] === " " || text[j] === "\t") j++;
    if (!text.startsWith("}}", j)) throw new Error(`action at ${open} does not close after its string`);
    out += value;
    i = j + 2;
  }
  return out;
}
