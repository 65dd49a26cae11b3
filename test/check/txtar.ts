/**
 * Go's txtar archives (golang.org/x/tools/txtar), as Alloy's validator testdata uses them: a
 * comment, then files introduced by `-- NAME --` lines. A missing final newline counts as present.
 */
export interface Archive {
  readonly comment: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly data: string }>;
}

export function parseTxtar(text: string): Archive {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const files: Array<{ name: string; data: string }> = [];
  const comment: string[] = [];
  let current: { name: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) files.push({ name: current.name, data: current.lines.map((l) => `${l}\n`).join("") });
  };
  for (const line of lines) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      flush();
      current = { name: (m[1] as string).trim(), lines: [] };
    } else if (current) current.lines.push(line);
    else comment.push(line);
  }
  flush();
  return { comment: comment.join("\n").trim(), files };
}
