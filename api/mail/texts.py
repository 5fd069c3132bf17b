"""What the e-mails say, in Dutch, French and English. Data (titles, agenda, minutes) stays as
W13 wrote it; dates and the labels of dossier statuses come from the annual report's
translations (`api.reports.i18n`), so both say the same."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from api.reports import i18n as report_i18n
from api.reports.schemas import Language

LANGUAGES = ("nl", "fr", "en")
BRUSSELS = ZoneInfo("Europe/Brussels")

# key: (nl, fr, en); {placeholders} filled by `say`.
TEXTS: dict[str, tuple[str, str, str]] = {
    "subject.invitation": (
        "Uitnodiging: {title} ({when})",
        "Invitation : {title} ({when})",
        "Invitation: {title} ({when})",
    ),
    "subject.update": (
        "Gewijzigd: {title} ({when})",
        "Modifié : {title} ({when})",
        "Changed: {title} ({when})",
    ),
    "subject.cancellation": (
        "Geannuleerd: {title} ({when})",
        "Annulé : {title} ({when})",
        "Cancelled: {title} ({when})",
    ),
    "subject.minutes": (
        "Verslag: {title} ({when})",
        "Procès-verbal : {title} ({when})",
        "Minutes: {title} ({when})",
    ),
    "subject.digest": (
        "Je weekoverzicht van de regie sociale economie",
        "Votre aperçu hebdomadaire de la régie de l’économie sociale",
        "Your weekly overview of the social economy regie",
    ),
    "greeting": ("Beste {name},", "Bonjour {name},", "Dear {name},"),
    "intro.invitation": (
        "Je bent uitgenodigd voor {title} van {body}.",
        "Vous êtes invité(e) à {title} de {body}.",
        "You are invited to {title} of {body}.",
    ),
    "intro.update": (
        "De vergadering {title} van {body} is gewijzigd. Hieronder staat wat nu geldt.",
        "La réunion {title} de {body} a changé. Voici ce qui vaut désormais.",
        "The meeting {title} of {body} has changed. This is what holds now.",
    ),
    "intro.cancellation": (
        "De vergadering {title} van {body} gaat niet door.",
        "La réunion {title} de {body} n’aura pas lieu.",
        "The meeting {title} of {body} will not take place.",
    ),
    "intro.minutes": (
        "Het verslag van {title} van {body} is gepubliceerd.",
        "Le procès-verbal de {title} de {body} est publié.",
        "The minutes of {title} of {body} have been published.",
    ),
    "intro.digest": (
        "Dit is wat er de komende weken aankomt bij de acties en dossiers van {actor}.",
        "Voici ce qui arrive dans les semaines à venir pour les actions et dossiers de {actor}.",
        "This is what is coming up in the actions and dossiers of {actor}.",
    ),
    "when": ("Wanneer", "Quand", "When"),
    "where": ("Waar", "Où", "Where"),
    "agenda": ("Agenda", "Ordre du jour", "Agenda"),
    "minutes": ("Verslag", "Procès-verbal", "Minutes"),
    "calendar": (
        "De bijlage zet de vergadering in je agenda; een wijziging of annulering werkt ze bij.",
        "La pièce jointe ajoute la réunion à votre agenda ; une modification ou une annulation "
        "la met à jour.",
        "The attachment puts the meeting in your calendar; a change or cancellation updates it.",
    ),
    "link.meeting": (
        "Bekijk de vergadering op het platform",
        "Voir la réunion sur la plateforme",
        "See the meeting on the platform",
    ),
    "link.dashboard": (
        "Open je overzicht op het platform",
        "Ouvrir votre aperçu sur la plateforme",
        "Open your overview on the platform",
    ),
    "digest.due": (
        "Mijlpalen in de komende 14 dagen",
        "Jalons des 14 prochains jours",
        "Milestones due in the next 14 days",
    ),
    "digest.overdue": ("Mijlpalen over tijd", "Jalons en retard", "Overdue milestones"),
    "digest.dossiers": (
        "Nieuwe status van dossiers die je organisatie aankaartte",
        "Nouveau statut des dossiers soulevés par votre organisation",
        "New status of dossiers your organisation raised",
    ),
    "digest.due_on": ("tegen {date}", "pour le {date}", "due {date}"),
    "digest.status": (
        "nu {status} (sinds {date})",
        "désormais {status} (depuis le {date})",
        "now {status} (since {date})",
    ),
    "footer.user": (
        "Je krijgt dit bericht van de regie sociale economie Zuid-West-Vlaanderen. Welke "
        "berichten je krijgt, kies je in je profiel: {url}",
        "Vous recevez ce message de la régie de l’économie sociale de la Flandre occidentale du "
        "Sud-Ouest. Choisissez les messages que vous recevez dans votre profil : {url}",
        "You receive this message from the social economy regie of South-West Flanders. Choose "
        "which messages you receive in your profile: {url}",
    ),
    "footer.contact": (
        "Je krijgt dit bericht van de regie sociale economie Zuid-West-Vlaanderen als "
        "contactpersoon of genodigde. Wil je het niet meer krijgen, laat het W13 weten.",
        "Vous recevez ce message de la régie de l’économie sociale de la Flandre occidentale du "
        "Sud-Ouest en tant que personne de contact ou invité(e). Pour ne plus le recevoir, "
        "prévenez W13.",
        "You receive this message from the social economy regie of South-West Flanders as a "
        "contact person or invitee. To stop receiving it, tell W13.",
    ),
    "calendar.file": ("uitnodiging.ics", "invitation.ics", "invitation.ics"),
}


def lang_of(value: str | None) -> str:
    return value if value in LANGUAGES else "nl"


def say(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][LANGUAGES.index(lang_of(lang))]
    return text.format(**values) if values else text


def when(moment: datetime, lang: str, end: datetime | None = None) -> str:
    """A meeting's time in Brussels, as people of the language write it."""
    start = moment.astimezone(BRUSSELS)
    day = report_i18n.fmt_long_date(start.date(), Language(lang_of(lang)))
    text = f"{day}, {start:%H:%M}"
    if end is not None:
        text += f"–{end.astimezone(BRUSSELS):%H:%M}"
    return text


def short_date(day: date, lang: str) -> str:
    return report_i18n.fmt_date(day, Language(lang_of(lang)))


def dossier_status(value: str, lang: str) -> str:
    return report_i18n.enum("dossier_status", value, Language(lang_of(lang)))
