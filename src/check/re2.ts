/**
 * A syntax check for RE2 regular expressions (Go's `regexp/syntax`, which Alloy's relabel rules
 * and `stage.regex` compile). JavaScript's RegExp accepts a different language (lookarounds,
 * backreferences; no `(?P<name>)`, `(?i)` or `\z`), so it cannot be used to validate them.
 * Errors read like Go's: `error parsing regexp: missing closing ): \`(abc\``.
 */
export function re2Error(expr: string): string | undefined {
  try {
    new Re2Checker(expr).run();
    return undefined;
  } catch (e) {
    if (e instanceof Re2SyntaxError) return `error parsing regexp: ${e.code}: \`${e.fragment}\``;
    throw e;
  }
}

class Re2SyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly fragment: string,
  ) {
    super(code);
  }
}

const POSIX_CLASSES = new Set([
  "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit",
]);
const PERL_CLASSES = "dDsSwW";
const MAX_REPEAT = 1000;

class Re2Checker {
  private i = 0;
  /** A repetition may follow (the previous item is an atom, not `(`, `|` or the start). */
  private canRepeat = false;
  /** Start of the previous repetition operator, when the previous item was one. */
  private lastRepeat = -1;
  private readonly open: number[] = [];

  constructor(private readonly s: string) {}

