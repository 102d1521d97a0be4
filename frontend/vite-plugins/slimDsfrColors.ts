import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const DSFR_FR_INDEX = /[\\/]@codegouvfr[\\/]react-dsfr[\\/]fr[\\/]index\.js$/;
const SLIM_FR = resolve(dirname(fileURLToPath(import.meta.url)), "../src/ui/dsfrFr.ts");

/**
 * Resolves react-dsfr's imports of its `fr` helper (`./fr`, `../fr`, `../../fr`) to `src/ui/dsfrFr.ts`,
 * which leaves out the colour tables (see there). Build only: the tests run the real module.
 */
export function slimDsfrColors(): Plugin {
  return {
    name: "aap:slim-dsfr-colors",
    apply: "build",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer?.includes("react-dsfr") || !/^(\.\/|(\.\.\/)+)fr$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && DSFR_FR_INDEX.test(resolved.id) ? SLIM_FR : null;
    },
  };
}
