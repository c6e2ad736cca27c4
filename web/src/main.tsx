import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { ApiError, isUnreachable } from "./api/client";
import { App } from "./app";
import { knownName, learnPeople } from "./offline/cached-people";
import { setNameLookup } from "./offline/outbox";
import { keepOnDevice } from "./offline/persist";
import { startSending } from "./offline/sender";
import "./styles.css";
import { refreshAfterWrite } from "./api/refresh";

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that ended (logout elsewhere, expiry) sends everyone back to the sign-in screen.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401)
        void queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // The server out of reach: the query waits (paused, keeping what it shows) until it is back.
      retry: (count, error) =>
        isUnreachable(error) ||
        (!(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2),
      retryDelay: (count, error) => (isUnreachable(error) ? 0 : Math.min(1000 * 2 ** count, 30_000)),
      refetchOnWindowFocus: true,
    },
    // A write always runs: the hallway ones are kept on the device (api/client.ts), the others say
    // the server cannot be reached.
    mutations: { networkMode: "always" },
  },
});

// Offline (issue 14): the screens' data kept on the device, and the writes kept there sent later.
keepOnDevice(queryClient);
learnPeople(queryClient);
setNameLookup(knownName);
startSending(() => void refreshAfterWrite(queryClient));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
