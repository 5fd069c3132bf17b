/** Short names for the generated schema types the pages use. */

import type { components } from "./schema";

type S = components["schemas"];

export type Me = S["Me"];
export type Actor = S["ActorRead"];
export type ActorKind = S["ActorKind"];
export type TargetGroup = S["TargetGroup"];
export type Municipality = S["MunicipalityRead"];
export type Pillar = S["PillarRead"];
export type Objective = S["ObjectiveRead"];
export type Action = S["ActionRead"];
export type ActionCreate = S["ActionCreate"];
export type ActionUpdate = S["ActionUpdate"];
export type ActionStatus = S["ActionStatus"];
export type ActionSort = S["ActionSort"];
export type MvoTheme = S["MvoTheme"];
export type Geography = S["Geography"];
export type Milestone = S["Milestone-Output"];
export type Indicator = S["IndicatorRead"];
export type Body = S["BodyRead"];
export type Meeting = S["MeetingRead"];
export type AgendaItem = S["AgendaItem-Output"];
export type Decision = S["Decision"];
export type AgendaProposal = S["AgendaProposalRead"];
export type ProposalStatus = S["ProposalStatus"];
export type CalendarAddress = S["CalendarAddress"];
export type NewCalendarAddress = S["NewCalendarAddress"];
export type Dossier = S["DossierRead"];
export type DossierStatus = S["DossierStatus"];
export type DossierEvent = S["DossierEventRead"];
export type User = S["UserRead"];
export type ApiClient = S["ClientRead"];
export type ApiClientWithSecret = S["ClientWithSecret"];
export type AuditEntry = S["AuditRead"];
export type Webhook = S["WebhookRead"];
export type WebhookWithSecret = S["WebhookWithSecret"];
export type Delivery = S["DeliveryRead"];
export type MailMessage = S["MessageRead"];
export type Invitation = S["InvitationRead"];
export type Invitee = S["Invitee"];
export type MailPreferences = S["MailPreferences"];
export type Agreement = S["AgreementRead"];
export type AccountRole = S["AccountRole"];
/** Who is asking: an account's role, or nobody logged in. */
export type Role = "anonymous" | AccountRole;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
