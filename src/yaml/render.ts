/**
 * Alloy text out as YAML: a ConfigMap manifest, or values for the Alloy Helm chart. The text is
 * always a literal block scalar (`|`), so the YAML shows the config as it is; the YAML library
 * reads each back to exactly the text (for helm-values, after the chart's `tpl`).
 */
import { escapeTpl } from "./tpl.js";

/** Text a YAML block scalar cannot hold as it is. */
export class UnrepresentableText extends Error {}

/**
 * What a block scalar cannot carry: control characters but TAB and LF (CR would become a line
 * break), NEL and the Unicode line separators (line breaks to YAML 1.1 readers such as
 * Kubernetes'), and the byte order mark.
 */
const NOT_IN_BLOCK = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** How much deeper than its key a block scalar's content is indented. */
const STEP = 2;

/**
 * `text` as a literal block scalar whose content lines are indented by `indent` spaces: the
 * header (`|`; `|-` when the text does not end with a line break; `|+` when it ends with more
 * than one or is nothing but line breaks; an indentation indicator when the text starts with
 * white space, which would otherwise read as indentation), its line break, then the lines.
 * Empty lines stay empty.
 */
export function blockScalar(text: string, indent: number): string {
  const bad = NOT_IN_BLOCK.exec(text);
  if (bad) {
    const before = text.slice(0, bad.index);
    const line = before.split("\n").length;
    const column = bad.index - before.lastIndexOf("\n");
    const code = `U+${(bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new UnrepresentableText(`the Alloy text holds ${code} at line ${line}, column ${column}, which a YAML block scalar cannot hold`);
  }
  // Clipping keeps one final line break only after a line with text: "\n" alone needs `|+`.
  const chomp = text === "" || !text.endsWith("\n") ? "-" : text.endsWith("\n\n") || /^\n+$/.test(text) ? "+" : "";
  const indicator = /^\s/.test(text) ? String(STEP) : "";
  const lines = text === "" ? [] : text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  const pad = " ".repeat(indent);
  return `|${indicator}${chomp}\n${lines.map((l) => (l === "" ? "\n" : `${pad}${l}\n`)).join("")}`;
}

/** A name YAML reads as a string as it is, or the same in double quotes (JSON's, valid YAML). */
function yamlString(s: string): string {
  const plain = /^[A-Za-z_][\w.-]*$/.test(s) && !/^(?:true|false|yes|no|on|off|y|n|null)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

export interface ConfigMapOptions {
  readonly name: string;
  readonly namespace?: string;
  /** The data key (`config.alloy` by default). */
  readonly key?: string;
}

export const DEFAULT_CONFIGMAP_NAME = "alloy-config";
export const DEFAULT_CONFIGMAP_KEY = "config.alloy";

/** A ConfigMap manifest holding `text` under `key`. */
export function configMapManifest(text: string, options: ConfigMapOptions): string {
  const metadata = `metadata:\n  name: ${yamlString(options.name)}\n${options.namespace === undefined ? "" : `  namespace: ${yamlString(options.namespace)}\n`}`;
  const key = yamlString(options.key ?? DEFAULT_CONFIGMAP_KEY);
  return `apiVersion: v1\nkind: ConfigMap\n${metadata}data:\n  ${key}: ${blockScalar(text, 2 + STEP)}`;
}

/**
 * Values for the grafana/alloy chart: a ConfigMap it creates, holding `text` escaped for the
 * `tpl` the chart renders `alloy.configMap.content` with.
 */
export function helmValues(text: string): string {
  return (
    "# Values for the grafana/alloy Helm chart (helm install alloy grafana/alloy -f values.yaml), written by alloyc.\n" +
    "# The chart renders alloy.configMap.content with tpl: each {{ and }} of the Alloy text is written {{ \"{{\" }} and {{ \"}}\" }}.\n" +
    `alloy:\n  configMap:\n    create: true\n    content: ${blockScalar(escapeTpl(text), 4 + STEP)}`
  );
}
