/**
 * A reader of MaxMind DB files (the format of GeoIP2/GeoLite2 databases, MaxMind DB File Format
 * 2.0), for stage.geoip: the metadata at the end, the binary search tree over IP address bits,
 * and the data section's typed values (maps, arrays, strings, doubles, unsigned and signed
 * integers, booleans, pointers). Values decode to JSON-like values (uint64/uint128 as number when
 * they fit, else bigint), as Go's maxminddb decodes into `any`.
 */

export class MmdbError extends Error {}

const METADATA_MARKER = Buffer.from("\xAB\xCD\xEFMaxMind.com", "latin1");

export interface MmdbReader {
  readonly metadata: Record<string, unknown>;
  /** The record for an address, or undefined when the database has none for it. */
  lookup(ip: string): unknown;
}

class Decoder {
  constructor(
    private readonly buf: Buffer,
    /** Where pointers are counted from (the data section's start). */
    private readonly base: number,
  ) {}

  decode(offset: number): [unknown, number] {
    const ctrl = this.buf[offset++]!;
    let type = ctrl >> 5;
    if (type === 1) {
      const ss = (ctrl >> 3) & 3;
      const vvv = ctrl & 7;
      let p: number;
      if (ss === 0) p = (vvv << 8) | this.buf[offset]!;
      else if (ss === 1) p = ((vvv << 16) | this.buf.readUInt16BE(offset)) + 2048;
      else if (ss === 2) p = vvv * 2 ** 24 + this.buf.readUIntBE(offset, 3) + 526336;
      else p = this.buf.readUInt32BE(offset);
      const [value] = this.decode(this.base + p);
      return [value, offset + ss + 1];
    }
    if (type === 0) type = 7 + this.buf[offset++]!;
    let size = ctrl & 0x1f;
    if (size === 29) size = 29 + this.buf[offset++]!;
    else if (size === 30) {
      size = 285 + this.buf.readUInt16BE(offset);
      offset += 2;
    } else if (size === 31) {
      size = 65821 + this.buf.readUIntBE(offset, 3);
      offset += 3;
    }
    const end = offset + size;
    switch (type) {
      case 2:
        return [this.buf.toString("utf8", offset, end), end];
      case 3:
        return [this.buf.readDoubleBE(offset), offset + 8];
      case 4:
        return [Array.from(this.buf.subarray(offset, end)), end];
      case 5:
      case 6:
      case 9:
      case 10:
        return [this.unsigned(offset, size), end];
      case 7: {
        const map: Record<string, unknown> = {};
        let at = offset;
        for (let i = 0; i < size; i++) {
          const [key, afterKey] = this.decode(at);
          const [value, afterValue] = this.decode(afterKey);
          map[String(key)] = value;
          at = afterValue;
        }
        return [map, at];
      }
      case 8: {
        const u = Number(this.unsigned(offset, size));
        return [size === 4 ? u | 0 : u, end];
      }
      case 11: {
        const list: unknown[] = [];
        let at = offset;
        for (let i = 0; i < size; i++) {
          const [value, after] = this.decode(at);
          list.push(value);
          at = after;
        }
        return [list, at];
      }
      case 14:
        return [size !== 0, offset];
      case 15:
        return [this.buf.readFloatBE(offset), offset + 4];
      default:
        throw new MmdbError(`unknown data type ${type} at offset ${offset - 1}`);
    }
  }

  private unsigned(offset: number, size: number): number | bigint {
    let v = 0n;
    for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(this.buf[offset + i]!);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
}

/** The bits of an address (IPv4 dotted quad or IPv6 text), or undefined when it is not one. */
export function ipBits(ip: string): { bits: Uint8Array; v4: boolean } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.some((b) => b > 255) || v4.slice(1).some((b) => b.length > 1 && b.startsWith("0"))) return undefined;
    return { bits: Uint8Array.from(bytes), v4: true };
  }
  if (!ip.includes(":")) return undefined;
  let text = ip;
  let tail: number[] = [];
  const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const inner = ipBits(dotted[1]!);
    if (!inner) return undefined;
    tail = [(inner.bits[0]! << 8) | inner.bits[1]!, (inner.bits[2]! << 8) | inner.bits[3]!];
    text = text.slice(0, dotted.index + 1) + "0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  let groups: number[];
  if (halves.length === 2) {
    const head = parse(halves[0]!);
    const rest = parse(halves[1]!);
    if (dotted) rest.pop();
    const fill = 8 - head.length - rest.length - tail.length;
    if (fill < 1) return undefined;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest, ...tail];
  } else {
    groups = parse(text);
    if (dotted) groups.pop();
    groups.push(...tail);
  }
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return { bits: bytes, v4: false };
}

export function openMmdb(buf: Buffer): MmdbReader {
  const at = buf.lastIndexOf(METADATA_MARKER);
  if (at < 0) throw new MmdbError("not a MaxMind DB file (no metadata marker)");
  const metaStart = at + METADATA_MARKER.length;
  const [meta] = new Decoder(buf, metaStart).decode(metaStart);
  const metadata = meta as Record<string, unknown>;
  const nodeCount = Number(metadata["node_count"]);
  const recordSize = Number(metadata["record_size"]);
  const ipVersion = Number(metadata["ip_version"]);
  if (![24, 28, 32].includes(recordSize) || !Number.isFinite(nodeCount)) throw new MmdbError(`unsupported record size ${recordSize}`);
  const nodeBytes = (recordSize * 2) / 8;
  const treeSize = nodeCount * nodeBytes;
  const dataStart = treeSize + 16;
  const data = new Decoder(buf, dataStart);
  const record = (node: number, bit: 0 | 1): number => {
    const o = node * nodeBytes;
    if (recordSize === 24) return buf.readUIntBE(o + bit * 3, 3);
    if (recordSize === 32) return buf.readUInt32BE(o + bit * 4);
    const middle = buf[o + 3]!;
    return bit === 0 ? ((middle & 0xf0) << 20) | buf.readUIntBE(o, 3) : ((middle & 0x0f) << 24) | buf.readUIntBE(o + 4, 3);
  };
  // IPv4 addresses in an IPv6 tree live under ::/96: the node after 96 zero bits.
  let ipv4Start = 0;
  if (ipVersion === 6) {
    for (let i = 0; i < 96 && ipv4Start < nodeCount; i++) ipv4Start = record(ipv4Start, 0);
  }
  return {
    metadata,
    lookup(ip) {
      const addr = ipBits(ip);
      if (!addr) throw new MmdbError(`${ip} is not an IP address`);
      if (!addr.v4 && ipVersion === 4) throw new MmdbError(`cannot look up an IPv6 address in an IPv4-only database`);
      let node = addr.v4 && ipVersion === 6 ? ipv4Start : 0;
      const bitCount = addr.bits.length * 8;
      for (let i = 0; i < bitCount && node < nodeCount; i++) {
        const bit = ((addr.bits[i >> 3]! >> (7 - (i & 7))) & 1) as 0 | 1;
        node = record(node, bit);
      }
      if (node === nodeCount) return undefined;
      if (node < nodeCount) throw new MmdbError("invalid search tree");
      const [value] = data.decode(dataStart + (node - nodeCount - 16));
      return value;
    },
  };
}
