import { z } from "zod";

/**
 * The shape of `.alloycrc.json` (or package.json's `"alloyc"`); see project-config.ts, which
 * imports this module only when such a file exists, so that lint without one loads no zod.
 */
export const projectConfigSchema = z.strictObject({
  /** `"1.12"`, `"1.12,current"` or `["1.12", "current"]`. */
  alloyVersion: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
});
