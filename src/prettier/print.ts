/**
 * The Prettier printer `alloy`: the root prints as the text `alloyc fmt` gave for it (the parser
 * ran the facade), a string Prettier writes as is, turning its LFs into CRLFs when `endOfLine`
 * asks. Prettier's layout options (printWidth, tabWidth, useTabs, ...) do not apply: Alloy's style
 * is fixed, as `alloy fmt`'s is.
 */
import type { AstPath, Printer } from "prettier";
import type { AlloyRoot } from "./parse.js";
import { insertPragma } from "./pragma.js";

export const printer = {
  print(path: AstPath<AlloyRoot>): string {
    return path.node.formatted;
  },
  /** Nothing below the root: Prettier walks no children (for comments, the cursor or ranges). */
  getVisitorKeys(): string[] {
    return [];
  },
  insertPragma,
} satisfies Printer<AlloyRoot>;
