import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Actor, ActorKind, TargetGroup } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { usePaged } from "../lib/usePaged";
import { getMunicipalities, municipalityName } from "../lib/refdata";
import { ACTOR_KINDS, TARGET_GROUPS, RUNGS } from "../lib/enums";
import { PageHead, Skeleton, Empty, MoreButton } from "../components/ui";
import { SelectField, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";

export default function DirectoryPage() {
  const { t, te, lang, num } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const kind = params.get("kind") ?? "";
  const municipality = params.get("municipality") ?? "";
  const targetGroup = params.get("target_group") ?? "";
  const rung = params.get("rung") ?? "";
  const [text, setText] = useState(q);
  const active = [kind, municipality, targetGroup, rung].filter(Boolean).length;
  // Open on a wide screen or when a filter is set; folded on a phone otherwise.
  const [filtersOpen, setFiltersOpen] = useState(() => active > 0 || typeof window.matchMedia !== "function" || window.matchMedia("(min-width: 40rem)").matches);
  useEffect(() => setText(q), [q]);

  const munis = useAsync(getMunicipalities, []);
  const muniById = new Map((munis.data ?? []).map((m) => [m.nis_code, m]));

  const query = {
    limit: 24,
    q: q || undefined,
    kind: (kind || undefined) as ActorKind | undefined,
    municipality: municipality || undefined,
    target_group: (targetGroup || undefined) as TargetGroup | undefined,
    rung: rung ? Number(rung) : undefined,
  };
  const list = usePaged<Actor>(
    (cursor) => unwrap(api.GET("/api/v1/actors", { params: { query: { ...query, cursor } } })),
    [q, kind, municipality, targetGroup, rung],
  );

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set("q", text.trim());
  };
  const items = list.items;

  return (
    <>
      <PageHead title={t("directory.title")} />
      <p className="lead">{t("directory.lead")}</p>
      <form className="filters" role="search" onSubmit={submit} aria-label={t("directory.search_label")}>
        <div className="grid grid-3">
          <div className="span-2">
            <TextField name="q" type="search" label={t("directory.q")} hint={t("directory.q_hint")} value={text} onChange={setText} />
          </div>
          <div className="field" style={{ alignSelf: "end" }}>
            <button type="submit" className="btn">{t("common.search")}</button>
          </div>
        </div>
        {/* On a phone the filters fold away, so the results show on the first screen. */}
        <details className="more-filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>{active > 0 ? t("directory.filters_active", { count: active }) : t("directory.filters")}</summary>
          <div className="grid grid-2">
            <SelectField name="kind" label={t("actor.kind")} value={kind} onChange={(v) => set("kind", v)} emptyLabel={t("common.all")}
              options={ACTOR_KINDS.map((k) => ({ value: k, label: te("actor_kind", k) }))} />
            <SelectField name="municipality" label={t("common.municipality")} value={municipality} onChange={(v) => set("municipality", v)} emptyLabel={t("common.all")}
              options={(munis.data ?? []).filter((m) => m.w13_member).map((m) => ({ value: m.nis_code, label: municipalityName(m, lang) }))} />
            <SelectField name="target_group" label={t("actor.target_group")} value={targetGroup} onChange={(v) => set("target_group", v)} emptyLabel={t("common.all")}
              options={TARGET_GROUPS.map((g) => ({ value: g, label: te("target_group", g) }))} />
            <SelectField name="rung" label={t("actor.rung")} hint={t("actor.rung_hint")} value={rung} onChange={(v) => set("rung", v)} emptyLabel={t("common.all")}
              options={RUNGS.map((r) => ({ value: String(r), label: `${r} – ${te("rung", String(r))}` }))} />
          </div>
        </details>
      </form>

      <ProblemAlert error={list.error} />
      <p role="status" aria-live="polite" className="muted">
        {!list.loading && !list.error && t("directory.count", { count: items.length, more: list.hasMore ? "+" : "" })}
      </p>
      {list.loading ? (
        <Skeleton height="20rem" />
      ) : items.length === 0 ? (
        <Empty>{t("directory.none")}</Empty>
      ) : (
        <ul className="cards" data-testid="actor-results">
          {items.map((a) => {
            const places = a.places.reduce((s, p) => s + (p.count ?? 0), 0);
            return (
              <li key={a.id} className="card">
                <h2><Link to={`/actors/${a.id}`}>{a.name}</Link></h2>
                <p className="meta">
                  {te("actor_kind", a.kind)}
                  {a.municipality && <> · {municipalityName(muniById.get(a.municipality), lang, a.city ?? a.municipality)}</>}
                  {a.rose_member && <> · {t("actor.rose_member_short")}</>}
                </p>
                {a.description && <p>{a.description.length > 160 ? a.description.slice(0, 157) + "…" : a.description}</p>}
                {(a.places.length > 0 || a.goods_services.length > 0) && (
                  <p className="meta">
                    {a.places.length > 0 && t("directory.places", { count: places ? num(places) : a.places.length })}
                    {a.places.length > 0 && a.goods_services.length > 0 && " · "}
                    {a.goods_services.length > 0 && t("directory.goods", { count: a.goods_services.length })}
                  </p>
                )}
                {a.target_groups.length > 0 && (
                  <ul className="tags" aria-label={t("actor.target_groups")}>
                    {a.target_groups.map((g) => <li key={g} className="tag">{te("target_group", g)}</li>)}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ProblemAlert error={list.moreError} />
      {list.hasMore && !list.loading && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}
