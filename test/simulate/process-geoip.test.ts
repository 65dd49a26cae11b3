import { describe, expect, it } from "vitest";
import { SimulateError } from "../../src/simulate/errors.js";
import { runStages } from "../../src/simulate/process/index.js";
import { ipBits, openMmdb } from "../../src/simulate/process/mmdb.js";
import type { Entry, StageSpec } from "../../src/simulate/types.js";

/**
 * stage.geoip over a MaxMind DB written here (format 2.0: search tree of 24-bit records, data
 * section, metadata), so the reader and the stage are checked without a binary fixture.
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
function writeDb(network: string, record: unknown, databaseType: string): Buffer {
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

const CITY = {
  city: { names: { en: "London", de: "London" } },
  continent: { code: "EU", names: { en: "Europe" } },
  country: { iso_code: "GB", names: { en: "United Kingdom" }, is_in_european_union: false },
  location: { latitude: 51.5142, longitude: -0.0931, time_zone: "Europe/London" },
  postal: { code: "OX1" },
  subdivisions: [{ iso_code: "ENG", names: { en: "England" } }],
};

const at = { file: "p.alloy", line: 3, col: 1 };
const geoip = (args: Record<string, unknown>): StageSpec[] => [{ name: "geoip", args: { db: "/db/city.mmdb", source: "ip", ...args }, blocks: {}, span: at }];
const entry = (ip: string): Entry => ({ line: "x", labels: {}, timestamp: null, structured_metadata: {}, extracted: { ip } });

describe("stage.geoip", () => {
  it("reads records from a MaxMind DB's search tree and data section", () => {
    const db = openMmdb(writeDb("192.0.2.0", CITY, "GeoIP2-City"));
    expect(db.metadata["database_type"]).toBe("GeoIP2-City");
    expect(db.lookup("192.0.2.77")).toEqual(CITY);
    expect(db.lookup("192.0.3.1")).toBeUndefined();
    expect(() => db.lookup("::1")).toThrow(/IPv6/);
  });

  it("sets upstream's city fields and custom lookups; leaves other addresses alone", async () => {
    const r = await runStages(geoip({ db_type: "city", custom_lookups: { tz: "location.time_zone", eu: "country.is_in_european_union" } }), [entry("192.0.2.1"), entry("10.0.0.1"), entry("not an ip")], {
      geoipDatabase: writeDb("192.0.2.0", CITY, "GeoIP2-City"),
    });
    expect(r.entries[0]!.extracted).toEqual({
      ip: "192.0.2.1",
      geoip_city_name: "London",
      geoip_country_name: "United Kingdom",
      geoip_country_code: "GB",
      geoip_continent_name: "Europe",
      geoip_continent_code: "EU",
      geoip_location_latitude: 51.5142,
      geoip_location_longitude: -0.0931,
      geoip_postal_code: "OX1",
      geoip_timezone: "Europe/London",
      geoip_subdivision_name: "England",
      geoip_subdivision_code: "ENG",
      tz: "Europe/London",
      eu: false,
    });
    expect(r.entries[1]!.extracted).toEqual({ ip: "10.0.0.1" });
    expect(r.entries[2]!.extracted).toEqual({ ip: "not an ip" });
  });

  it("sets the ASN fields", async () => {
    const db = writeDb("198.51.100.0", { autonomous_system_number: 64500, autonomous_system_organization: "Example AS" }, "GeoLite2-ASN");
    const r = await runStages(geoip({ db_type: "asn" }), [entry("198.51.100.9")], { geoipDatabase: db });
    expect(r.entries[0]!.extracted).toEqual({ ip: "198.51.100.9", geoip_autonomous_system_number: 64500, geoip_autonomous_system_organization: "Example AS" });
  });

  it("is refused without a database, and with a file that is not one", async () => {
    const refusal = async (options: { geoipDatabase?: Uint8Array }) => {
      try {
        await runStages(geoip({ db_type: "city" }), [entry("192.0.2.1")], options);
      } catch (e) {
        if (e instanceof SimulateError) return e.describe();
      }
      return "no error";
    };
    expect(await refusal({})).toBe('p.alloy:3:1: stage.geoip needs the MaxMind database "/db/city.mmdb": pass the .mmdb file to the simulator, which cannot guess locations without it');
    expect(await refusal({ geoipDatabase: Buffer.from("hello") })).toBe("p.alloy:3:1: stage.geoip: cannot read the MaxMind database: not a MaxMind DB file (no metadata marker)");
  });
});
