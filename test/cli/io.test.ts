import { describe, expect, it } from "vitest";
import { colorFor } from "../../src/cli/io.js";
import { fakeIO } from "./fake-io.js";

describe("colorFor", () => {
  const io = (tty: boolean, env: Record<string, string> = {}) => fakeIO({ cwd: "/", tty: { stdout: tty, stderr: !tty }, env }).io;

  it("colours a terminal, not a pipe, stream by stream", () => {
    expect(colorFor(io(true), "stdout")).toBe(true);
    expect(colorFor(io(true), "stderr")).toBe(false);
    expect(colorFor(io(false), "stdout")).toBe(false);
  });

  it("NO_COLOR turns colour off, FORCE_COLOR on (and wins), FORCE_COLOR=0 off", () => {
    expect(colorFor(io(true, { NO_COLOR: "1" }), "stdout")).toBe(false);
    expect(colorFor(io(false, { FORCE_COLOR: "1" }), "stdout")).toBe(true);
    expect(colorFor(io(false, { FORCE_COLOR: "1", NO_COLOR: "1" }), "stdout")).toBe(true);
    expect(colorFor(io(true, { FORCE_COLOR: "0" }), "stdout")).toBe(false);
    expect(colorFor(io(true, { NO_COLOR: "" }), "stdout")).toBe(true);
  });
});
