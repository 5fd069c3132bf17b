import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { getActors, getMunicipalities, municipalityName } from "../lib/refdata";
import { ROLES } from "../lib/enums";
import { SelectField } from "./fields";

/** Role and what it is bound to: an actor for a ROSE member, a municipality for a municipality. */
export function RoleBinding({ role, actorId, municipality, onChange, errors }: {
  role: string; actorId: string; municipality: string;
  onChange: (v: { role: string; actor_id: string; municipality: string }) => void;
  errors: Record<string, string>;
}) {
  const { t, lang } = useI18n();
  const actors = useAsync(getActors, []);
  const munis = useAsync(getMunicipalities, []);
  return (
    <div className="grid grid-2">
      <SelectField name="role" label={t("admin.role")} required value={role} error={errors.role} emptyLabel={t("common.choose")}
        onChange={(v) => onChange({ role: v, actor_id: "", municipality: "" })}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      {role === "rose_member" && (
        <SelectField name="actor_id" label={t("admin.actor")} required value={actorId} error={errors.actor_id} emptyLabel={t("common.choose")}
          onChange={(v) => onChange({ role, actor_id: v, municipality })} options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
      )}
      {role === "municipality" && (
        <SelectField name="municipality" label={t("common.municipality")} required value={municipality} error={errors.municipality} emptyLabel={t("common.choose")}
          onChange={(v) => onChange({ role, actor_id: actorId, municipality: v })}
          options={(munis.data ?? []).map((m) => ({ value: m.nis_code, label: `${municipalityName(m, lang)} (${m.nis_code})` }))} />
      )}
    </div>
  );
}
