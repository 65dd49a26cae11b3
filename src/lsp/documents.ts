/**
 * The open buffers: each document's UTF-8 bytes (what lint and fmt read), its version, and its
 * position map in the negotiated encoding, rebuilt lazily after an edit. Edits apply in order,
 * a ranged one at byte offsets converted from the client's positions.
 */
import { fileURLToPath } from "node:url";
import { PositionMap, type LspRange, type PositionEncoding } from "./positions.js";

export interface ContentChange {
  readonly range?: LspRange;
  readonly text: string;
}

const encoder = new TextEncoder();

export class Document {
  private map: PositionMap | undefined;

  constructor(
    readonly uri: string,
    private content: Uint8Array,
    public version: number,
    private readonly encoding: PositionEncoding,
  ) {}

  get bytes(): Uint8Array {
    return this.content;
  }

  get positions(): PositionMap {
    this.map ??= new PositionMap(this.content, this.encoding);
    return this.map;
  }

  get text(): string {
    return new TextDecoder().decode(this.content);
  }

  apply(changes: readonly ContentChange[], version: number): void {
    for (const change of changes) {
      const inserted = encoder.encode(change.text);
      if (!change.range) {
        this.content = inserted;
      } else {
        const start = this.positions.offset(change.range.start);
        const end = Math.max(start, this.positions.offset(change.range.end));
        const next = new Uint8Array(start + inserted.length + (this.content.length - end));
        next.set(this.content.subarray(0, start), 0);
        next.set(inserted, start);
        next.set(this.content.subarray(end), start + inserted.length);
        this.content = next;
      }
      this.map = undefined;
    }
    this.version = version;
  }
}

/** The file a `file:` URI names; undefined for other schemes (untitled buffers). */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class Documents {
  private readonly open = new Map<string, Document>();
  /** Open documents by file path, so a configuration's files and modules find their buffers. */
  private readonly byPath = new Map<string, Document>();

  constructor(readonly encoding: PositionEncoding) {}

  get(uri: string): Document | undefined {
    return this.open.get(uri);
  }

  atPath(path: string): Document | undefined {
    return this.byPath.get(path);
  }

  all(): IterableIterator<Document> {
    return this.open.values();
  }

  openDocument(uri: string, text: string, version: number): Document {
    const doc = new Document(uri, encoder.encode(text), version, this.encoding);
    this.open.set(uri, doc);
    const path = uriPath(uri);
    if (path !== undefined) this.byPath.set(path, doc);
    return doc;
  }

  close(uri: string): void {
    this.open.delete(uri);
    const path = uriPath(uri);
    if (path !== undefined) this.byPath.delete(path);
  }
}
