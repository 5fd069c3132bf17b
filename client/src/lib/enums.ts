/** Enum values of the data model, in the order the UI lists them. */

import type { ActorKind, MvoTheme, TargetGroup } from "../api/types";

export const ACTOR_KINDS: ActorKind[] = [
  "maatwerkbedrijf", "lde_onderneming", "arbeidszorginitiatief", "lokaal_bestuur", "w13", "partner", "regulier_bedrijf",
];
export const TARGET_GROUPS: TargetGroup[] = [
  "jongeren", "anderstaligen", "langdurig_zieken", "personen_met_arbeidsbeperking", "langdurig_werkzoekenden",
  "leefloners", "nieuwkomers", "ouderen",
];
export const RUNGS = [1, 2, 3, 4, 5, 6] as const;
export const MVO_THEMES: MvoTheme[] = ["mobiliteit", "werkbaar_werk", "duurzaamheid", "sociaal_aanbesteden"];
export const DOSSIER_THEMES = [
  "indicering_toeleiding", "contingentering", "mobiliteit", "doorstroom", "anderstaligen", "langdurig_zieken", "jongeren", "overig",
] as const;
export const DOSSIER_LEVELS = ["vlaanderen", "provincie", "europa", "vdab", "federaal", "lokaal"] as const;
export const EVENT_KINDS = ["note", "status_change", "signalled", "answer", "meeting"] as const;
export const ATTENDANCE = ["present", "excused", "absent"] as const;
export const REGIMES = ["lde", "individueel_maatwerk", "transitional"] as const;
export const VOLUME_UNITS = ["hours", "places", "fte"] as const;
export const ROLES = ["w13", "rose_member", "municipality"] as const;
export const PLAN_YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;
