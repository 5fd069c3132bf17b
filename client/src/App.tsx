import { createBrowserRouter, Navigate, RouterProvider, useLocation, type RouteObject } from "react-router";
import type { ReactNode } from "react";
import { Layout } from "./components/Layout";
import { useSession } from "./auth/session";
import { mayUse, type Area } from "./auth/permissions";
import { useI18n } from "./i18n/I18n";
import { PageHead, Skeleton } from "./components/ui";
import { RouteError } from "./components/RouteError";
import { chunkLoaded } from "./lib/staleChunk";
import DirectoryPage from "./pages/Directory";

/** Shows the page only to roles that may use its area; anonymous visitors are sent to log in. */
function Guard({ area, children }: { area: Area; children: ReactNode }) {
  const { ready, principal, ended } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (!ready) return <Skeleton height="12rem" />;
  if (mayUse(principal, area)) return <>{children}</>;
  if (principal.role === "anonymous") {
    // After an explicit logout the next person starts fresh, not on the last person's page.
    if (ended === "logout") return <Navigate to="/login" replace state={{ loggedOut: true }} />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <>
      <PageHead title={t("problem.403_title")} />
      <div className="alert alert-warn" role="alert"><p>{t("problem.403")}</p></div>
    </>
  );
}

// Pages are split per route: only the directory (the public landing page) is in the first load.
// A chunk that fails reaches RouteError, which reloads once (at the new URL) for a stale one.
const page = (loader: () => Promise<{ default: React.ComponentType }>, area?: Area): Pick<RouteObject, "lazy"> => ({
  lazy: async () => {
    const { default: C } = await loader();
    chunkLoaded();
    return { Component: area ? () => <Guard area={area}><C /></Guard> : C };
  },
});

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHead title={t("problem.404_title")} />
      <p>{t("problem.404_page")}</p>
    </>
  );
}

const routes: RouteObject[] = [
  {
    path: "/",
    element: <Layout />,
    // Only if the layout itself fails; a page's failure is caught below, inside the layout.
    errorElement: <RouteError />,
    children: [{
      errorElement: <RouteError />,
      children: [
      { index: true, element: <DirectoryPage /> },
      { path: "actors/:id", ...page(() => import("./pages/ActorPage")) },
      { path: "actors/:id/edit", ...page(() => import("./pages/ActorEdit"), "dashboard") },
      { path: "login", ...page(() => import("./pages/Login")) },
      { path: "profile", ...page(() => import("./pages/Profile"), "dashboard") },
      { path: "dashboard", ...page(() => import("./pages/Dashboard"), "dashboard") },
      { path: "actions", ...page(() => import("./pages/Actions"), "actions") },
      { path: "actions/new", ...page(() => import("./pages/ActionEdit"), "actions") },
      { path: "actions/:id", ...page(() => import("./pages/ActionDetail"), "actions") },
      { path: "actions/:id/edit", ...page(() => import("./pages/ActionEdit"), "actions") },
      { path: "meetings", ...page(() => import("./pages/Meetings"), "meetings") },
      { path: "meetings/:id", ...page(() => import("./pages/MeetingPage"), "meetings") },
      { path: "bodies", ...page(() => import("./pages/Bodies"), "meetings") },
      { path: "bodies/:id", ...page(() => import("./pages/Bodies").then((m) => ({ default: m.BodyEdit })), "meetings") },
      { path: "indicators", ...page(() => import("./pages/Indicators"), "dashboard") },
      { path: "indicators/:id", ...page(() => import("./pages/Indicators").then((m) => ({ default: m.IndicatorPage })), "dashboard") },
      { path: "dossiers", ...page(() => import("./pages/Dossiers"), "dossiers") },
      { path: "dossiers/new", ...page(() => import("./pages/DossierNew"), "dossiers") },
      { path: "dossiers/:id", ...page(() => import("./pages/DossierPage"), "dossiers") },
      { path: "agreements", ...page(() => import("./pages/Agreements"), "agreements") },
      { path: "agreements/new", ...page(() => import("./pages/AgreementEdit"), "agreements") },
      { path: "agreements/:id/edit", ...page(() => import("./pages/AgreementEdit"), "agreements") },
      { path: "admin", element: <Navigate to="/admin/users" replace /> },
      { path: "admin/users", ...page(() => import("./pages/admin/Users"), "admin") },
      { path: "admin/clients", ...page(() => import("./pages/admin/Clients"), "admin") },
      { path: "admin/audit", ...page(() => import("./pages/admin/Audit"), "admin") },
      { path: "admin/webhooks", ...page(() => import("./pages/admin/Webhooks"), "admin") },
      { path: "admin/mail", ...page(() => import("./pages/admin/Mail"), "admin") },
      { path: "admin/plan", ...page(() => import("./pages/admin/PlanStructure"), "admin") },
      { path: "*", element: <NotFound /> },
      ],
    }],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}
