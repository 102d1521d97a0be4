import type { RouteObject } from "react-router";
import { CallsListPage } from "./calls/CallsListPage";
import { AppLayout } from "./pages/AppLayout";
import { RouteError } from "./pages/RouteError";

/**
 * The public pages. The list is in the entry chunk (it is the home page); every other page is
 * loaded when first visited.
 */
export const routes: RouteObject[] = [
  {
    Component: AppLayout,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          { index: true, Component: CallsListPage },
          { path: "calls", Component: CallsListPage },
          {
            path: "calls/:id",
            lazy: async () => ({ Component: (await import("./calls/CallPage")).CallPage }),
          },
          {
            path: "*",
            lazy: async () => ({ Component: (await import("./pages/NotFoundPage")).NotFoundPage }),
          },
        ],
      },
    ],
  },
];
