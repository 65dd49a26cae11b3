/**
 * Go `time.ParseDuration` syntax (`300ms`, `1h30m`, `-1.5h`, `0`), also accepting the `d`, `w`
 * and `y` units of Prometheus `model.Duration`, which some duration arguments use. The catalog
 * does not say which of the two parsers a field uses, so both spellings are accepted.
 */
export const DURATION_PATTERN = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w|y))+)$/;

export function isDuration(value: string): boolean {
  return DURATION_PATTERN.test(value);
}
