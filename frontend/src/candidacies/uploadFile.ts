import {
  CSRF_HEADER,
  GRAPHQL_ENDPOINT,
  GraphQLResponseError,
  HttpError,
  NetworkError,
  type GraphQLErrorEntry,
} from "../api";
import type { TypedDocument } from "../api/graphql";

export interface UploadOptions {
  /** Called as the body goes out: bytes sent and the total. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one operation with one file as a GraphQL multipart request (the `file` variable), by
 * XMLHttpRequest: unlike fetch, it reports the upload's progress. Same rules as `request()`:
 * same-origin cookie session, the CSRF header, the same errors thrown.
 */
export function uploadFile<TResult, TVariables extends { file: File }>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  { onProgress, signal }: UploadOptions = {},
): Promise<TResult> {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: document.toString(), variables: { ...variables, file: null } }));
  body.append("map", JSON.stringify({ "0": ["variables.file"] }));
  body.append("0", variables.file, variables.file.name);

  return new Promise<TResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", GRAPHQL_ENDPOINT);
    xhr.withCredentials = false; // same origin: the session cookie goes anyway, never cross-site
    for (const [name, value] of Object.entries(CSRF_HEADER)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/graphql-response+json, application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new NetworkError("Network error"));
    xhr.onabort = () => reject(new NetworkError("Aborted"));
    xhr.ontimeout = () => reject(new NetworkError("Timed out"));
    xhr.onload = () => {
      const parsed = parse<TResult>(xhr);
      if (parsed?.errors?.length) reject(new GraphQLResponseError(parsed.errors));
      else if (xhr.status < 200 || xhr.status >= 300) reject(new HttpError(xhr.status));
      else if (parsed?.data == null) reject(new GraphQLResponseError([{ message: "Response without data" }]));
      else resolve(parsed.data);
    };
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
}

function parse<TResult>(xhr: XMLHttpRequest): { data?: TResult | null; errors?: GraphQLErrorEntry[] } | null {
  if (!(xhr.getResponseHeader("Content-Type") ?? "").includes("json")) return null;
  try {
    return JSON.parse(xhr.responseText) as { data?: TResult | null; errors?: GraphQLErrorEntry[] };
  } catch {
    return null;
  }
}
