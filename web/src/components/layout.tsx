/** The frame around every screen: the header with the navigation, and the quick log. */
import { Suspense, useCallback, useEffect, useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import { notAShortcut, QuickLog, useQuickLogShortcut } from "./quick-log";
import { Loading } from "./states";
import { UndoProvider } from "./undo-toast";

const LINKS = [
  { to: "/", label: "Today", end: true },
  { to: "/people", label: "People" },
  { to: "/map", label: "Map" },
  { to: "/introductions", label: "Introductions" },
  { to: "/import", label: "Import / Export" },
  { to: "/search", label: "Search" },
  { to: "/settings", label: "Settings" },
];

/** "/" anywhere but in a field or a dialog goes to Search, with the cursor in its box. */
function useSearchShortcut() {
  const navigate = useNavigate();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || notAShortcut(event)) return;
      event.preventDefault();
      navigate("/search");
      // already there: the box is kept, so focus it again
      document.querySelector<HTMLInputElement>(".search-box input")?.focus();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}

export function Layout() {
  const [logging, setLogging] = useState(false);
  const openLog = useCallback(() => setLogging(true), []);
  useQuickLogShortcut(openLog);
  useSearchShortcut();
  return (
    <UndoProvider>
      <a className="skip" href="#main">
        Skip to the content
      </a>
      <header className="top">
        <NavLink to="/" className="brand" aria-label="Goodwill, today">
          <img src="/favicon.svg" alt="" width="24" height="24" /> Goodwill
        </NavLink>
        <nav aria-label="Screens">
          {LINKS.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end ?? false}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <button type="button" className="log-button" onClick={openLog} title="Log a moment (L or Ctrl+K)">
          + Log <kbd>L</kbd>
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <QuickLog open={logging} onClose={() => setLogging(false)} />
    </UndoProvider>
  );
}
