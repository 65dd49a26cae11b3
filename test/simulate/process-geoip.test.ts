import { describe, expect, it } from "vitest";
import { SimulateError } from "../../src/simulate/errors.js";
import { runStages } from "../../src/simulate/process/index.js";
import { openMmdb } from "../../src/simulate/process/mmdb.js";
import { writeDb } from "./mmdb-fixture.js";
import type { Entry, StageSpec } from "../../src/simulate/types.js";

/** stage.geoip over a MaxMind DB written in memory (mmdb-fixture.ts). */

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
