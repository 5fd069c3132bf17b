/**
 * Enum values of the data model, in the contract's order (which is the order the UI lists
 * them): taken from the generated `api/enums.gen.ts`, never typed again here. Their words
 * live in the i18n catalogues under the keys `labelKey` gives.
 */

import { ENUMS, type EnumName } from "../api/enums.gen";

export const ACTOR_KINDS = ENUMS.ActorKind;
export const TARGET_GROUPS = ENUMS.TargetGroup;
export const MVO_THEMES = ENUMS.MvoTheme;
export const ACTION_STATUSES = ENUMS.ActionStatus;
export const DOSSIER_STATUSES = ENUMS.DossierStatus;
export const DOSSIER_THEMES = ENUMS.DossierTheme;
export const DOSSIER_LEVELS = ENUMS.DossierLevel;
export const EVENT_KINDS = ENUMS.EventKind;
export const ATTENDANCE = ENUMS.AttendanceStatus;
export const MEETING_STATUSES = ENUMS.MeetingStatus;
export const BODY_KINDS = ENUMS.BodyKind;
export const INDICATOR_KINDS = ENUMS.IndicatorKind;
export const GEOGRAPHIES = ENUMS.Geography;
export const REGIMES = ENUMS.Regime;
export const ROLES = ENUMS.AccountRole;
export const MESSAGE_STATUSES = ENUMS.MessageStatus;
export const LANGUAGES = ENUMS.Language;

/** The participatieladder's rungs (Place.rung is 1–6 in the contract); labelled as `enum.rung.<n>`. */
export const RUNGS = [1, 2, 3, 4, 5, 6] as const;
/** The action plan's years (2020–2025): what the filters and accent years offer. */
export const PLAN_YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;

/**
 * Where each enum's words are in the catalogues: the key prefix its values follow, or null
 * for an enum the UI never puts into words (it only filters or sends it). Typed by the
 * generated names, so a new enum in the contract does not compile until it is placed here,
 * and a test checks every value has its words in nl, fr and en.
 */
export const LABEL_PREFIX: { readonly [K in EnumName]: string | null } = {
  AccountRole: "role",
  ActionDocumentKind: "enum.action_document_kind",
  ActionSort: null, // sent in the URL; the column headers name it
  AgreementSort: null, // the agreements page sends it, never shows it
  ActionStatus: "enum.action_status",
  ActorKind: "enum.actor_kind",
  AttendanceStatus: "enum.attendance",
  BodyKind: "enum.body_kind",
  DossierLevel: "enum.dossier_level",
  DossierStatus: "enum.dossier_status",
  DossierTheme: "enum.dossier_theme",
  EventKind: "enum.event_kind",
  Framework: null,
  Geography: "enum.geography",
  IndicatorKind: "enum.indicator_kind",
  Language: "lang",
  MeetingDocumentKind: "enum.meeting_document_kind",
  MeetingStatus: "enum.meeting_status",
  MessageKind: "mail.kind",
  MessageStatus: "mail.status",
  MvoTheme: "enum.mvo_theme",
  ProposalStatus: "enum.proposal_status",
  Regime: "enum.regime",
  ReportFormat: null,
  TargetGroup: "enum.target_group",
  VolumeUnit: "enum.volume_unit",
};
