import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { AppRoutes } from "./routes";

/** The application under a router (BrowserRouter in the page, MemoryRouter in tests). */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppRoutes />
    </QueryClientProvider>
  );
}
