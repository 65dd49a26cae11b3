import { z } from "zod";
import { type Capsule, capsuleKindOf } from "./capsules.js";

/**
 * The zod vocabulary the generated schemas are written in: one small factory per Alloy value
 * type that needs more than a bare zod call. Every call returns a fresh schema, because the
 * metadata registry (registry.ts) is keyed by schema instance.
 */

/**
 * Go `time.ParseDuration` syntax (`300ms`, `1h30m`, `-1.5h`, `0`), also accepting the `d`, `w`
 * and `y` units of Prometheus `model.Duration`, which some duration arguments use. The catalog
 * does not say which of the two parsers a field uses, so both spellings are accepted.
 */
export const DURATION_PATTERN = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w|y))+)$/;

export function isDuration(value: string): boolean {
  return DURATION_PATTERN.test(value);
}

/** A number that Go stores in an int: no fraction. */
function int(): z.ZodNumber {
  return z.number().int();
}

/** A number that Go stores in an unsigned int. */
function uint(): z.ZodNumber {
  return z.number().int().nonnegative();
}

/** A duration string such as `"30s"`. */
function duration(): z.ZodString {
  return z.string().regex(DURATION_PATTERN, { error: "must be a duration such as \"30s\" or \"1h30m\"" });
}

/** `alloytypes.Secret`: written as a string (or produced by an expression that yields a secret). */
function secret(): z.ZodString {
  return z.string();
}

/** `alloytypes.OptionalSecret`: a string that may be marked secret. */
function optionalSecret(): z.ZodString {
  return z.string();
}

/** A capsule value of exactly this kind (capsules.ts); any other capsule or value is rejected. */
function capsule<K extends string>(kind: K) {
  // Return types here are inferred on purpose: relating two ZodCustom instantiations makes tsc
  // measure the variance of zod's large class types, which costs more than all the schemas.
  return z.custom<Capsule<K>>((value) => capsuleKindOf(value) === kind, {
    error: (issue) => {
      const got = capsuleKindOf(issue.input);
      return `expected capsule(${kind}), got ${got === undefined ? typeof issue.input : `capsule(${got})`}`;
    },
  });
}

/** A function value (stdlib only). */
function func() {
  return z.custom<(...args: never[]) => unknown>((value) => typeof value === "function");
}

/**
 * One element of a block group (`stage`, `metric`, `auth`): an object holding exactly one block,
 * keyed by its full Alloy name, e.g. `{ "stage.json": { expressions: { ... } } }`.
 */
function oneBlockOf<S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  return z.strictObject(shape).superRefine((value, ctx) => {
    const n = Object.keys(value).length;
    if (n !== 1) ctx.addIssue({ code: "custom", message: `expected exactly one block, got ${n}` });
  });
}

/**
 * An open body: a nested Alloy configuration (`declare`, `foreach > template`), or exports that
 * `export` blocks define. Any attribute is accepted; the checker validates such bodies itself.
 */
function openBody(): z.ZodObject<{}, z.core.$loose> {
  return z.looseObject({});
}

export const v = { int, uint, duration, secret, optionalSecret, capsule, func, oneBlockOf, openBody } as const;
