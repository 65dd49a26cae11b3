/**
 * Prints EntrySpec values as TypeScript literals (the plain data the checker walks). Block specs
 * that occur more than once in a module (`tls_config`, `basic_auth`, ...) are declared once.
 */
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../src/schema/spec.js";
import { camelName } from "./gen-catalog-model.js";
import { IND, type Names, str, type TypeTable } from "./gen-catalog-text.js";

export class SpecEmitter {
  private readonly counts = new Map<string, number>();
  private readonly hoisted = new Map<string, string>();

  /**
   * @param sharedDecls receives the shared block-spec declarations, children before parents.
   */
  constructor(
    entries: readonly EntrySpec[],
    private readonly types: TypeTable,
    private readonly names: Names,
    private readonly sharedDecls: string[],
  ) {
    const visit = (blocks: readonly BlockSpec[]): void => {
      for (const b of blocks) {
        const k = JSON.stringify(b);
        this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
        visit(b.blocks);
      }
    };
    for (const e of entries) visit(e.blocks);
  }

  get hasShared(): boolean {
    return this.hoisted.size > 0;
  }


  /** The literal of an entry's spec. */
  entrySpec(e: EntrySpec): string {
    const d = 1;
    const parts = [
      `name: ${str(e.name)}`,
      `kind: ${str(e.kind)}`,
      `stability: ${e.stability === null ? "null" : str(e.stability)}`,
      `docs: ${str(e.docs)}`,
      `labeled: ${e.labeled}`,
      ...(e.community ? ["community: true"] : []),
      ...(e.removed ? ["removed: true"] : []),
      ...(e.allowedIn ? [`allowedIn: [${e.allowedIn.map(str).join(", ")}]`] : []),
      ...(e.body ? [`body: ${str(e.body)}`] : []),
      ...(e.exportsDynamic ? ["exportsDynamic: true"] : []),
      `arguments: ${this.argSpecs(e.arguments, d)}`,
      `blocks: ${this.blockSpecs(e.blocks, d)}`,
      `exports: [${e.exports
        .map((x) => `{ name: ${str(x.name)}, type: ${this.types.ref(x.type)}, provenance: ${str(x.provenance)} }`)
        .join(", ")}]`,
    ];
    return `{${parts.map((p) => `\n${IND}${p},`).join("")}\n}`;
  }

  private argSpecs(args: readonly ArgumentSpec[], depth: number): string {
    if (args.length === 0) return "[]";
    return `[${args.map((a) => `\n${IND.repeat(depth + 1)}${this.argSpec(a)},`).join("")}\n${IND.repeat(depth)}]`;
  }

  private argSpec(a: ArgumentSpec): string {
    const parts = [
      `name: ${str(a.name)}`,
      `type: ${this.types.ref(a.type)}`,
      `required: ${a.required}`,
      ...(a.requiredInDocs !== undefined ? [`requiredInDocs: ${a.requiredInDocs}`] : []),
      ...(a.default !== undefined ? [`default: ${JSON.stringify(a.default)}`] : []),
      ...(a.defaultRaw !== undefined ? [`defaultRaw: ${str(a.defaultRaw)}`] : []),
      ...(a.enum ? [`enum: [${a.enum.map(str).join(", ")}]`] : []),
      `provenance: ${str(a.provenance)}`,
      ...(a.rejected ? ["rejected: true"] : []),
    ];
    return `{ ${parts.join(", ")} }`;
  }

  private blockSpecs(blocks: readonly BlockSpec[], depth: number): string {
    if (blocks.length === 0) return "[]";
    return `[${blocks.map((b) => `\n${IND.repeat(depth + 1)}${this.blockSpec(b, depth + 1)},`).join("")}\n${IND.repeat(depth)}]`;
  }

  private blockSpec(b: BlockSpec, depth: number): string {
    const sk = JSON.stringify(b);
    const hoisted = this.hoisted.get(sk);
    if (hoisted !== undefined) return hoisted;
    const shared = (this.counts.get(sk) ?? 0) > 1;
    const d = shared ? 0 : depth;
    const parts = [
      `name: ${str(b.name)}`,
      `required: ${b.required}`,
      ...(b.requiredInDocs !== undefined ? [`requiredInDocs: ${b.requiredInDocs}`] : []),
      `multiple: ${b.multiple}`,
      `labeled: ${b.labeled}`,
      ...(b.group !== undefined ? [`group: ${str(b.group)}`] : []),
      ...(b.blocksRef
        ? [`blocksRef: { path: [${b.blocksRef.path.map(str).join(", ")}], group: ${str(b.blocksRef.group)} }`]
        : []),
      ...(b.body ? [`body: ${str(b.body)}`] : []),
      `provenance: ${str(b.provenance)}`,
      ...(b.rejected ? ["rejected: true"] : []),
      `arguments: ${this.argSpecs(b.arguments, d + 1)}`,
      `blocks: ${this.blockSpecs(b.blocks, d + 1)}`,
    ];
    const code = `{${parts.map((p) => `\n${IND.repeat(d + 1)}${p},`).join("")}\n${IND.repeat(d)}}`;
    if (!shared) return code;
    const name = this.names.take(`${camelName(b.name)}Spec`);
    this.hoisted.set(sk, name);
    this.sharedDecls.push(`const ${name}: BlockSpec = ${code};`);
    return name;
  }
}
