import { NavLink } from "react-router";
import { useI18n } from "../../i18n/I18n";

export function AdminNav() {
  const { t } = useI18n();
  const tabs = [
    { to: "/admin/users", label: t("admin.users") },
    { to: "/admin/clients", label: t("admin.clients") },
    { to: "/admin/audit", label: t("admin.audit") },
    { to: "/admin/webhooks", label: t("admin.webhooks") },
    { to: "/admin/mail", label: t("mail.title") },
    { to: "/admin/plan", label: t("admin.plan") },
  ];
  return (
    <nav aria-label={t("admin.nav")} className="form-actions" style={{ marginTop: 0 }}>
      {tabs.map((x) => (
        <NavLink key={x.to} to={x.to} className={({ isActive }) => "btn btn-small " + (isActive ? "" : "btn-secondary")}>{x.label}</NavLink>
      ))}
    </nav>
  );
}
