import { constants, type BigIntStats, unlinkSync } from "node:fs";
import { access, type FileHandle, lstat, open, readlink, realpath, rename, stat, unlink } from "node:fs/promises";
import { constants as osConstants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { ioErrorReason } from "../read-file.js";

/**
 * The one write of every command (`fmt --write`, `build -o`). What it guarantees:
 *
 * - Never half written: the content goes to a temporary file in the target's folder, is fsynced,
 *   and is renamed over the target; the folder is fsynced after the rename.
 * - Never hijacked: the temporary file is created exclusively (O_EXCL, O_NOFOLLOW) under a name
 *   with 96 random bits, so a link planted beside the target is never followed or written.
 * - Only regular files: a target that is (or links to) a device, FIFO, socket or folder is refused.
 * - Links kept: a symbolic link stays a link and its target gets the content; a link another user
 *   planted in a shared folder (sticky and world-writable, like /tmp) is not followed, the rule
 *   Linux's fs.protected_symlinks applies.
 * - Owner, group and mode kept; a new file gets the mode of a new file (umask). A read-only file
 *   (no write permission for this user; as root, no write bit at all), or one whose owner cannot
 *   be kept, is refused unless `force`.
 * - Edits kept: just before the rename the target is compared with what it was when the write
 *   began, and with what the caller saw (`unchanged`); if it changed, the write is refused.
 * - Nothing left behind: the temporary file is removed on every error, on SIGINT, SIGTERM and
 *   SIGHUP (which then exit with 128 + the signal's number) and on process exit.
 *
 * What is refused or fails is thrown as a WriteError whose message is the reason in a few words
 * (`not a regular file`); the caller names the file: `cannot write FILE: reason`.
 */
export async function writeFileAtomically(path: string, content: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  try {
    await write(path, typeof content === "string" ? Buffer.from(content) : content, options);
  } catch (e) {
    throw e instanceof WriteError ? e : new WriteError(fileErrorMessage(e), (e as NodeJS.ErrnoException).code);
  }
}

export interface WriteOptions {
  /** Write a read-only file, or one whose owner and group cannot be kept (`--force`). */
  readonly force?: boolean;
  /** What the caller saw of the target: the bytes it read, or its state (`targetState`) at start. */
  readonly unchanged?: { readonly content: Uint8Array } | { readonly state: TargetState };
  /** Test seam: runs when the temporary file is complete, before the last check and the rename. */
  readonly beforeRename?: (temporary: string) => void | Promise<void>;
  /** Test seam: the random part of the temporary file's name (default: 12 random bytes in hex). */
  readonly randomName?: () => string;
}

/** A write refused or failed; the message is the reason, `code` the system's error code if any. */
export class WriteError extends Error {
  constructor(
    reason: string,
    readonly code?: string,
  ) {
    super(reason);
    this.name = "WriteError";
  }
}

/** What a file is now, to tell later whether it changed: absent, or its identity and times. */
export type TargetState = { readonly absent: true } | { readonly absent: false; readonly dev: bigint; readonly ino: bigint; readonly size: bigint; readonly mtimeNs: bigint; readonly ctimeNs: bigint };

/** The state of the file a write to `path` would replace (links followed as the write follows them). */
export async function targetState(path: string): Promise<TargetState> {
  return stateOf(await lstatOrAbsent(await realTarget(resolve(path))));
}

/** A write's failure in a few words (`not a regular file`, `permission denied`): the reason a WriteError gives, else the system error's words as every read gives them (src/read-file.ts). */
export function fileErrorMessage(e: unknown): string {
  return e instanceof WriteError ? e.message : ioErrorReason(e);
}

// --- the write ------------------------------------------------------------------------------

async function write(path: string, content: Uint8Array, options: WriteOptions): Promise<void> {
  const target = await realTarget(resolve(path));
  const before = await lstatOrAbsent(target);
  if (before && !before.isFile()) throw new WriteError(before.isDirectory() ? "is a directory" : "not a regular file", "ENOTREG");
  if (before && !options.force && (await readOnly(target, before))) {
    throw new WriteError("read-only, no write permission (--force writes it anyway)", "EREADONLY");
  }
  const expected = options.unchanged;
  if (expected && "state" in expected && !sameState(stateOf(before), expected.state)) throw changed();

  const folder = dirname(target);
  // An existing file's content is private until its owner and mode are set; a new one gets umask's.
  const { handle, temporary } = await createTemporary(folder, basename(target), before ? 0o600 : 0o666, options.randomName);
  let renamed = false;
  try {
    await handle.writeFile(content);
    if (before) await keepOwnerAndMode(handle, before, options.force === true);
    await handle.sync();
    await handle.close();
    await options.beforeRename?.(temporary);
    await ensureUnchanged(target, before, expected);
    await rename(temporary, target);
    renamed = true;
    await syncFolder(folder);
  } catch (e) {
    await handle.close().catch(() => undefined);
    if (!renamed) await unlink(temporary).catch(() => undefined);
    throw e;
  } finally {
    forget(temporary);
  }
}

/** The file a write to `path` replaces: the end of its chain of links, existing or not. */
async function realTarget(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops <= 40; hops++) {
    const info = await lstatOrAbsent(current);
    if (!info?.isSymbolicLink()) return current;
    // The link's folder without links of its own, so that `..` in the link means what it means to the kernel.
    const folder = await realpath(dirname(current));
    await refuseForeignLinkInSharedFolder(folder, info);
    current = resolve(folder, await readlink(current));
  }
  throw new WriteError(ioErrorReason({ code: "ELOOP" }), "ELOOP");
}

