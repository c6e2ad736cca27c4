/**
 * The frame around every screen: the navigation and the quick log. A wide screen has the header
 * with every screen in it; a phone (640 px and less) has a bar at the bottom, within the thumb's
 * reach, with Today, People, Search and More… (the other screens), and only the brand and the Log
 * button on top. Both are in the page; the style sheet shows one.
 */
import { Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { InboxCount } from "./inbox-count";
import { QuickLog, useQuickLogShortcut } from "./quick-log";
import { notAShortcut } from "./shortcut-keys";
import { Loading } from "./states";
import { UndoProvider } from "./undo-toast";

type Icon = "today" | "people" | "search" | "more";

interface Screen {
  to: string;
  label: string;
  end?: boolean;
  /** on a phone: in the bottom bar, or under More… */
  icon?: Icon;
}

const SCREENS: Screen[] = [
  { to: "/", label: "Today", end: true, icon: "today" },
  { to: "/people", label: "People", icon: "people" },
  { to: "/map", label: "Map" },
  { to: "/introductions", label: "Introductions" },
  { to: "/inbox", label: "Inbox" },
  { to: "/import", label: "Import / Export" },
  { to: "/search", label: "Search", icon: "search" },
  { to: "/settings", label: "Settings" },
];
const IN_BAR = SCREENS.filter((s) => s.icon);
const UNDER_MORE = SCREENS.filter((s) => !s.icon);

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
        <nav aria-label="Screens" className="top-nav">
          {SCREENS.map((screen) => (
            <NavLink key={screen.to} to={screen.to} end={screen.end ?? false}>
              {screen.label}
              {screen.to === "/inbox" && <InboxCount />}
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
      <BottomBar />
      <QuickLog open={logging} onClose={() => setLogging(false)} />
    </UndoProvider>
  );
}

/** A phone's navigation: four places at the bottom of the screen; More… opens the other screens. */
function BottomBar() {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const more = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const elsewhere = UNDER_MORE.some((s) => pathname === s.to || pathname.startsWith(`${s.to}/`));

  // a screen chosen (or the back button) closes the menu
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address changing is the event
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      more.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !more.current?.contains(target)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    menu.current?.querySelector("a")?.focus();
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <nav
      aria-label="Screens"
      className="tabbar"
      // the keyboard's focus leaving the bar (Tab past the last screen) closes the menu too
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      {open && (
        <div ref={menu} id={menuId} className="tabbar-menu">
          <ul>
            {UNDER_MORE.map((screen) => (
              <li key={screen.to}>
                <NavLink to={screen.to}>
                  {screen.label}
                  {screen.to === "/inbox" && <InboxCount />}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="tabbar-places">
        {IN_BAR.map((screen) => (
          <li key={screen.to}>
            <NavLink to={screen.to} end={screen.end ?? false}>
              <TabIcon icon={screen.icon ?? "more"} />
              {screen.label}
            </NavLink>
          </li>
        ))}
        <li>
          <button
            ref={more}
            type="button"
            className={elsewhere ? "active" : undefined}
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
          >
            <TabIcon icon="more" />
            More…
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** Small line drawings for the bottom bar; the word under each says what it is. */
function TabIcon({ icon }: { icon: Icon }) {
  const paths: Record<Icon, string> = {
    today: "M4 6.5h16v13H4zM4 10.5h16M8.5 4v4M15.5 4v4",
    people:
      "M9 11a3.2 3.2 0 1 0 0-6.4A3.2 3.2 0 0 0 9 11zM3.5 19.5c.4-3.2 2.6-5.5 5.5-5.5s5.1 2.3 5.5 5.5M15.5 5a3 3 0 0 1 0 5.8M17 14.2c2 .6 3.2 2.6 3.5 5.3",
    search: "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.3 15.3 20 20",
    more: "M5 12h.01M12 12h.01M19 12h.01",
  };
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      strokeWidth={icon === "more" ? 3 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[icon]} />
    </svg>
  );
}
