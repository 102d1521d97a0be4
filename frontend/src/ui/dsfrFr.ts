/**
 * The DSFR's `fr` helper (class names, breakpoints, spacing, typography) without its colour
 * tables: every react-dsfr component imports `fr`, so its ~15 kB (gzipped) of colour options
 * and decisions, read only for the `theme-color` meta tag, would ship in the entry chunk.
 * `vite-plugins/slimDsfrColors.ts` points react-dsfr's own imports of `fr` here, at build time only.
 *
 * `colors.getHex` keeps the one path react-dsfr reads (useIsDark's theme-color); its values
 * are the DSFR's default grey backgrounds, and `dsfrFr.test.ts` checks them against the full
 * tables, so an upgrade that changes them, or starts reading other colours, fails a test.
 */
import { breakpoints } from "@codegouvfr/react-dsfr/fr/breakpoints";
import { cx } from "@codegouvfr/react-dsfr/fr/cx";
import { typography } from "@codegouvfr/react-dsfr/fr/generatedFromCss/typography";
import { spacing } from "@codegouvfr/react-dsfr/fr/spacing";

export const BACKGROUND_DEFAULT_GREY = { light: "#ffffff", dark: "#161616" } as const;

export const colors = {
  getHex: ({ isDark }: { isDark: boolean }) => ({
    decisions: {
      background: {
        default: {
          grey: { default: isDark ? BACKGROUND_DEFAULT_GREY.dark : BACKGROUND_DEFAULT_GREY.light },
        },
      },
    },
  }),
};

export const fr = { breakpoints, spacing, cx, colors, typography };
