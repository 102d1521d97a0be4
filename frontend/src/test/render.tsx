import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { vi } from "vitest";
import { App } from "../App";
import { startI18n, type AppLanguage } from "../i18n";

/** Where the application's router is now (`pathname`, `search`), kept up to date by `renderApp`. */
export interface CurrentAddress {
  pathname: string;
  search: string;
}

function AddressSpy({ into }: { into: CurrentAddress }) {
  const { pathname, search } = useLocation();
  Object.assign(into, { pathname, search });
  return null;
}

/**
 * Renders the whole application at `path`, in `language`, with no retries and a fresh cache;
 * `address` follows the router, so a test checks what a screen keeps in the address bar.
 */
export async function renderApp(path: string, language: AppLanguage = "fr") {
  await startI18n(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const address: CurrentAddress = { pathname: "", search: "" };
  const rendered = render(
    <MemoryRouter initialEntries={[path]}>
      <App queryClient={queryClient} />
      <AddressSpy into={address} />
    </MemoryRouter>,
  );
  return { ...rendered, address };
}

export interface GraphQLCall {
  query: string;
  variables: Record<string, unknown>;
  init: RequestInit;
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/graphql-response+json" },
  });
}

/** Replaces `fetch` with `respond`; returns the operations received, to check what was asked. */
export function mockFetch(respond: (operation: GraphQLCall) => Response): GraphQLCall[] {
  const calls: GraphQLCall[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
      const operation = { ...body, init };
      calls.push(operation);
      return respond(operation);
    }),
  );
  return calls;
}

/** A fake API: `answer` receives each operation and returns its `data`. */
export function mockGraphQL(answer: (operation: GraphQLCall) => unknown): GraphQLCall[] {
  return mockFetch((operation) => jsonResponse({ data: answer(operation) }));
}
