/**
 * Go's time.Parse / time.ParseInLocation: layouts read element by element as Go's nextStdChunk
 * splits them (`2006`, `Jan`, `_2`, `.000`, `Z07:00`, `MST`, ...), with Go's leniencies (a
 * fraction after seconds the layout does not name, any one- or two-digit day) and its checks
 * (ranges, day of month, day of year).
 */
import { dateIn, daysIn, isLeap, NS_PER_SEC, RFC3339_NANO, UTC, type GoTime, type Location } from "./gotime.js";

// --- layouts ---

type Std =
  | "Jan" | "January" | "1" | "01" | "Mon" | "Monday" | "2" | "_2" | "02" | "__2" | "002"
  | "15" | "3" | "03" | "4" | "04" | "5" | "05" | "2006" | "06" | "PM" | "pm" | "MST"
  | "Z0700" | "Z070000" | "Z07" | "Z07:00" | "Z07:00:00" | "-0700" | "-070000" | "-07" | "-07:00" | "-07:00:00"
  | "frac0" | "frac9";

interface Chunk {
  prefix: string;
  std: Std | null;
  /** Digits of a fractional-second element. */
  digits: number;
  suffix: string;
}

const lowerStart = (s: string) => s.length > 0 && s[0]! >= "a" && s[0]! <= "z";
const isDigitAt = (s: string, i: number) => i < s.length && s[i]! >= "0" && s[i]! <= "9";

const chunks = new Map<string, Chunk>();

/** nextStdChunk, memoised: a stage parses every value with the same few layouts. */
function nextChunk(layout: string): Chunk {
  let chunk = chunks.get(layout);
  if (!chunk) {
    chunk = splitChunk(layout);
    if (chunks.size > 10_000) chunks.clear();
    chunks.set(layout, chunk);
  }
  return chunk;
}

/** Go's nextStdChunk: the text before the next layout element, the element, the rest. */
function splitChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, digits = 0): Chunk => ({ prefix: layout.slice(0, i), std, digits, suffix: layout.slice(i + len) });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const rest = layout.slice(i);
    switch (c) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return at(i, "January", 7);
          if (!lowerStart(rest.slice(3))) return at(i, "Jan", 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return at(i, "Monday", 6);
          if (!lowerStart(rest.slice(3))) return at(i, "Mon", 3);
        }
        if (rest.startsWith("MST")) return at(i, "MST", 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1]! >= "1" && rest[1]! <= "6") return at(i, rest.slice(0, 2) as Std, 2);
        if (rest.startsWith("002")) return at(i, "002", 3);
        break;
      case "1":
        if (rest.startsWith("15")) return at(i, "15", 2);
        return at(i, "1", 1);
      case "2":
        if (rest.startsWith("2006")) return at(i, "2006", 4);
        return at(i, "2", 1);
      case "_":
        if (rest.startsWith("_2")) {
          if (rest.startsWith("_2006")) return { prefix: layout.slice(0, i + 1), std: "2006", digits: 0, suffix: layout.slice(i + 5) };
          return at(i, "_2", 2);
        }
        if (rest.startsWith("__2")) return at(i, "__2", 3);
        break;
      case "3":
      case "4":
      case "5":
        return at(i, c, 1);
      case "P":
        if (rest.startsWith("PM")) return at(i, "PM", 2);
        break;
      case "p":
        if (rest.startsWith("pm")) return at(i, "pm", 2);
        break;
      case "-":
      case "Z":
        for (const tz of ["070000", "07:00:00", "0700", "07:00", "07"]) {
          if (rest.startsWith(c + tz)) return at(i, (c + tz) as Std, tz.length + 1);
        }
        break;
      case ".":
      case ",":
        if (rest[1] === "0" || rest[1] === "9") {
          const ch = rest[1];
          let j = 1;
          while (j < rest.length && rest[j] === ch) j++;
          if (!isDigitAt(rest, j)) return at(i, ch === "0" ? "frac0" : "frac9", j, j - 1);
        }
        break;
    }
  }
  return { prefix: layout, std: null, digits: 0, suffix: "" };
}

/** Whether a layout names a year (util.go's test for layouts without one). */
export function layoutHasYear(layout: string): boolean {
  return layout.includes("06");
}

