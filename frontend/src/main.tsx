import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./api";
import { App } from "./App";
import { startI18n } from "./i18n";
import { startUi } from "./ui";

startUi(() => useTranslation().i18n.language);

void startI18n().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root");
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App queryClient={createQueryClient()} />
      </BrowserRouter>
    </StrictMode>,
  );
});
