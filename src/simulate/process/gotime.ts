/**
 * Go's time values: instants with offsets, the civil calendar, locations, RFC3339Nano formatting
 * (layout parsing is golayout.ts). Nanosecond instants. A time is an instant (ns
 * since the Unix epoch, bigint) plus the UTC offset it was written with, so an output keeps the
 * offset of its input; comparisons use the instant. Locations come from the platform's IANA data
 * (Intl); Go's "Local" is UTC here, so a simulation does not depend on the machine it runs on.
 */

export interface GoTime {
  readonly ns: bigint;
  /** Offset east of UTC, seconds. */
  readonly offset: number;
}

export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

/** Go's named layouts that the timestamp stage accepts by name. */
export const NAMED_LAYOUTS: Readonly<Record<string, string>> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339,
  RFC3339Nano: RFC3339_NANO,
};

export const NS_PER_SEC = 1_000_000_000n;

// --- civil calendar (proleptic Gregorian), days since 1970-01-01 ---

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

// --- locations ---

/** A time zone: the offset (seconds) and abbreviation in force at a Unix second. */
export interface Location {
  readonly name: string;
  lookup(unixSec: number): { offset: number; abbrev: string };
}

export const UTC: Location = { name: "UTC", lookup: () => ({ offset: 0, abbrev: "UTC" }) };

const locations = new Map<string, Location>();

/** Go's time.LoadLocation: "" and "UTC" are UTC, "Local" is UTC here; else an IANA name. */
export function loadLocation(name: string): Location | undefined {
  if (name === "" || name === "UTC" || name === "Local") return UTC;
  const known = locations.get(name);
  if (known) return known;
  let offsets: Intl.DateTimeFormat;
  let names: Intl.DateTimeFormat;
  try {
    offsets = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    names = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "short" });
  } catch {
    return undefined;
  }
  const loc: Location = {
    name,
    lookup(unixSec) {
      const ms = Math.min(Math.max(unixSec, -8.64e12), 8.64e12) * 1000;
      const parts: Record<string, string> = {};
      for (const p of offsets.formatToParts(ms)) parts[p.type] = p.value;
      let y = Number(parts["year"]);
      if (parts["era"] === "BC" || parts["era"] === "B") y = 1 - y;
      const local = daysFromCivil(y, Number(parts["month"]), Number(parts["day"])) * 86400 + Number(parts["hour"]) * 3600 + Number(parts["minute"]) * 60 + Number(parts["second"]);
      const offset = local - Math.floor(ms / 1000);
      const abbrev = names.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? name;
      return { offset, abbrev };
    },
  };
  locations.set(name, loc);
  return loc;
}

/** Go's time.Date in a location: wall clock → instant (the offset found as Go finds it). */
export function dateIn(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): GoTime {
  const wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  let offset = loc.lookup(wall).offset;
  if (offset !== 0) {
    const second = loc.lookup(wall - offset).offset;
    if (second !== offset) offset = second;
  }
  return { ns: BigInt(wall - offset) * NS_PER_SEC + BigInt(nsec), offset };
}

/** The year of a time in its own offset (for util.SetYearForLimitedTimeFormat). */
export function wallYear(t: GoTime): number {
  const sec = Number((t.ns - (((t.ns % NS_PER_SEC) + NS_PER_SEC) % NS_PER_SEC)) / NS_PER_SEC) + t.offset;
  return civilFromDays(Math.floor(sec / 86400)).y;
}

/** Go's Time.AddDate(years, 0, 0) for a time whose wall clock is in its own offset. */
export function addYears(t: GoTime, years: number): GoTime {
  const nanos = ((t.ns % NS_PER_SEC) + NS_PER_SEC) % NS_PER_SEC;
  const wall = Number((t.ns - nanos) / NS_PER_SEC) + t.offset;
  const days = Math.floor(wall / 86400);
  const secOfDay = wall - days * 86400;
  const { y, m, d } = civilFromDays(days);
  // Go normalises Feb 29 of a non-leap year to Mar 1.
  const newDays = daysFromCivil(y + years, m, 1) + d - 1;
  return { ns: BigInt(newDays * 86400 + secOfDay - t.offset) * NS_PER_SEC + nanos, offset: t.offset };
}

/** RFC3339Nano text of a time, in its own offset (`Z` for UTC, trailing zeros of the fraction trimmed). */
export function formatRFC3339Nano(t: GoTime): string {
  const nanos = ((t.ns % NS_PER_SEC) + NS_PER_SEC) % NS_PER_SEC;
  const wall = Number((t.ns - nanos) / NS_PER_SEC) + t.offset;
  const days = Math.floor(wall / 86400);
  let rest = wall - days * 86400;
  const { y, m, d } = civilFromDays(days);
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  const two = (n: number) => String(n).padStart(2, "0");
  const year = y < 0 ? "-" + String(-y).padStart(4, "0") : String(y).padStart(4, "0");
  let out = `${year}-${two(m)}-${two(d)}T${two(hh)}:${two(mm)}:${two(ss)}`;
  if (nanos !== 0n) out += "." + nanos.toString().padStart(9, "0").replace(/0+$/, "");
  if (t.offset === 0) return out + "Z";
  const sign = t.offset < 0 ? "-" : "+";
  const abs = Math.abs(t.offset);
  return out + sign + two(Math.floor(abs / 3600)) + ":" + two(Math.floor((abs % 3600) / 60));
}

export function fromDate(d: Date): GoTime {
  return { ns: BigInt(d.getTime()) * 1_000_000n, offset: 0 };
}

/** The month (1-12) of a time's wall clock in its own offset. */
export function wallMonth(t: GoTime): number {
  const nanos = ((t.ns % NS_PER_SEC) + NS_PER_SEC) % NS_PER_SEC;
  const wall = Number((t.ns - nanos) / NS_PER_SEC) + t.offset;
  return civilFromDays(Math.floor(wall / 86400)).m;
}
