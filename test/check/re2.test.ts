import { describe, expect, it } from "vitest";
import { durationError } from "../../src/check/duration.js";
import { re2Error } from "../../src/check/re2.js";

describe("RE2 syntax (Go regexp/syntax)", () => {
  it.each([
    "", "a|b", "(?i)abc", "(?P<name>x)", "(?<name>x)", "(?:a)", "(?i:a)", "(?-s:a)", "(?)", "[[:alpha:]]+", "[^[:space:]]",
    "\\pL", "\\p{Greek}", "\\PN", "a{2,3}", "a{,3}", "a{2,}", "\\Q*+?\\E", "[]a]", "[^]a]", "\\x{10FFFF}", "\\x41", "a*?", "a+?",
    "\\Aabc\\z", "\\bword\\B", "[a-z0-9_.-]+", "\\.\\*\\[", "\\d\\s\\w\\D\\S\\W", "\\012", "^(.*)$", "(a|)", "[\\d-z]",
  ])("accepts %s", (rx) => {
    expect(re2Error(rx)).toBeUndefined();
  });

  it.each([
    ["(abc", "missing closing ): `(abc`"],
    ["abc)", "unexpected ): `abc)`"],
    ["[abc", "missing closing ]: `[abc`"],
    ["a**", "invalid nested repetition operator: `**`"],
    ["a{2}{3}", "invalid nested repetition operator: `{2}{3}`"],
    ["*a", "missing argument to repetition operator: `*`"],
    ["a|+", "missing argument to repetition operator: `+`"],
    ["(a)\\1", "invalid escape sequence: `\\1`"],
    ["\\i", "invalid escape sequence: `\\i`"],
    ["foo(?=bar)", "invalid or unsupported Perl syntax: `(?=`"],
    ["(?<!x)", "invalid named capture: `(?<!x)`"],
    ["(?=x)", "invalid or unsupported Perl syntax: `(?=`"],
    ["(?i-)a", "invalid or unsupported Perl syntax: `(?i-)`"],
    ["(?P<>a)", "invalid named capture: `(?P<>`"],
    ["[z-a]", "invalid character class range: `z-a`"],
    ["[[:foo:]]", "invalid character class range: `[:foo:]`"],
    ["\\p{Nope}", "invalid character class range: `\\p{Nope}`"],
    ["a{1001}", "invalid repeat count: `{1001}`"],
    ["a\\", "trailing backslash at end of expression: ``"],
  ])("rejects %s", (rx, message) => {
    expect(re2Error(rx)).toBe(`error parsing regexp: ${message}`);
  });
});

describe("durations (Go time.ParseDuration or Prometheus model.ParseDuration)", () => {
  it.each(["0", "-0", "1h30m", "-1.5h", "1d", "1w2d", "300ms", "1µs", "1us", "2y", ".5s", "1.s"])("accepts %s", (d) => {
    expect(durationError(d)).toBeUndefined();
  });

  it.each([
    ["", 'time: invalid duration ""'],
    ["60", 'time: missing unit in duration "60"'],
    ["1 m", 'time: unknown unit " m" in duration "1 m"'],
    ["5mins", 'time: unknown unit "mins" in duration "5mins"'],
    ["1.5d", 'time: unknown unit "d" in duration "1.5d"'],
    ["h", 'time: invalid duration "h"'],
  ])("rejects %s", (d, message) => {
    expect(durationError(d)).toBe(message);
  });
});
