export {
  CSRF_HEADER,
  GRAPHQL_ENDPOINT,
  GraphQLResponseError,
  HttpError,
  NetworkError,
  isApiError,
  request,
} from "./graphql";
export type { ApiError, GraphQLErrorEntry } from "./graphql";
export { createQueryClient } from "./queryClient";
