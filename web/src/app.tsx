/**
 * Who is signed in decides what shows: the sign-in page, or the app with its screens. The pages a
 * reminder note links to open either way, and so does "A new version is ready".
 */
import { lazy, useEffect } from "react";
import { Route, Routes, useLocation, useNavigate } from "react-router";
import { useMe } from "./api/hooks";
import { Layout } from "./components/layout";
import { ErrorState, Loading } from "./components/states";
import { OfflineBanner, OutboxPanel } from "./offline/offline-strip";
import { setOutboxAccount } from "./offline/outbox";
import { UpdateBanner } from "./offline/update-banner";
import { Login } from "./screens/login";
import { ActionPage, UnsubscribePage } from "./screens/note-links";
import { rememberShare, ShareTarget, takeRememberedShare } from "./screens/share";
import { Today } from "./screens/today";

// Today is the first screen and ships with the app; the others load when first opened.
const People = lazy(() => import("./screens/people").then((m) => ({ default: m.People })));
const Person = lazy(() => import("./screens/person").then((m) => ({ default: m.Person })));
const DepartmentMap = lazy(() => import("./screens/map").then((m) => ({ default: m.DepartmentMap })));
const Introductions = lazy(() =>
  import("./screens/introductions").then((m) => ({ default: m.Introductions })),
);
const Transfer = lazy(() => import("./screens/transfer").then((m) => ({ default: m.Transfer })));
const Search = lazy(() => import("./screens/search").then((m) => ({ default: m.Search })));
const Settings = lazy(() => import("./screens/settings").then((m) => ({ default: m.Settings })));
const Inbox = lazy(() => import("./screens/inbox").then((m) => ({ default: m.Inbox })));
const Duplicates = lazy(() => import("./screens/duplicates").then((m) => ({ default: m.Duplicates })));

function NotFound() {
  return (
    <section>
      <h1>Nothing here</h1>
      <p>This address is not one of Goodwill's screens. The navigation above has them all.</p>
    </section>
  );
}

/**
 * A note's links (a one-tap action, unsubscribe) open without signing in: the signed token in the
 * address is their permission, so they come before the sign-in check.
 */
export function App() {
  return (
    <>
      <UpdateBanner />
      <Routes>
        <Route path="act/:token" element={<ActionPage />} />
        <Route path="unsubscribe/:token" element={<UnsubscribePage />} />
        <Route path="*" element={<SignedInApp />} />
      </Routes>
    </>
  );
}

function SignedInApp() {
  const me = useMe();
  const session = me.data;
  // The writes kept on this device are sent only for the account that made them.
  const account = session?.signedIn ? (session.account?.email ?? session.mode) : null;
  useEffect(() => setOutboxAccount(account), [account]);
  useShareAcrossSignIn(session === undefined ? null : session.signedIn);
  if (me.isPending) return <Loading what="Opening Goodwill" />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  // null for a moment after signing out, until the session is read again
  if (!me.data?.signedIn) return <Login mode={me.data?.mode ?? "team"} />;
  return (
    <>
      <OfflineBanner />
      <OutboxPanel />
      <SignedInScreens />
    </>
  );
}

/** Something shared into the app before signing in opens its log once signed in. */
function useShareAcrossSignIn(signedIn: boolean | null) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (signedIn === false && location.pathname === "/share") rememberShare(location.search);
    if (!signedIn) return;
    const shared = takeRememberedShare();
    if (shared !== null && location.pathname !== "/share") navigate(`/share${shared}`, { replace: true });
  }, [signedIn, location.pathname, location.search, navigate]);
}

function SignedInScreens() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Today />} />
        <Route path="share" element={<ShareTarget />} />
        <Route path="people" element={<People />} />
        <Route path="people/:id" element={<Person />} />
        <Route path="people/duplicates" element={<Duplicates />} />
        <Route path="map" element={<DepartmentMap />} />
        <Route path="introductions" element={<Introductions />} />
        <Route path="import" element={<Transfer />} />
        <Route path="search" element={<Search />} />
        <Route path="inbox" element={<Inbox />} />
        <Route path="settings" element={<Settings />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
