import { cleanup, configure } from "@testing-library/react";
import { useTranslation } from "react-i18next";
import { afterEach } from "vitest";
import { startUi } from "../ui";

// findBy*/waitFor wait up to 5 s instead of 1 s: CI runs these beside the Python suite on two
// cores, where a sign-out, its navigation and the next page's fetch once took longer than 1 s.
// A test that passes still ends as soon as what it waits for is there.
configure({ asyncUtilTimeout: 5_000 });

// As main.tsx does: the theme's links go through the router.
startUi(() => useTranslation().i18n.language);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
