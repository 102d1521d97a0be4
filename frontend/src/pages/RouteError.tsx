import { useRouteError } from "react-router";
import { QueryError } from "./QueryError";

/** What a route shows when it throws (e.g. its code could not be loaded after a deployment). */
export function RouteError() {
  const error = useRouteError();
  return <QueryError error={error} onRetry={() => window.location.reload()} />;
}
