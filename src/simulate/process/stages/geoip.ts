/**
 * stage.geoip: looks `extracted[source]` up in a MaxMind database (the bytes the caller passes as
 * ProcessOptions.geoipDatabase) and sets upstream's `geoip_*` fields for db_type city, asn or
 * country, and each custom_lookups JMESPath over the raw record. Without a database the stage is
 * refused: the simulator cannot guess locations.
 */
import { SimulateError } from "../../errors.js";
import { compileJmespath, type Jmespath } from "../jmespath.js";
import { MmdbError, openMmdb, type MmdbReader } from "../mmdb.js";
import { getString } from "../values.js";
import { mapStage, type StageFactory } from "./stage.js";

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const en = (v: unknown): string => str(obj(obj(v)["names"])["en"]);

/** The fields upstream sets from a City / Country / ASN record (empty and zero values are skipped). */
function fieldsOf(dbType: string, record: Rec): Rec {
  const out: Rec = {};
  const set = (key: string, value: unknown) => {
    if (value !== "" && value !== 0 && value !== undefined && value !== null) out[key] = value;
  };
  if (dbType === "asn") {
    set("geoip_autonomous_system_number", record["autonomous_system_number"]);
    set("geoip_autonomous_system_organization", str(record["autonomous_system_organization"]));
    return out;
  }
  set("geoip_country_name", en(record["country"]));
  set("geoip_country_code", str(obj(record["country"])["iso_code"]));
  set("geoip_continent_name", en(record["continent"]));
  set("geoip_continent_code", str(obj(record["continent"])["code"]));
  if (dbType === "country") return out;
  set("geoip_city_name", en(record["city"]));
  set("geoip_postal_code", str(obj(record["postal"])["code"]));
  const location = obj(record["location"]);
  set("geoip_timezone", str(location["time_zone"]));
  const lat = typeof location["latitude"] === "number" ? location["latitude"] : 0;
  const lon = typeof location["longitude"] === "number" ? location["longitude"] : 0;
  if (lat !== 0 || lon !== 0) {
    out["geoip_location_latitude"] = lat;
    out["geoip_location_longitude"] = lon;
  }
  const subdivisions = Array.isArray(record["subdivisions"]) ? record["subdivisions"] : [];
  if (subdivisions.length > 0) {
    const last = obj(subdivisions[subdivisions.length - 1]);
    set("geoip_subdivision_name", en(last));
    set("geoip_subdivision_code", str(last["iso_code"]));
  }
  return out;
}

const geoip: StageFactory = (spec, args, build) => {
  const db = args.string("db");
  if (db === "") args.fail("db path cannot be empty");
  if (!args.has("source")) args.fail('missing required attribute "source"');
  const source = args.string("source");
  if (source === "") args.fail("source cannot be empty");
  const dbType = args.string("db_type");
  const lookups = args.stringMap("custom_lookups");
  if (dbType === "" && lookups === undefined) args.fail("db type or values need to be set");
  if (!["", "asn", "city", "country"].includes(dbType)) args.fail("db type should be either city or asn");
  const expressions: [string, Jmespath][] = Object.entries(lookups ?? {}).map(([key, expr]) => {
    try {
      return [key, compileJmespath(expr === "" ? key : expr)];
    } catch {
      return args.fail("could not compile JMES expression");
    }
  });
  if (build.geoipDatabase === undefined) {
    throw new SimulateError(`stage.geoip needs the MaxMind database ${JSON.stringify(db)}: pass the .mmdb file to the simulator, which cannot guess locations without it`, spec.span);
  }
  let reader: MmdbReader;
  try {
    reader = openMmdb(Buffer.from(build.geoipDatabase.buffer, build.geoipDatabase.byteOffset, build.geoipDatabase.byteLength));
  } catch (e) {
    return args.fail(`cannot read the MaxMind database: ${(e as Error).message}`);
  }
  return mapStage(spec, (e) => {
    if (!Object.hasOwn(e.extracted, source)) return;
    const ip = getString(e.extracted[source]);
    if (ip === undefined) return;
    let record: unknown;
    try {
      record = reader.lookup(ip);
    } catch (err) {
      if (err instanceof MmdbError) return; // upstream logs "source is not an ip" / the lookup error
      throw err;
    }
    if (dbType !== "") Object.assign(e.extracted, fieldsOf(dbType, obj(record)));
    for (const [key, expr] of expressions) {
      let r: unknown;
      try {
        r = expr.search(record ?? null);
      } catch {
        continue;
      }
      if (r !== null && r !== undefined) e.extracted[key] = r;
    }
  });
};

export const GEOIP_STAGES: Record<string, StageFactory> = { geoip };
