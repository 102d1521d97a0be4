import { QueryClient } from "@tanstack/react-query";
import { GraphQLResponseError, HttpError } from "./graphql";

/** Retries only what may pass the second time: network failures and 5xx answers. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (error instanceof GraphQLResponseError) return false;
  if (error instanceof HttpError) return error.status >= 500;
  return true;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    },
  });
}
