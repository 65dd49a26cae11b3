import fc from "fast-check";

/**
 * Random Alloy files for the pieces property (format-pieces.property.test.ts): top-level
 * attributes and blocks with comments where the formatter moves them (before a call's or a
 * parenthesis' `)`, after a trailing `,`, before an access's name), line comments, blank lines and
 * nested blocks. They are written to parse (the property counts how many do).
 */

const blockComment = fc.constantFrom("/* c */", "/**/", "/* é */");
/** Nothing, a space, or a one-line block comment, where no line break may go (after a value). */
const tight = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("", " ") },
  { weight: 2, arbitrary: blockComment.map((c) => ` ${c}`) },
);
/** Where a line break may go (after `(`, `,`, `=`, an operator). */
const loose = fc.oneof(
  tight,
  fc.constantFrom("\n", "\n\t", " // l\n", "\n\n", " /* two\nlines */ "),
  blockComment.map((c) => `${c}\n`),
);

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 3, depthIdentifier: "e" },
    fc.constantFrom("1", '"s"', "true", "null", "a", "x.y", "`r\nr`"),
    fc
      .record({ f: fc.constantFrom("f", "env", "a.b"), args: fc.array(fc.tuple(loose, tie("e"), tight), { maxLength: 3 }), comma: fc.boolean(), end: loose })
      .map(({ f, args, comma, end }) => {
        const parts = args.map(([before, e, after]) => `${before}${e}${after}`);
        // A line break before `)` needs a trailing comma.
        const trailing = comma || /\n\s*$/.test(end) ? "," : "";
        return args.length === 0 ? `${f}(${end.includes("\n") ? tightOf(end) : end})` : `${f}(${parts.join(",")}${trailing}${trailing ? end : tightOf(end)})`;
      }),
    fc.tuple(loose, tie("e"), tight).map(([a, e, b]) => `(${a}${e}${b})`),
    fc.tuple(tie("e"), tight).map(([e, a]) => `${parenthesize(e)}${a}.name`),
    fc.tuple(tie("e"), tight, fc.constantFrom("+", "||", "=="), loose, tie("e")).map(([l, a, op, b, r]) => `${parenthesize(l)}${a} ${op}${b} ${parenthesize(r)}`),
    fc.array(fc.tuple(loose, tie("e"), tight), { maxLength: 3 }).map((els) => `[${els.map(([a, e, b]) => `${a}${e}${b}`).join(",")}${els.length > 0 ? "," : ""}\n]`),
    fc.tuple(loose, tie("e"), tight).map(([a, e, b]) => `{${a}k = ${e}${b},\n}`),
  ),
})).e;

/** A line comment or line break in `s` cannot go where only `tight` may. */
function tightOf(s: string): string {
  return s.includes("\n") ? "" : s;
}

function parenthesize(e: string): string {
  return /^[a-z][\w.]*$/.test(e) || /^"\w*"$/.test(e) ? e : `(${e})`;
}

/** Between statements: a line break, blank lines, comments. */
const separator = fc.constantFrom("\n", "\n", "\n\n", "\n\n\n", " // t\n", "\n/* b */\n", "\n// l\n\n", " /* t */\n");

const statement: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { maxDepth: 2, depthIdentifier: "s" },
    fc.tuple(fc.constantFrom("a", "bb", "ccc"), loose, expr).map(([n, l, e]) => `${n} = ${l.includes("\n") ? l.trimStart() : l}${e}`),
    fc
      .tuple(fc.constantFrom("b", "c.d", 'e "l"', 'f.g "m"'), fc.array(fc.tuple(tie("s"), separator), { maxLength: 3 }))
      .map(([name, body]) => (body.length === 0 ? `${name} { }` : `${name} {\n${body.map(([s, sep]) => `${s}${sep}`).join("")}}`)),
  ),
})).s;

export const fileArb = fc
  .tuple(fc.array(fc.tuple(statement, separator), { minLength: 1, maxLength: 8 }), fc.constantFrom("", "\n", "\n\n"))
  .map(([stmts, end]) => stmts.map(([s, sep]) => `${s}${sep}`).join("") + end);

