import { cleanup } from "@testing-library/react";
import { useTranslation } from "react-i18next";
import { afterEach } from "vitest";
import { startUi } from "../ui";

// As main.tsx does: the theme's links go through the router.
startUi(() => useTranslation().i18n.language);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
