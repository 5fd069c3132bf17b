/** Small building blocks shared by every page. */

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n/I18n";

/** The page's title in the tab and an h1 that takes focus after navigation (screen readers hear where they are). */
export function PageHead({ title, children, crumbs }: { title: string; children?: ReactNode; crumbs?: { to: string; label: string }[] }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t("app.short")}`;
  }, [title, t]);
  useEffect(() => {
    // Only after an in-app navigation: the first load leaves focus where the browser put it.
    if (window.history.state && (window.history.state as { idx?: number }).idx) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <nav aria-label={t("nav.crumbs")} className="crumbs">
          {crumbs.map((c, i) => (
            <span key={c.to}>
              {i > 0 && " / "}
              <Link to={c.to}>{c.label}</Link>
            </span>
          ))}
        </nav>
      )}
      <div className="page-head">
        <h1 ref={ref} tabIndex={-1}>{title}</h1>
        {children && <div className="form-actions" style={{ margin: 0 }}>{children}</div>}
      </div>
    </>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

export function Progress({ value, label }: { value: number; label?: string }) {
  const v = Math.max(0, Math.min(100, value));
  const { t } = useI18n();
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-valuenow={v}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label ?? t("action.progress")}
      >
        <div className="progress-fill" style={{ width: `${v}%` }} />
      </div>
      <span aria-hidden="true">{v}%</span>
    </div>
  );
}

/** A reserved block while data loads: same height as what comes, so nothing jumps. */
export function Skeleton({ height = "6rem", label }: { height?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" style={{ height }} role="status" aria-live="polite">
      <span className="visually-hidden">{label ?? t("common.loading")}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const hid = useId();
  return (
    <section className="section" aria-labelledby={id ?? hid}>
      <div className="page-head" style={{ marginBottom: ".5rem" }}>
        <h2 id={id ?? hid} style={{ margin: 0 }}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** "Load more" for keyset pages. */
export function MoreButton({ onClick, busy }: { onClick: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <div className="more">
      <button type="button" className="btn btn-secondary" onClick={onClick} disabled={busy} aria-busy={busy}>
        {busy ? t("common.loading") : t("common.more")}
      </button>
    </div>
  );
}
