/**
 * Names: which files are YAML (read for the Alloy inside them), and which names Kubernetes
 * accepts for a ConfigMap. Its own module, without the YAML library, so the CLI can ask at
 * start-up and load the rest only when YAML is involved.
 */

/** Whether a named file is YAML. */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * Why `name` cannot name a ConfigMap (a DNS subdomain: at most 253 lowercase letters, digits,
 * `-` and `.`, starting and ending with a letter or digit), or undefined.
 */
export function configMapNameProblem(name: string): string | undefined {
  if (name.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return "a ConfigMap name is at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** Why `namespace` cannot name a namespace (a DNS label: at most 63 lowercase letters, digits and `-`). */
export function namespaceProblem(namespace: string): string | undefined {
  if (namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) return "a namespace is at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** Why `key` cannot be a ConfigMap data key (at most 253 letters, digits, `-`, `_` and `.`; not `.` or `..`). */
export function dataKeyProblem(key: string): string | undefined {
  if (key.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(key) || key === "." || key === "..") return "a ConfigMap key is at most 253 letters, digits, '-', '_' and '.'";
  return undefined;
}
