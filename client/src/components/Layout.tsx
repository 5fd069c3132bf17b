import { Suspense, useEffect, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useI18n } from "../i18n/I18n";
import { LANGS, type Lang } from "../i18n/state";
import { useSession } from "../auth/session";
import { mayUse, type Area } from "../auth/permissions";
import { isOnline, onNetworkChange, pollUntilOnline } from "../api/network";
import type { MessageKey } from "../i18n/translate";
import { Skeleton } from "./ui";

const NAV: { area: Area; to: string; label: MessageKey; end?: boolean }[] = [
  { area: "dashboard", to: "/dashboard", label: "nav.dashboard" },
  { area: "directory", to: "/", label: "nav.directory", end: true },
  { area: "actions", to: "/actions", label: "nav.actions" },
  { area: "dashboard", to: "/indicators", label: "nav.indicators" },
  { area: "meetings", to: "/meetings", label: "nav.meetings" },
  { area: "dossiers", to: "/dossiers", label: "nav.dossiers" },
  { area: "agreements", to: "/agreements", label: "nav.agreements" },
  { area: "admin", to: "/admin", label: "nav.admin" },
];

function NetworkBanner() {
  const { t } = useI18n();
  const [online, setOnline] = useState(isOnline());
  const [browserOnline, setBrowserOnline] = useState(typeof navigator === "undefined" ? true : navigator.onLine);
  useEffect(() => onNetworkChange(setOnline), []);
  useEffect(() => {
    const up = () => setBrowserOnline(true), down = () => setBrowserOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  const off = !online || !browserOnline;
  // Clear as soon as the server answers again, not only at the person's next request.
  useEffect(() => (online ? undefined : pollUntilOnline()), [online]);
  return (
    <div role="status" aria-live="assertive">
      {off && <div className="banner banner-offline">{t("problem.offline_banner")}</div>}
    </div>
  );
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="check" style={{ margin: 0, fontWeight: 400 }}>
      <span className="visually-hidden">{t("lang.label")}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t("lang.label")} data-testid="lang-switch"
        style={{ width: "auto", minHeight: "2.2rem", padding: ".2rem .4rem" }}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>{t(`lang.${l}` as MessageKey)}</option>
        ))}
      </select>
    </label>
  );
}

export function Layout() {
  const { t } = useI18n();
  const { principal, me, logout, ready } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const items = NAV.filter((n) => mayUse(principal, n.area));
  // A ROSE member keeps its own organisation's profile and offer up to date.
  const own = principal.role === "rose_member" && principal.actorId ? `/actors/${principal.actorId}` : null;
  return (
    <>
      <a className="skip-link" href="#main">{t("nav.skip")}</a>
      <header className="site-header">
        <div className="header-inner">
          <NavLink to={principal.role === "anonymous" ? "/" : "/dashboard"} className="brand">
            {t("app.name")}
            <small>{t("app.region")}</small>
          </NavLink>
          <button type="button" className="btn btn-secondary btn-small menu-toggle" aria-expanded={menuOpen}
            aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            {t("nav.menu")}
          </button>
          <nav id="main-nav" className={"main-nav" + (menuOpen ? " open" : "")} aria-label={t("nav.main")}>
            <ul>
              {items.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.end}>{t(n.label)}</NavLink>
                </li>
              ))}
              {own && <li><NavLink to={own}>{t("actor.my_org")}</NavLink></li>}
            </ul>
          </nav>
          <div className="header-tools">
            <LangSwitch />
            {ready && (me ? (
              <>
                <span className="who" data-testid="who">
                  <span className="visually-hidden">{t("auth.logged_in_as")} </span>
                  {me.label} · {t(`role.${me.role}` as MessageKey)}
                </span>
                {me.kind === "user" && <NavLink to="/profile" className="btn btn-secondary btn-small">{t("profile.title")}</NavLink>}
                <button type="button" className="btn btn-secondary btn-small" onClick={async () => {
                  // Leave the page first: a guarded page would otherwise send the login form
                  // back to itself ("from"), and the next person would land on it.
                  navigate("/login", { replace: true, state: { loggedOut: true } });
                  await logout();
                }}>{t("auth.logout")}</button>
              </>
            ) : (
              <NavLink to="/login" className="btn btn-secondary btn-small">{t("auth.login")}</NavLink>
            ))}
          </div>
        </div>
      </header>
      <NetworkBanner />
      <main id="main" tabIndex={-1} className="page">
        <Suspense fallback={<Skeleton height="12rem" />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div>{t("app.footer")}</div>
      </footer>
    </>
  );
}