class Bad extends Error {}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function lookup(table: readonly string[], value: string): [number, string] {
  for (let i = 0; i < table.length; i++) {
    const name = table[i]!;
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) return [i, value.slice(name.length)];
  }
  throw new Bad();
}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function parseNanoseconds(value: string, nbytes: number): number {
  if (value[0] !== "." && value[0] !== ",") throw new Bad();
  if (nbytes > 10) nbytes = 10;
  const digits = value.slice(1, nbytes);
  if (!/^[0-9]*$/.test(digits)) throw new Bad();
  let ns = digits === "" ? 0 : Number(digits);
  for (let i = 0; i < 10 - nbytes; i++) ns *= 10;
  return ns;
}

function cutspace(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === " ") i++;
  return s.slice(i);
}

function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") throw new Bad();
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new Bad();
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

/** Length of a time-zone abbreviation at the start of value (Go's parseTimeZone), or 0. */
function timeZoneLength(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) {
    const m = /^GMT([+-]\d{1,2})?/.exec(value);
    const sign = m?.[1];
    return sign !== undefined && Math.abs(Number(sign)) <= 23 ? 3 + sign.length : 3;
  }
  if (value[0] === "+" || value[0] === "-") {
    const m = /^[+-]\d{1,2}/.exec(value);
    return m && Math.abs(Number(m[0])) <= 23 ? m[0].length : 0;
  }
  let upper = 0;
  while (upper < 6 && upper < value.length && value[upper]! >= "A" && value[upper]! <= "Z") upper++;
  if (upper === 5 && value[4] === "T") return 5;
  if (upper === 4 && (value[3] === "T" || value.startsWith("WITA"))) return 4;
  if (upper === 3) return 3;
  return 0;
}

/**
 * Go's time.Parse (loc = UTC) and time.ParseInLocation: the layout's elements read from value;
 * undefined when value does not match.
 */
export function parseGoTime(layout: string, value: string, loc: Location = UTC): GoTime | undefined {
  try {
    return parseOrThrow(layout, value, loc);
  } catch (e) {
    if (e instanceof Bad) return undefined;
    throw e;
  }
}

