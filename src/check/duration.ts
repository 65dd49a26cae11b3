/**
 * Duration syntax. Alloy decodes `duration` arguments either with Go's `time.ParseDuration`
 * (`1h30m`, `1.5s`, `300ms`, `-2h`) or with Prometheus' `model.ParseDuration` (which adds `d`, `w`
 * and `y`); the catalog does not say which, so a value is accepted when either parser would.
 * The message is Go's, since most duration arguments use it.
 */
const GO_UNITS = new Set(["ns", "us", "µs", "μs", "ms", "s", "m", "h"]);
const PROMETHEUS = /^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;

/** Why `s` is not a duration (Go's message), or undefined when it is one. */
export function durationError(s: string): string | undefined {
  if (s !== "" && PROMETHEUS.test(s)) return undefined;
  return goDurationError(s);
}

function goDurationError(orig: string): string | undefined {
  const quoted = JSON.stringify(orig);
  let s = orig;
  if (s.startsWith("-") || s.startsWith("+")) s = s.slice(1);
  if (s === "0") return undefined;
  if (s === "") return `time: invalid duration ${quoted}`;
  while (s !== "") {
    const num = /^(\d*)(\.\d*)?/.exec(s) as RegExpExecArray;
    if (num[0] === "" || num[0] === ".") return `time: invalid duration ${quoted}`;
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]*/.exec(s) as RegExpExecArray;
    if (unit[0] === "") return `time: missing unit in duration ${quoted}`;
    if (!GO_UNITS.has(unit[0])) return `time: unknown unit ${JSON.stringify(unit[0])} in duration ${quoted}`;
    s = s.slice(unit[0].length);
  }
  return undefined;
}
