/**
 * Which files are checked together, as `alloyc lint DIR` groups them: the `.alloy` files directly
 * inside the open document's folder are one configuration (an open buffer wins over its file on
 * disk); a buffer that is not a file (untitled) is a configuration alone. `import.file` modules
 * are read from open buffers first, then from disk.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { readRegularFile } from "../read-file.js";
import { uriPath, type Documents } from "./documents.js";

export interface Member {
  /** The name lint reports the file under: its absolute path, or the URI of a buffer that is no file. */
  readonly name: string;
  readonly uri: string;
  readonly bytes: Uint8Array;
}

export interface Configuration {
  /** The folder, or the URI of a lone buffer: what a lint run is scheduled by. */
  readonly key: string;
  readonly folder: string | undefined;
  readonly members: readonly Member[];
}

/** The key of the configuration a document belongs to. */
export function configurationKey(uri: string): string {
  const path = uriPath(uri);
  return path === undefined || isYamlFile(path) ? uri : dirname(path);
}

export function isAlloyFile(name: string): boolean {
  return name.endsWith(".alloy");
}

/** A `.yaml`/`.yml` buffer: the Alloy inside it is checked on its own (src/embedded.ts), never with its folder. */
export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** The configuration of `key` now: its folder's `.alloy` files (open ones as buffers), or the lone buffer. */
export async function configurationAt(key: string, documents: Documents): Promise<Configuration> {
  const lone = documents.get(key);
  if (lone) return { key, folder: undefined, members: [{ name: uriPath(key) ?? key, uri: key, bytes: lone.bytes }] };
  const names = new Set<string>();
  try {
    for (const name of await readdir(key)) if (isAlloyFile(name)) names.add(name);
  } catch {
    // A folder that cannot be listed (removed, no permission): its open buffers are still checked.
  }
  for (const doc of documents.all()) {
    const path = uriPath(doc.uri);
    if (path !== undefined && dirname(path) === key && !isYamlFile(path)) names.add(basename(path));
  }
  const members: Member[] = [];
  for (const name of [...names].sort()) {
    const path = join(key, name);
    const open = documents.atPath(path);
    if (open) {
      members.push({ name: path, uri: open.uri, bytes: open.bytes });
      continue;
    }
    try {
      if (!(await stat(path)).isFile()) continue;
      members.push({ name: path, uri: pathToFileURL(path).href, bytes: await readRegularFile(path) });
    } catch {
      // Gone or unreadable since it was listed: left out, as lint leaves out what it cannot read.
    }
  }
  return { key, folder: key, members };
}

/** lint's readModule: an open buffer of that path, else the file on disk. */
export function moduleReader(documents: Documents): (path: string) => Promise<Uint8Array> {
  return async (path) => documents.atPath(path)?.bytes ?? (await readRegularFile(path));
}
