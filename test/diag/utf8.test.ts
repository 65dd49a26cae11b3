import { describe, expect, it } from "vitest";
import { utf8Length } from "../../src/diag/utf8.js";

const encoded = (s: string): number => new TextEncoder().encode(s).length;

describe("utf8Length", () => {
  it("counts 1, 2, 3 and 4 byte characters", () => {
    expect(utf8Length("")).toBe(0);
    expect(utf8Length("abc")).toBe(3);
    expect(utf8Length("é")).toBe(2); // U+00E9
    expect(utf8Length("\u07ff")).toBe(2);
    expect(utf8Length("\u0800")).toBe(3);
    expect(utf8Length("€")).toBe(3); // U+20AC
    expect(utf8Length("日本")).toBe(6);
    expect(utf8Length("\uffff")).toBe(3);
    expect(utf8Length("😀")).toBe(4); // U+1F600, a surrogate pair
    expect(utf8Length("\u{10ffff}")).toBe(4);
    expect(utf8Length("a😀é€")).toBe(10);
  });

  it("counts a lone surrogate 3, as TextEncoder and Buffer write it (U+FFFD)", () => {
    for (const s of ["\ud800", "\udc00", "\udbff", "\udfff", "a\ud800b", "\ud800\ud800", "\udc00\ud800", "😀\udc00", "\ud83d"]) {
      expect(utf8Length(s), JSON.stringify(s)).toBe(encoded(s));
      expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s));
    }
    expect(utf8Length("\ud800")).toBe(3);
    expect(utf8Length("\udc00\ud800")).toBe(6); // reversed halves are two lone surrogates
    expect(utf8Length("\ud83d😀")).toBe(7);
  });

  it("agrees with TextEncoder on every code unit sequence of length 2 over the edge values", () => {
    const units = [0x00, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xffff];
    for (const a of units) {
      for (const b of units) {
        const s = String.fromCharCode(a, b);
        expect(utf8Length(s), `${a.toString(16)} ${b.toString(16)}`).toBe(encoded(s));
      }
    }
  });
});
