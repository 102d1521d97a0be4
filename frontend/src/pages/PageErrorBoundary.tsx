import { Component, type ReactNode } from "react";
import { QueryError } from "./QueryError";

interface State {
  error: unknown;
}

/**
 * What a page shows when it throws while rendering, e.g. when its code cannot be loaded after
 * a deployment: an announced error and a reload. Reset by a new `resetKey` (the path).
 */
export class PageErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) {
      this.setState({ error: null });
    }
  }

  override render() {
    if (this.state.error !== null) {
      return <QueryError error={this.state.error} onRetry={() => window.location.reload()} asPageTitle />;
    }
    return this.props.children;
  }
}
