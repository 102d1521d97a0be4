import { describe, expect, it, vi } from "vitest";
import { TypedDocumentString } from "../gql/graphql";
import { jsonResponse, mockFetch } from "../test/render";
import { GraphQLResponseError, HttpError, NetworkError, request } from "./graphql";

const ServerTimeQuery = new TypedDocumentString<{ serverTime: string }, Record<string, never>>(
  "query ServerTime { serverTime }",
);

describe("request", () => {
  it("POSTs JSON to /graphql with the cookie policy and the CSRF header", async () => {
    const operations = mockFetch(() => jsonResponse({ data: { serverTime: "2027-01-01T00:00:00+00:00" } }));

    await expect(request(ServerTimeQuery, {})).resolves.toEqual({ serverTime: "2027-01-01T00:00:00+00:00" });

    expect(fetch).toHaveBeenCalledWith("/graphql", expect.anything());
    const { init, query, variables } = operations[0]!;
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.headers).toMatchObject({ "Content-Type": "application/json", "X-Requested-With": "aap" });
    expect(query).toContain("query ServerTime");
    expect(variables).toEqual({});
  });

  it("throws the GraphQL errors, typed, even with a 400 status", async () => {
    mockFetch(() => jsonResponse({ errors: [{ message: "Cannot query field 'nope'." }] }, 400));

    const error = await request(ServerTimeQuery, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLResponseError);
    expect((error as GraphQLResponseError).errors).toEqual([{ message: "Cannot query field 'nope'." }]);
  });

  it("throws an HttpError when a non-2xx answer has no GraphQL body", async () => {
    mockFetch(() => new Response("Bad gateway", { status: 502, headers: { "Content-Type": "text/plain" } }));

    await expect(request(ServerTimeQuery, {})).rejects.toMatchObject({ kind: "http", status: 502 });
    await expect(request(ServerTimeQuery, {})).rejects.toBeInstanceOf(HttpError);
  });

  it("throws a NetworkError when there is no answer", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));

    await expect(request(ServerTimeQuery, {})).rejects.toBeInstanceOf(NetworkError);
  });
});
