/**
 * The one read path for files a command or a configuration names (command-line paths, folder
 * members, `import.file` modules): regular files only, at most a size limit; a configuration's
 * size is read synchronously, larger files asynchronously.
 * It is the facade's, not the CLI's, because linting reads modules through it too (and later the
 * language server); the CLI and the facade's lint share it.
 */
import { closeSync, constants, fstatSync, openSync, read, readSync } from "node:fs";
import { escapeControl } from "./diag/index.js";

/** The default size limit: far above any real configuration, far below what exhausts memory. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** A file that cannot be read, with the reason in a few words: `cannot read NAME: REASON`. */
export class ReadError extends Error {
  constructor(
    /** The name as shown (as given on the command line, or the module's path). */
    readonly shown: string,
    readonly reason: string,
  ) {
    super(`cannot read ${escapeControl(shown)}: ${reason}`);
  }
}

/** `64 MB`, `1 KB`, `100 bytes`: the limit as the message shows it. */
export function describeSize(bytes: number): string {
  for (const [unit, size] of [["GB", 1024 ** 3], ["MB", 1024 ** 2], ["KB", 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function tooLarge(maxBytes: number): string {
  return `larger than the size limit of ${describeSize(maxBytes)} (--max-file-size raises it)`;
}

/**
 * A file system error in a few words, the way `cannot read X: ...` ends: `permission denied`,
 * `symbolic link loop`, `name too long`. An unknown error keeps the system's own words.
 */
export function ioErrorReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "symbolic link loop";
    case "ENAMETOOLONG":
      return "name too long";
    case "ENXIO":
    case "ENODEV":
      return "not a regular file"; // a socket, or a device without its driver
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "ENOSPC":
      return "no space left on device";
    case "EIO":
      return "input/output error";
  }
  // Node's messages read `CODE: words, syscall 'path'`: keep the words.
  const words = /^[A-Z0-9_]+: ([^,]+)/.exec(err.message ?? "")?.[1];
  return words ?? (err.message || String(e));
}

export interface ReadOptions {
  /** The name in messages (the path by default). */
  readonly shown?: string;
  /** Refuse a file larger than this many bytes (DEFAULT_MAX_FILE_SIZE by default). */
  readonly maxBytes?: number;
}

const CHUNK = 1024 * 1024;

/**
 * Files up to this size are read with synchronous calls: a configuration is read in one or two
 * calls, and waiting on the thread pool for each of them (open, stat, read, read, close) cost
 * more than the reads. Larger files are read asynchronously, so a long read never holds up the
 * event loop (the language server reads through here too).
 */
const SYNC_READ_LIMIT = 4 * 1024 * 1024;

/**
 * Reads a regular file, or throws a ReadError. The file is opened without blocking (a FIFO with
 * no writer would block `open`) and checked on the opened descriptor, so what is read is what
 * was checked: a FIFO, a device, a socket or a folder is refused at once. The limit is checked
 * against the size and again while reading, so a file that grows meanwhile is refused too.
 */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<Uint8Array> {
  const shown = options.shown ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_SIZE;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new ReadError(shown, ioErrorReason(e));
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new ReadError(shown, "is a directory");
    if (!info.isFile()) throw new ReadError(shown, "not a regular file");
    if (info.size > maxBytes) throw new ReadError(shown, tooLarge(maxBytes));
    const reader = new Reader(shown, Math.min(info.size, maxBytes), maxBytes);
    const sync = info.size <= SYNC_READ_LIMIT;
    for (;;) {
      const room = reader.room(); // first: it may grow the buffer
      const bytesRead = sync ? readSync(fd, reader.buffer, reader.length, room, null) : await readAsync(fd, reader.buffer, reader.length, room);
      if (!reader.add(bytesRead)) break;
    }
    return reader.bytes();
  } catch (e) {
    throw e instanceof ReadError ? e : new ReadError(shown, ioErrorReason(e));
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing was written; a failed close loses nothing.
    }
  }
}

/** The bytes read so far, in a buffer sized for the file, grown while it is still growing. */
class Reader {
  // One byte more than the limit allows is enough to know the file is over it.
  buffer: Buffer;
  length = 0;

  constructor(
    private readonly shown: string,
    size: number,
    private readonly maxBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(size + 1);
  }

  /** Room left in the buffer, grown first when it is full (at most to the limit and one byte). */
  room(): number {
    if (this.length === this.buffer.length) {
      if (this.length > this.maxBytes) throw new ReadError(this.shown, tooLarge(this.maxBytes));
      const grown = Buffer.allocUnsafe(Math.min(this.buffer.length + CHUNK, this.maxBytes + 1));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    return this.buffer.length - this.length;
  }

  /** Counts `bytesRead`; false at the end of the file. */
  add(bytesRead: number): boolean {
    this.length += bytesRead;
    return bytesRead > 0;
  }

  bytes(): Uint8Array {
    if (this.length > this.maxBytes) throw new ReadError(this.shown, tooLarge(this.maxBytes));
    return this.buffer.subarray(0, this.length);
  }
}

function readAsync(fd: number, buffer: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, null, (e, bytesRead) => (e ? reject(e) : resolve(bytesRead))));
}

/**
 * Reads a stream to its end, at most `maxBytes` (a stream of /dev/zero ends with the limit's
 * error, not with memory exhausted). `shown` names the stream in the error.
 */
export async function readStreamLimited(stream: AsyncIterable<unknown> & { destroy?: () => void }, shown: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      length += bytes.length;
      if (length > maxBytes) {
        stream.destroy?.();
        throw new ReadError(shown, tooLarge(maxBytes));
      }
      chunks.push(bytes);
    }
  } catch (e) {
    throw e instanceof ReadError ? e : new ReadError(shown, ioErrorReason(e));
  }
  return Buffer.concat(chunks, length);
}
