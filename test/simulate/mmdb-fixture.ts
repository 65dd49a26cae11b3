import { ipBits } from "../../src/simulate/process/mmdb.js";

/**
 * A MaxMind DB written in memory (format 2.0: search tree of 24-bit records, data section,
 * metadata), so stage.geoip and the mmdb reader are checked without a binary fixture.
 */

function encode(v: unknown): Buffer {
  const head = (type: number, size: number): Buffer => {
    const ext = type > 7;
    const first = ((ext ? 0 : type) << 5) | (size < 29 ? size : 29);
    const bytes = [first, ...(ext ? [type - 7] : []), ...(size >= 29 ? [size - 29] : [])];
    return Buffer.from(bytes);
  };
  if (typeof v === "string") {
    const s = Buffer.from(v, "utf8");
    return Buffer.concat([head(2, s.length), s]);
  }
  if (typeof v === "boolean") return head(14, v ? 1 : 0);
  if (typeof v === "number" && !Number.isInteger(v)) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return Buffer.concat([head(3, 8), b]);
  }
  if (typeof v === "number") {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    return Buffer.concat([head(6, 4), b]);
  }
  if (Array.isArray(v)) return Buffer.concat([head(11, v.length), ...v.map(encode)]);
  const entries = Object.entries(v as Record<string, unknown>);
  return Buffer.concat([head(7, entries.length), ...entries.flatMap(([k, x]) => [encode(k), encode(x)])]);
}

/** An IPv4 database holding `record` for the /24 of `network` (a.b.c.0). */
export function writeDb(network: string, record: unknown, databaseType: string): Buffer {
  const prefix = ipBits(network)!.bits;
  const depth = 24;
  const nodeCount = depth;
  const data = encode(record);
  const tree = Buffer.alloc(nodeCount * 6);
  for (let node = 0; node < depth; node++) {
    const bit = (prefix[node >> 3]! >> (7 - (node & 7))) & 1;
    const next = node + 1 < depth ? node + 1 : nodeCount + 16; // the last bit points at data offset 0
    tree.writeUIntBE(bit === 0 ? next : nodeCount, node * 6, 3);
    tree.writeUIntBE(bit === 1 ? next : nodeCount, node * 6 + 3, 3);
  }
  const metadata = encode({ node_count: nodeCount, record_size: 24, ip_version: 4, database_type: databaseType, binary_format_major_version: 2 });
  return Buffer.concat([tree, Buffer.alloc(16), data, Buffer.from("\xAB\xCD\xEFMaxMind.com", "latin1"), metadata]);
}
