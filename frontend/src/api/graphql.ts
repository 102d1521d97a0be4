/**
 * A document as codegen's client preset writes it (`documentMode: "string"`): a string that
 * carries its result and variables types. Structural, so every area's generated folder fits.
 */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
}

/** One entry of a GraphQL response's `errors` (GraphQL over HTTP). */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** The request never got an answer (offline, DNS, CORS, aborted). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  readonly kind = "network";
}

/** An HTTP status other than 2xx, with no GraphQL errors to tell more. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly kind = "http";
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The server answered with `errors` (parse, validation or a field's unexpected failure). */
export class GraphQLResponseError extends Error {
  override readonly name = "GraphQLResponseError";
  readonly kind = "graphql";
  constructor(readonly errors: readonly GraphQLErrorEntry[]) {
    super(errors.map((error) => error.message).join("; ") || "GraphQL error");
  }
}

export type ApiError = NetworkError | HttpError | GraphQLResponseError;

export function isApiError(error: unknown): error is ApiError {
  return (
    error instanceof NetworkError || error instanceof HttpError || error instanceof GraphQLResponseError
  );
}

export const GRAPHQL_ENDPOINT = "/graphql";

/**
 * The custom header every request carries: browsers cannot send it cross-site without a CORS
 * preflight, so the API can require it on cookie-carried requests (CSRF protection).
 */
export const CSRF_HEADER = { "X-Requested-With": "aap" } as const;

interface GraphQLResponseBody<TResult> {
  data?: TResult | null;
  errors?: GraphQLErrorEntry[];
}

/**
 * POSTs one operation to the API and returns its `data`, typed by codegen from the document.
 * Throws an {@link ApiError}; a response with both data and errors counts as an error.
 */
export async function request<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  { signal }: { signal?: AbortSignal } = {},
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json",
        ...CSRF_HEADER,
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
  } catch (cause) {
    throw new NetworkError(cause instanceof Error ? cause.message : "Network error", { cause });
  }

  const body = await readBody<TResult>(response);
  if (body?.errors?.length) throw new GraphQLResponseError(body.errors);
  if (!response.ok) throw new HttpError(response.status);
  if (body?.data == null) throw new GraphQLResponseError([{ message: "Response without data" }]);
  return body.data;
}

async function readBody<TResult>(response: Response): Promise<GraphQLResponseBody<TResult> | null> {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return null;
  try {
    return (await response.json()) as GraphQLResponseBody<TResult>;
  } catch {
    return null;
  }
}