/**
 * Linux's fs.protected_symlinks, applied whatever the system's setting (and to dangling links,
 * which the kernel never sees followed here): in a sticky world-writable folder, a link is followed
 * only when this user or the folder's owner owns it. Otherwise anyone who can write to /tmp could
 * point `-o /tmp/out.alloy` at any file this user can write.
 */
async function refuseForeignLinkInSharedFolder(folder: string, link: BigIntStats): Promise<void> {
  const me = process.geteuid?.();
  if (me === undefined) return;
  const shared = await stat(folder, { bigint: true });
  const sticky = (shared.mode & 0o1000n) !== 0n; // S_ISVTX
  const worldWritable = (shared.mode & 0o002n) !== 0n;
  if (sticky && worldWritable && link.uid !== BigInt(me) && link.uid !== shared.uid) {
    throw new WriteError(`a symbolic link owned by another user (uid ${link.uid}) in a shared folder; not followed`, "EFOREIGNLINK");
  }
}

/** No write permission for this user (access), or, as root (whom access always lets write), no write bit at all. */
async function readOnly(target: string, info: BigIntStats): Promise<boolean> {
  if ((info.mode & 0o222n) === 0n) return true;
  return access(target, constants.W_OK).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === "EACCES" || e.code === "EPERM",
  );
}

/** Owner and group first (a chown clears set-id bits), then the exact mode (the umask applied at creation). */
async function keepOwnerAndMode(handle: FileHandle, before: BigIntStats, force: boolean): Promise<void> {
  const mine = await handle.stat();
  const uid = Number(before.uid);
  const gid = Number(before.gid);
  if (mine.uid !== uid || mine.gid !== gid) {
    try {
      await handle.chown(uid, gid);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!force && (code === "EPERM" || code === "EACCES")) {
        throw new WriteError(`its owner and group (${uid}:${gid}) cannot be kept (--force writes it as ${mine.uid}:${mine.gid})`, "EOWNER");
      }
      if (!force) throw e;
    }
  }
  await handle.chmod(Number(before.mode & 0o7777n));
}

/**
 * The last look before the rename: the target is still what it was when the write began (same
 * file, size and times, or still absent), still what the caller saw (its state, or the very bytes
 * it read). A small window remains between this look and the rename; no portable call closes it.
 */
