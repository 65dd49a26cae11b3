import { readFileSync } from "node:fs";

/** alloyc's own version, from package.json (read once, cheaply, without importing JSON modules). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