function parseOrThrow(layout: string, value: string, loc: Location): GoTime {
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pmSet = false;
  let amSet = false;
  let utc = false;
  let zoneOffset: number | null = null;
  let zoneName = "";
  for (;;) {
    const { prefix, std, digits, suffix } = nextChunk(layout);
    value = skip(value, prefix);
    if (std === null) {
      if (value.length !== 0) throw new Bad();
      break;
    }
    layout = suffix;
    let p: string;
    switch (std) {
      case "06":
        if (value.length < 2) throw new Bad();
        [p, value] = [value.slice(0, 2), value.slice(2)];
        if (!/^\d\d$/.test(p)) throw new Bad();
        year = Number(p);
        year += year >= 69 ? 1900 : 2000;
        break;
      case "2006":
        if (value.length < 4 || !isDigitAt(value, 0)) throw new Bad();
        [p, value] = [value.slice(0, 4), value.slice(4)];
        if (!/^\d{4}$/.test(p)) throw new Bad();
        year = Number(p);
        break;
      case "Jan":
        [month, value] = lookup(SHORT_MONTHS, value);
        month++;
        break;
      case "January":
        [month, value] = lookup(LONG_MONTHS, value);
        month++;
        break;
      case "1":
      case "01":
        [month, value] = getnum(value, std === "01");
        if (month <= 0 || month > 12) throw new Bad();
        break;
      case "Mon":
        [, value] = lookup(SHORT_DAYS, value);
        break;
      case "Monday":
        [, value] = lookup(LONG_DAYS, value);
        break;
      case "2":
      case "_2":
      case "02":
        if (std === "_2" && value[0] === " ") value = value.slice(1);
        [day, value] = getnum(value, std === "02");
        break;
      case "__2":
      case "002":
        for (let i = 0; i < 2; i++) if (std === "__2" && value[0] === " ") value = value.slice(1);
        [yday, value] = getnum3(value, std === "002");
        break;
      case "15":
        [hour, value] = getnum(value, false);
        if (hour >= 24) throw new Bad();
        break;
      case "3":
      case "03":
        [hour, value] = getnum(value, std === "03");
        if (hour > 12) throw new Bad();
        break;
      case "4":
      case "04":
        [min, value] = getnum(value, std === "04");
        if (min >= 60) throw new Bad();
        break;
      case "5":
      case "05": {
        [sec, value] = getnum(value, std === "05");
        if (sec >= 60) throw new Bad();
        if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
          const next = nextChunk(layout).std;
          if (next === "frac0" || next === "frac9") break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          nsec = parseNanoseconds(value, n);
          value = value.slice(n);
        }
        break;
      }
      case "PM":
      case "pm": {
        if (value.length < 2) throw new Bad();
        [p, value] = [value.slice(0, 2), value.slice(2)];
        const [pm, am] = std === "PM" ? ["PM", "AM"] : ["pm", "am"];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else throw new Bad();
        break;
      }
      case "MST": {
        if (value.startsWith("UTC")) {
          utc = true;
          value = value.slice(3);
          break;
        }
        const n = timeZoneLength(value);
        if (n === 0) throw new Bad();
        [zoneName, value] = [value.slice(0, n), value.slice(n)];
        break;
      }
      case "frac0": {
        const n = 1 + digits;
        if (value.length < n) throw new Bad();
        nsec = parseNanoseconds(value, n);
        value = value.slice(n);
        break;
      }
      case "frac9": {
        if (value.length < 2 || (value[0] !== "." && value[0] !== ",") || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        nsec = parseNanoseconds(value, 1 + i);
        value = value.slice(1 + i);
        break;
      }
      default: {
        // numeric zones: Z0700 Z070000 Z07 Z07:00 Z07:00:00 -0700 -070000 -07 -07:00 -07:00:00
        if (std.startsWith("Z") && value[0] === "Z") {
          value = value.slice(1);
          utc = true;
          break;
        }
        const shape = std.slice(1);
        let sign: string, hh: string, mm: string, ss: string;
        if (shape === "07:00") {
          if (value.length < 6 || value[3] !== ":") throw new Bad();
          [sign, hh, mm, ss, value] = [value[0]!, value.slice(1, 3), value.slice(4, 6), "00", value.slice(6)];
        } else if (shape === "07") {
          if (value.length < 3) throw new Bad();
          [sign, hh, mm, ss, value] = [value[0]!, value.slice(1, 3), "00", "00", value.slice(3)];
        } else if (shape === "07:00:00") {
          if (value.length < 9 || value[3] !== ":" || value[6] !== ":") throw new Bad();
          [sign, hh, mm, ss, value] = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
        } else if (shape === "070000") {
          if (value.length < 7) throw new Bad();
          [sign, hh, mm, ss, value] = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
        } else {
          if (value.length < 5) throw new Bad();
          [sign, hh, mm, ss, value] = [value[0]!, value.slice(1, 3), value.slice(3, 5), "00", value.slice(5)];
        }
        const [h] = getnum(hh, true);
        const [m] = getnum(mm, true);
        const [s] = getnum(ss, true);
        if (h > 24 || m > 60 || s > 60) throw new Bad();
        zoneOffset = (h * 60 + m) * 60 + s;
        if (sign === "-") zoneOffset = -zoneOffset;
        else if (sign !== "+") throw new Bad();
      }
    }
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let m = 0;
    let d = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw new Bad();
    if (m === 0) {
      const starts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = Math.floor((yday - 1) / 31) + 1;
      if (starts[m]! < yday) m++;
      d = yday - starts[m - 1]!;
    }
    if (month >= 0 && month !== m) throw new Bad();
    month = m;
    if (day >= 0 && day !== d) throw new Bad();
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw new Bad();
  if (utc) return dateIn(year, month, day, hour, min, sec, nsec, UTC);
  if (zoneOffset !== null) {
    const t = dateIn(year, month, day, hour, min, sec, nsec, UTC);
    return { ns: t.ns - BigInt(zoneOffset) * NS_PER_SEC, offset: zoneOffset };
  }
  if (zoneName !== "") {
    const t = dateIn(year, month, day, hour, min, sec, nsec, UTC);
    const unixSec = Number(t.ns / NS_PER_SEC);
    const atLoc = loc.lookup(unixSec);
    if (atLoc.abbrev === zoneName) return { ns: t.ns - BigInt(atLoc.offset) * NS_PER_SEC, offset: atLoc.offset };
    const offset = zoneName.length > 3 && zoneName.startsWith("GMT") ? Number(zoneName.slice(3)) * 3600 : 0;
    return { ns: t.ns - BigInt(offset) * NS_PER_SEC, offset };
  }
  return dateIn(year, month, day, hour, min, sec, nsec, loc);
}

/** An entry's RFC3339Nano timestamp read back (any offset). */
export function parseRFC3339Nano(text: string): GoTime | undefined {
  return parseGoTime(RFC3339_NANO, text);
}