async function ensureUnchanged(target: string, before: BigIntStats | undefined, expected: WriteOptions["unchanged"]): Promise<void> {
  const now = stateOf(await lstatOrAbsent(target));
  if (!sameState(now, stateOf(before))) throw changed();
  if (!expected) return;
  if ("state" in expected) {
    if (!sameState(now, expected.state)) throw changed();
  } else if (now.absent || !(await hasContent(target, now, expected.content))) throw changed();
}

/** Whether the regular file `target` (the one `state` describes) holds exactly `content`. */
async function hasContent(target: string, state: TargetState & { absent: false }, content: Uint8Array): Promise<boolean> {
  if (state.size !== BigInt(content.length)) return false;
  // No link followed, no wait on a FIFO swapped in meanwhile; the file opened is the one checked.
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat({ bigint: true });
    if (!opened.isFile() || opened.ino !== state.ino || opened.dev !== state.dev) return false;
    return Buffer.from(content).equals(await handle.readFile());
  } finally {
    await handle.close();
  }
}

const changed = (): WriteError => new WriteError("it changed while alloyc was working on it; not overwritten (run again)", "ECHANGED");

function stateOf(info: BigIntStats | undefined): TargetState {
  if (!info) return { absent: true };
  return { absent: false, dev: info.dev, ino: info.ino, size: info.size, mtimeNs: info.mtimeNs, ctimeNs: info.ctimeNs };
}

function sameState(a: TargetState, b: TargetState): boolean {
  if (a.absent || b.absent) return a.absent === b.absent;
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

async function lstatOrAbsent(path: string): Promise<BigIntStats | undefined> {
  try {
    return await lstat(path, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The rename is durable only once the folder's entry is on disk too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch (e) {
    // Some file systems cannot sync a folder; the file itself already is.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "ENOTSUP" && code !== "EISDIR" && code !== "EBADF") throw e;
  } finally {
    await handle.close();
  }
}

// --- temporary files ------------------------------------------------------------------------

const TEMPORARY_TRIES = 8;

/**
 * A new file beside the target, `.NAME.RANDOM.alloyc.tmp`, created exclusively: an existing
 * name (a file, or a link to anything) is never opened; another random name is tried instead.
 */
async function createTemporary(
  folder: string,
  name: string,
  mode: number,
  randomName?: () => string,
): Promise<{ handle: FileHandle; temporary: string }> {
  // node:crypto is loaded only when a file is written: importing it costs about half of
  // `node -e 0`, which `fmt --check` and every other command that writes nothing would pay.
  const random = randomName ?? (await randomHex());
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  for (let attempt = 0; attempt < TEMPORARY_TRIES; attempt++) {
    const temporary = join(folder, `.${shortened(name)}.${random()}.alloyc.tmp`);
    let handle: FileHandle;
    try {
      handle = await open(temporary, flags, mode);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw e;
    }
    // Tracked at once: no signal handler can run between the open's completion and this line.
    track(temporary);
    return { handle, temporary };
  }
  throw new WriteError(`no free name for a temporary file in its folder after ${TEMPORARY_TRIES} tries`, "EEXIST");
}

/** 12 random bytes in hex, 96 bits: a name nobody can guess in advance. */
async function randomHex(): Promise<() => string> {
  const { randomBytes } = await import("node:crypto");
  return () => randomBytes(12).toString("hex");
}

/** At most 200 bytes of `name` (whole characters), so that the temporary name stays under the 255 a name may have. */
function shortened(name: string): string {
  let out = "";
  for (const char of name) {
    if (Buffer.byteLength(out + char) > 200) break;
    out += char;
  }
  return out;
}

/** Temporary files being written now; removed if the process is interrupted or exits. */
const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function removeLive(): void {
  for (const temporary of live) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeLive();
  process.exit(128 + (osConstants.signals[signal] ?? 0));
}

function track(temporary: string): void {
  if (live.size === 0) {
    for (const signal of SIGNALS) process.on(signal, onSignal);
    process.on("exit", removeLive);
  }
  live.add(temporary);
}

function forget(temporary: string): void {
  if (!live.delete(temporary) || live.size > 0) return;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off("exit", removeLive);
}