  run(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === "*" || c === "+" || c === "?") this.repetition(this.i, this.i + 1);
      else if (c === "{" && this.repeatCount() !== undefined) this.repetition(this.i, this.repeatCount() as number);
      else {
        this.lastRepeat = -1;
        this.atom(c);
      }
    }
    if (this.open.length > 0) throw new Re2SyntaxError("missing closing )", s);
  }

  private repetition(start: number, end: number): void {
    const s = this.s;
    if (s[start] === "{") {
      const [min, max] = s.slice(start + 1, end - 1).split(",");
      const lo = Number(min);
      const hi = max === undefined ? lo : max === "" ? -1 : Number(max);
      if (lo > MAX_REPEAT || hi > MAX_REPEAT || (hi >= 0 && hi < lo)) throw new Re2SyntaxError("invalid repeat count", s.slice(start, end));
    }
    if (!this.canRepeat) throw new Re2SyntaxError("missing argument to repetition operator", s.slice(start, end));
    if (s[end] === "?") end++;
    if (this.lastRepeat >= 0) throw new Re2SyntaxError("invalid nested repetition operator", s.slice(this.lastRepeat, end));
    this.lastRepeat = start;
    this.i = end;
  }

  /** The end offset of a `{n}`, `{n,}` or `{n,m}` at the cursor; otherwise `{` is a literal. */
  private repeatCount(): number | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
    return m ? this.i + m[0].length : undefined;
  }

  private atom(c: string): void {
    const s = this.s;
    switch (c) {
      case "(":
        this.group();
        return;
      case ")":
        if (this.open.length === 0) throw new Re2SyntaxError("unexpected )", s);
        this.open.pop();
        this.i++;
        this.canRepeat = true;
        return;
      case "|":
        this.i++;
        this.canRepeat = false;
        return;
      case "[":
        this.charClass();
        this.canRepeat = true;
        return;
      case "\\":
        this.escape(false);
        return;
      default:
        this.i += c.length;
        this.canRepeat = true;
    }
  }

  private group(): void {
    const s = this.s;
    const start = this.i;
    if (s[start + 1] !== "?") {
      this.open.push(start);
      this.i++;
      this.canRepeat = false;
      return;
    }
    if (/^\(\?P?</.test(s.slice(start)) && !s.includes(">", start)) {
      // Go reports the rest of the expression when a named group's `>` never comes.
      throw new Re2SyntaxError("invalid named capture", s.slice(start));
    }
    const named = /^\(\?P?<([^>]*)>/.exec(s.slice(start));
    if (named) {
      if (!/^[A-Za-z0-9_]+$/.test(named[1] as string)) throw new Re2SyntaxError("invalid named capture", named[0]);
      this.open.push(start);
      this.i = start + named[0].length;
      this.canRepeat = false;
      return;
    }
    // Flags: (?i) (?-s) (?im-sU:...) and the plain non-capturing group (?:...).
    let j = start + 2;
    let sawNeg = false;
    let flagsSinceNeg = 0;
    for (; j < s.length; j++) {
      const f = s[j] as string;
      if ("imsU".includes(f)) {
        flagsSinceNeg++;
      } else if (f === "-" && !sawNeg) {
        sawNeg = true;
        flagsSinceNeg = 0;
      } else if (f === ":" && (!sawNeg || flagsSinceNeg > 0)) {
        this.open.push(start);
        this.canRepeat = false;
        this.i = j + 1;
        return;
      } else if (f === ")" && (!sawNeg || flagsSinceNeg > 0)) {
        this.canRepeat = false;
        this.i = j + 1;
        return;
      } else break;
    }
    throw new Re2SyntaxError("invalid or unsupported Perl syntax", s.slice(start, Math.min(j + 1, s.length)));
  }

  private charClass(): void {
    const s = this.s;
    const start = this.i;
    let j = start + 1;
    if (s[j] === "^") j++;
    let first = true;
    while (j < s.length && (s[j] !== "]" || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(j));
      if (posix) {
        if (!POSIX_CLASSES.has(posix[2] as string)) throw new Re2SyntaxError("invalid character class range", posix[0]);
        j += posix[0].length;
        continue;
      }
      let lo: number | undefined;
      const itemStart = j;
      if (s[j] === "\\") {
        this.i = j;
        lo = this.escape(true);
        j = this.i;
      } else {
        lo = s.codePointAt(j) as number;
        j += String.fromCodePoint(lo).length;
      }
      // After a class escape (`\d`), `-` is a literal, not a range.
      if (lo !== undefined && s[j] === "-" && s[j + 1] !== "]" && j + 1 < s.length) {
        let hi: number | undefined;
        if (s[j + 1] === "\\") {
          this.i = j + 1;
          hi = this.escape(true);
          j = this.i;
        } else {
          hi = s.codePointAt(j + 1) as number;
          j += 1 + String.fromCodePoint(hi).length;
        }
        if (hi === undefined || hi < lo) {
          throw new Re2SyntaxError("invalid character class range", s.slice(itemStart, j));
        }
      }
    }
    if (j >= s.length) throw new Re2SyntaxError("missing closing ]", s.slice(start));
    this.i = j + 1;
  }

  /**
   * Consumes an escape at the cursor. Returns the code point it stands for when it is a single
   * character (for class ranges), undefined for classes and assertions.
   */
  private escape(inClass: boolean): number | undefined {
    const s = this.s;
    const start = this.i;
    const c = s[start + 1];
    if (c === undefined) throw new Re2SyntaxError("trailing backslash at end of expression", "");
    this.lastRepeat = -1;
    this.canRepeat = true;
    const bad = (): never => {
      throw new Re2SyntaxError("invalid escape sequence", s.slice(start, start + 1 + (String.fromCodePoint(s.codePointAt(start + 1) as number).length)));
    };
    this.i = start + 2;
    if (c >= "1" && c <= "7" && !(s[start + 2] !== undefined && s[start + 2]! >= "0" && s[start + 2]! <= "7")) bad();
    if (c >= "0" && c <= "7") {
      let k = start + 2;
      while (k < start + 4 && s[k] !== undefined && s[k]! >= "0" && s[k]! <= "7") k++;
      this.i = k;
      return parseInt(s.slice(start + 1, k), 8);
    }
    if (c === "x") {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(start + 2));
      const plain = /^[0-9A-Fa-f]{2}/.exec(s.slice(start + 2));
      if (braced && parseInt(braced[1] as string, 16) <= 0x10ffff) {
        this.i = start + 2 + braced[0].length;
        return parseInt(braced[1] as string, 16);
      }
      if (plain) {
        this.i = start + 4;
        return parseInt(plain[0], 16);
      }
      bad();
    }
    if (c === "p" || c === "P") {
      const m = /^(\{\^?([A-Za-z_]+)\}|[A-Za-z])/.exec(s.slice(start + 2));
      if (!m) bad();
      const name = (m as RegExpExecArray)[2] ?? (m as RegExpExecArray)[1];
      this.i = start + 2 + (m as RegExpExecArray)[0].length;
      if (!unicodeClassExists(name as string)) throw new Re2SyntaxError("invalid character class range", s.slice(start, this.i));
      return undefined;
    }
    if (c === "Q" && !inClass) {
      const end = s.indexOf("\\E", start + 2);
      this.i = end < 0 ? s.length : end + 2;
      return undefined;
    }
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in simple) return simple[c];
    if (PERL_CLASSES.includes(c)) return undefined;
    if (!inClass && "bBAz".includes(c)) {
      if (c !== "b" && c !== "B") this.canRepeat = true;
      return undefined;
    }
    const code = c.codePointAt(0) as number;
    if (code < 0x80 && !/[0-9A-Za-z]/.test(c)) return code;
    return bad();
  }
}

const knownClasses = new Map<string, boolean>();

/** Unicode general categories and scripts, as Go's `\p{...}` accepts them. */
function unicodeClassExists(name: string): boolean {
  if (name === "Any") return true;
  let known = knownClasses.get(name);
  if (known === undefined) {
    known = false;
    for (const form of [name, `Script=${name}`]) {
      try {
        new RegExp(`\\p{${form}}`, "u");
        known = true;
        break;
      } catch {
        // not this form
      }
    }
    knownClasses.set(name, known);
  }
  return known;
}
