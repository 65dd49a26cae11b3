import type { Severity } from "./codes.js";
import { compareLocated, escapeControl, locate, type Located } from "./render.js";

/** The workflow command of each severity: GitHub has error, warning and notice annotations. */
const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

/** A command's message, escaped as the Actions toolkit does: `%`, CR and LF. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A command's property value: as data, and `:` and `,`, which separate the properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Control characters from a file (ESC, ...) shown escaped, as in the text form, so that a log
 * viewer does not act on them; line breaks stay, for escapeData to encode.
 */
function shown(text: string): string {
  return text.replace(/[^\r\n]+/g, escapeControl);
}

/**
 * GitHub Actions workflow commands, one line per finding, in the order of the text form:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message` (`warning`, or
 * `notice` for info). Lines and columns are the text form's: 1-based, byte columns, the end on
 * the last byte. The help follows the message on a line of its own (an escaped newline).
 */
export function renderGithub(items: readonly Located[]): string {
  return [...items]
    .sort(compareLocated)
    .map(({ file, diagnostic: d }) => {
      const { start, end } = locate(file, d);
      const properties = [
        `file=${escapeProperty(escapeControl(file.name))}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(d.code)}`,
      ].join(",");
      const message = d.help === undefined ? shown(d.message) : `${shown(d.message)}\nhelp: ${shown(d.help)}`;
      return `::${COMMAND[d.severity]} ${properties}::${escapeData(message)}\n`;
    })
    .join("");
}
