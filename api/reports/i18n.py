"""Labels of the report in Dutch, French and English. Data (titles, texts) stays Dutch; only
what the report itself says is translated here, with the same wording as the SPA."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from api.core import i18n as core_i18n
from api.core.qvalues import weighted
from api.reports.schemas import Language

NL, FR, EN = Language.nl, Language.fr, Language.en

LABELS: dict[str, tuple[str, str, str]] = {
    # key: (nl, fr, en)
    "report.title": (
        "Jaarverslag regie sociale economie",
        "Rapport annuel de la régie de l’économie sociale",
        "Annual report of the social economy regie",
    ),
    "report.region": (
        "Zuid-West-Vlaanderen · W13 en ROSE",
        "Flandre occidentale du Sud-Ouest · W13 et ROSE",
        "South-West Flanders · W13 and ROSE",
    ),
    "report.internal": (
        "Interne versie met de notities van W13",
        "Version interne avec les notes de W13",
        "Internal version with W13’s notes",
    ),
    "report.shared": (
        "Versie voor ROSE en de Vlaamse overheid",
        "Version pour ROSE et l’autorité flamande",
        "Version for ROSE and the Flemish government",
    ),
    "report.generated": ("Opgemaakt op", "Établi le", "Generated on"),
    "report.data_note": (
        "",
        "Les titres et textes des données sont repris en néerlandais.",
        "Titles and texts from the data are given in Dutch.",
    ),
    "report.intro": (
        "Dit verslag bundelt wat de regio in {year} deed binnen de regierol sociale economie: "
        "de acties per pijler en per prioriteit van het Vlaamse kader, de MVO-impulsen, de "
        "werking van het netwerk, de signalen aan andere bestuursniveaus, de overeenkomsten "
        "met de gemeenten en de evolutie van de indicatoren.",
        "Ce rapport rassemble ce que la région a fait en {year} dans le cadre de la régie de "
        "l’économie sociale : les actions par pilier et par priorité du cadre flamand, les "
        "impulsions RSE, le travail du réseau, les signalements aux autres niveaux de pouvoir, "
        "les conventions avec les communes et l’évolution des indicateurs.",
        "This report brings together what the region did in {year} in its social economy "
        "regie role: the actions per pillar and per priority of the Flemish framework, the CSR "
        "impulses, the work of the network, the signals to other levels of government, the "
        "agreements with the municipalities and how the indicators moved.",
    ),
    "toc": ("Inhoud", "Table des matières", "Contents"),
    "page": ("Pagina {n} van {total}", "Page {n} sur {total}", "Page {n} of {total}"),
    # sections
    "sec.summary": ("Kerncijfers", "Chiffres clés", "Key figures"),
    "sec.checklist": (
        "Checklist Vlaams kader",
        "Liste de contrôle du cadre flamand",
        "Flemish framework checklist",
    ),
    "sec.pillars": ("Acties per pijler", "Actions par pilier", "Actions per pillar"),
    "sec.priorities": (
        "Acties per WSE-LR-prioriteit",
        "Actions par priorité WSE-LR",
        "Actions per WSE-LR priority",
    ),
    "sec.mvo": ("MVO-thema’s van het jaar", "Thèmes RSE de l’année", "CSR themes of the year"),
    "sec.meetings": (
        "Vergaderingen en besluiten",
        "Réunions et décisions",
        "Meetings and decisions",
    ),
    "sec.dossiers": ("Signalisatiedossiers", "Dossiers de signalement", "Signalisation dossiers"),
    "sec.agreements": (
        "LDE/DAEB-overeenkomsten per gemeente",
        "Conventions LDE/SIEG par commune",
        "LDE/SGEI agreements per municipality",
    ),
    "sec.indicators": ("Indicatoren", "Indicateurs", "Indicators"),
    "sec.charts": ("Indicatoren in grafiek", "Indicateurs en graphique", "Indicators as charts"),
    # key figures
    "kf.actions_active": ("Lopende acties", "Actions en cours", "Active actions"),
    "kf.milestones_reached": ("Bereikte mijlpalen", "Étapes atteintes", "Milestones reached"),
    "kf.mvo_actions": ("Acties met MVO-thema", "Actions avec thème RSE", "Actions with CSR theme"),
    "kf.meetings_held": ("Vergaderingen", "Réunions", "Meetings held"),
    "kf.decisions": ("Besluiten", "Décisions", "Decisions"),
    "kf.dossiers_with_activity": (
        "Dossiers in beweging",
        "Dossiers en mouvement",
        "Dossiers with activity",
    ),
    "kf.agreements_active": ("Lopende overeenkomsten", "Conventions actives", "Active agreements"),
    "kf.municipalities_with_agreement": (
        "Gemeenten met overeenkomst",
        "Communes avec convention",
        "Municipalities with an agreement",
    ),
    "kf.indicators": ("Indicatoren", "Indicateurs", "Indicators"),
    "kf.indicators_with_values": (
        "Indicatoren gemeten in het jaar",
        "Indicateurs mesurés dans l’année",
        "Indicators measured in the year",
    ),
    "kf.priorities_without_action": (
        "Prioriteiten zonder actie",
        "Priorités sans action",
        "Priorities without action",
    ),
    # columns
    "col.code": ("Code", "Code", "Code"),
    "col.version": ("Versie", "Version", "Version"),
    "col.title": ("Titel", "Titre", "Title"),
    "col.name": ("Naam", "Nom", "Name"),
    "col.pillar": ("Pijler", "Pilier", "Pillar"),
    "col.objective": ("Doelstelling", "Objectif", "Objective"),
    "col.priority": ("WSE-LR", "WSE-LR", "WSE-LR"),
    "col.status": ("Status", "Statut", "Status"),
    "col.progress": ("Voortgang (%)", "Avancement (%)", "Progress (%)"),
    "col.period": ("Looptijd", "Période", "Period"),
    "col.start": ("Begin", "Début", "Start"),
    "col.end": ("Einde", "Fin", "End"),
    "col.lead": ("Trekker", "Pilote", "Lead"),
    "col.milestones": ("Mijlpalen bereikt", "Étapes atteintes", "Milestones reached"),
    "col.milestone": ("Mijlpaal", "Étape", "Milestone"),
    "col.due": ("Gepland", "Prévu", "Due"),
    "col.done": ("Bereikt op", "Atteinte le", "Done on"),
    "col.accent": ("Accent", "Accent", "Accent"),
    "col.themes": ("MVO-thema’s", "Thèmes RSE", "CSR themes"),
    "col.theme": ("Thema", "Thème", "Theme"),
    "col.actions": ("Acties", "Actions", "Actions"),
    "col.count": ("Aantal", "Nombre", "Count"),
    "col.body": ("Orgaan", "Organe", "Body"),
    "col.kind": ("Soort", "Type", "Kind"),
    "col.date": ("Datum", "Date", "Date"),
    "col.meeting": ("Vergadering", "Réunion", "Meeting"),
    "col.location": ("Plaats", "Lieu", "Place"),
    "col.present": ("Aanwezig", "Présents", "Present"),
    "col.excused": ("Verontschuldigd", "Excusés", "Excused"),
    "col.absent": ("Afwezig", "Absents", "Absent"),
    "col.decision": ("Besluit", "Décision", "Decision"),
    "col.decisions": ("Besluiten", "Décisions", "Decisions"),
    "col.action": ("Actie", "Action", "Action"),
    "col.dossier": ("Dossier", "Dossier", "Dossier"),
    "col.minutes": ("Uit het verslag", "Extrait du procès-verbal", "From the minutes"),
    "col.level": ("Niveau", "Niveau", "Level"),
    "col.raised_by": ("Aangebracht door", "Soulevé par", "Raised by"),
    "col.opened": ("Geopend", "Ouvert", "Opened"),
    "col.on_agenda": ("Geagendeerd", "À l’ordre du jour", "On the agenda"),
    "col.signalled": ("Gesignaleerd", "Signalé", "Signalled"),
    "col.answered": ("Beantwoord", "Répondu", "Answered"),
    "col.closed": ("Afgesloten", "Clôturé", "Closed"),
    "col.evidence": ("Onderbouwing", "Éléments probants", "Evidence"),
    "col.events": ("Tijdlijn", "Chronologie", "Timeline"),
    "col.municipality": ("Gemeente", "Commune", "Municipality"),
    "col.nis": ("NIS", "INS", "NIS"),
    "col.agreement": ("Overeenkomst", "Convention", "Agreement"),
    "col.service": ("Dienst", "Service", "Service"),
    "col.provider": ("Uitvoerder", "Prestataire", "Provider"),
    "col.regime": ("Regime", "Régime", "Regime"),
    "col.compensation": (
        "Compensatie (EUR/jaar)",
        "Compensation (EUR/an)",
        "Compensation (EUR/yr)",
    ),
    "col.volume": ("Volume", "Volume", "Volume"),
    "col.unit": ("Eenheid", "Unité", "Unit"),
    "col.geography": ("Gebied", "Territoire", "Area"),
    "col.baseline": ("Nulmeting", "Valeur de référence", "Baseline"),
    "col.baseline_date": ("Datum nulmeting", "Date de référence", "Baseline date"),
    "col.target": ("Doel", "Cible", "Target"),
    "col.target_date": ("Datum doel", "Date cible", "Target date"),
    "col.previous": ("Vorige waarde", "Valeur précédente", "Previous value"),
    "col.previous_date": ("Datum vorige", "Date précédente", "Previous date"),
    "col.values": ("Waarden {year}", "Valeurs {year}", "Values {year}"),
    "col.last_value": ("Laatste waarde {year}", "Dernière valeur {year}", "Last value {year}"),
    "col.value": ("Waarde", "Valeur", "Value"),
    "col.reached": ("Doel bereikt", "Cible atteinte", "Target reached"),
    "col.source": ("Bron", "Source", "Source"),
    "col.total": ("Totaal", "Total", "Total"),
    "col.check": ("Controle", "Contrôle", "Check"),
    "col.indicator": ("Indicator", "Indicateur", "Indicator"),
    # messages
    "msg.none": ("Geen.", "Aucun.", "None."),
    "msg.no_actions": ("Geen lopende acties.", "Aucune action en cours.", "No active actions."),
    "msg.no_meetings": (
        "Geen vergaderingen gehouden:",
        "Aucune réunion tenue :",
        "No meetings held:",
    ),
    "msg.no_agreement": ("geen overeenkomst", "aucune convention", "no agreement"),
    "msg.no_dossiers": (
        "Geen dossiers geopend, geagendeerd, gesignaleerd, beantwoord of afgesloten.",
        "Aucun dossier ouvert, mis à l’ordre du jour, signalé, répondu ou clôturé.",
        "No dossier opened, put on the agenda, signalled, answered or closed.",
    ),
    "msg.check_ok": ("in orde", "en ordre", "in order"),
    "msg.check_missing": (
        "geen actie in {year}",
        "aucune action en {year}",
        "no action in {year}",
    ),
    "msg.checklist_intro": (
        "Het Vlaamse kader vraagt elk jaar minstens één actie per WSE-LR-prioriteit en een "
        "MVO-impuls.",
        "Le cadre flamand demande chaque année au moins une action par priorité WSE-LR et une "
        "impulsion RSE.",
        "The Flemish framework asks for at least one action per WSE-LR priority and a CSR "
        "impulse every year.",
    ),
    "msg.without_priority": (
        "Acties zonder WSE-LR-code",
        "Actions sans code WSE-LR",
        "Actions without a WSE-LR code",
    ),
    "msg.accent_actions": (
        "Acties met een accent op {year}",
        "Actions avec un accent sur {year}",
        "Actions with an accent on {year}",
    ),
    "msg.per_level": (
        "Signalen per bestuursniveau",
        "Signalements par niveau de pouvoir",
        "Signals per level of government",
    ),
    "msg.chart_note": (
        "Grijs: nulmeting en vorige waarde; blauwgroen: waarden van {year}; stippellijn: doel.",
        "Gris : référence et valeur précédente ; bleu-vert : valeurs de {year} ; "
        "pointillé : cible.",
        "Grey: baseline and previous value; teal: values of {year}; dotted line: target.",
    ),
    "msg.charts_capped": (
        "Grafieken voor de eerste {n} van {total} indicatoren; alle cijfers staan in de tabel.",
        "Graphiques des {n} premiers indicateurs sur {total} ; tous les chiffres sont dans le "
        "tableau.",
        "Charts for the first {n} of {total} indicators; every figure is in the table.",
    ),
    "msg.more_rows": (
        "… en nog {n} rijen: het rekenblad (xlsx) en de JSON-versie bevatten alles.",
        "… et encore {n} lignes : la feuille de calcul (xlsx) et la version JSON contiennent tout.",
        "… and {n} more rows: the spreadsheet (xlsx) and the JSON version hold them all.",
    ),
    "msg.internal_note": (
        "Interne notitie",
        "Note interne",
        "Internal note",
    ),
    "check.mvo": (
        "MVO-impuls: actie met MVO-thema en accent op het jaar",
        "Impulsion RSE : action avec thème RSE et accent sur l’année",
        "CSR impulse: action with a CSR theme and an accent on the year",
    ),
    "chart.baseline": ("nulmeting", "référence", "baseline"),
    "chart.previous": ("vorige", "précédente", "previous"),
    "chart.target": ("doel", "cible", "target"),
    "yes": ("ja", "oui", "yes"),
    "no": ("nee", "non", "no"),
    "sheet.summary": ("Overzicht", "Aperçu", "Summary"),
    "sheet.checklist": ("Checklist", "Contrôle", "Checklist"),
    "sheet.actions": ("Acties", "Actions", "Actions"),
    "sheet.milestones": ("Mijlpalen", "Étapes", "Milestones"),
    "sheet.mvo": ("MVO", "RSE", "CSR"),
    "sheet.meetings": ("Vergaderingen", "Réunions", "Meetings"),
    "sheet.decisions": ("Besluiten", "Décisions", "Decisions"),
    # agenda proposals: items carried to W13's board
    "sheet.board": ("Bestuur W13", "Conseil W13", "W13 board"),
    "sub.board": (
        "Agendapunten naar het bestuur van W13",
        "Points transmis au conseil de W13",
        "Agenda items carried to W13's board",
    ),
    "col.proposer": ("Voorgesteld door", "Proposé par", "Proposed by"),
    "col.board_handled": (
        "Behandeld door het bestuur",
        "Traité par le conseil",
        "Handled by the board",
    ),
    "col.board_answer": ("Antwoord van het bestuur", "Réponse du conseil", "The board's answer"),
    "msg.board_pending": ("nog niet behandeld", "pas encore traité", "not handled yet"),
    "sheet.dossiers": ("Dossiers", "Dossiers", "Dossiers"),
    "sheet.agreements": ("Overeenkomsten", "Conventions", "Agreements"),
    "sheet.indicators": ("Indicatoren", "Indicateurs", "Indicators"),
    "sheet.measurements": ("Metingen", "Mesures", "Measurements"),
}

ENUMS: dict[str, dict[str, tuple[str, str, str]]] = {
    "action_status": {
        "planned": ("gepland", "planifiée", "planned"),
        "in_progress": ("lopend", "en cours", "in progress"),
        "on_hold": ("gepauzeerd", "en attente", "on hold"),
        "done": ("afgerond", "terminée", "done"),
        "cancelled": ("geannuleerd", "annulée", "cancelled"),
    },
    "mvo_theme": {
        "mobiliteit": ("mobiliteit", "mobilité", "mobility"),
        "werkbaar_werk": ("werkbaar werk", "travail faisable", "workable work"),
        "duurzaamheid": (
            "duurzaamheid en ecologie",
            "durabilité et écologie",
            "sustainability and ecology",
        ),
        "sociaal_aanbesteden": (
            "sociaal aanbesteden",
            "marchés publics sociaux",
            "social procurement",
        ),
    },
    "dossier_status": {
        "open": ("open", "ouvert", "open"),
        "on_agenda": ("geagendeerd", "à l’ordre du jour", "on the agenda"),
        "signalled": ("gesignaleerd", "signalé", "signalled"),
        "answered": ("beantwoord", "répondu", "answered"),
        "closed": ("afgesloten", "clôturé", "closed"),
    },
    "dossier_theme": {
        "indicering_toeleiding": (
            "indicering en toeleiding",
            "indication et orientation",
            "assessment and referral",
        ),
        "contingentering": ("contingentering", "contingentement", "trajectory quotas"),
        "mobiliteit": ("mobiliteit", "mobilité", "mobility"),
        "doorstroom": ("doorstroom", "transition", "progression"),
        "anderstaligen": ("anderstaligen", "allophones", "speakers of other languages"),
        "langdurig_zieken": ("langdurig zieken", "malades de longue durée", "long-term sick"),
        "jongeren": ("jongeren", "jeunes", "young people"),
        "overig": ("overig", "autre", "other"),
    },
    "dossier_level": {
        "vlaanderen": ("Vlaanderen", "Flandre", "Flanders"),
        "provincie": ("provincie", "province", "province"),
        "europa": ("Europa", "Europe", "Europe"),
        "vdab": ("VDAB", "VDAB", "VDAB"),
        "federaal": ("federaal", "fédéral", "federal"),
        "lokaal": ("lokaal", "local", "local"),
    },
    "event_kind": {
        "note": ("notitie", "note", "note"),
        "status_change": ("statuswijziging", "changement de statut", "status change"),
        "signalled": ("gesignaleerd", "signalé", "signalled"),
        "answer": ("antwoord", "réponse", "answer"),
        "meeting": ("vergadering", "réunion", "meeting"),
    },
    "regime": {
        "lde": ("LDE", "LDE", "LDE"),
        "individueel_maatwerk": (
            "individueel maatwerk",
            "travail adapté individuel",
            "individual custom work",
        ),
        "transitional": ("overgangsregime", "régime transitoire", "transitional regime"),
    },
    "volume_unit": {
        "hours": ("uren", "heures", "hours"),
        "places": ("plaatsen", "places", "places"),
        "fte": ("VTE", "ETP", "FTE"),
    },
    "geography": {
        "vlaanderen": ("Vlaanderen", "Flandre", "Flanders"),
        "west_vlaanderen": ("West-Vlaanderen", "Flandre occidentale", "West Flanders"),
        "zuid_west_vlaanderen": (
            "Zuid-West-Vlaanderen",
            "Flandre occidentale du Sud-Ouest",
            "South-West Flanders",
        ),
        "municipality": ("gemeente", "commune", "municipality"),
    },
    "body_kind": {
        "general_assembly": ("algemene vergadering", "assemblée générale", "general assembly"),
        "action_group": ("actiegroep", "groupe d’action", "action group"),
        "workgroup": ("werkgroep", "groupe de travail", "working group"),
        "event": ("evenement", "événement", "event"),
    },
    "indicator_kind": {
        "action": ("actie", "action", "action"),
        "context": ("context", "contexte", "context"),
    },
}

_INDEX = {NL: 0, FR: 1, EN: 2}
MONTHS = {
    NL: (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    FR: (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    EN: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def label(key: str, lang: Language, **values: object) -> str:
    """The label in the language (Dutch when a translation is empty), with {placeholders}."""
    texts = LABELS[key]
    text = texts[_INDEX[lang]] or texts[0]
    return text.format(**values) if values else text


def enum(kind: str, value: object, lang: Language) -> str:
    """An enum value's label; an unknown value is shown as it is."""
    if value is None:
        return ""
    texts = ENUMS.get(kind, {}).get(str(value))
    return texts[_INDEX[lang]] if texts else str(value)


def negotiate_language(header: str | None) -> Language:
    """The best language of `Accept-Language` that the report speaks (Dutch by default)."""
    best, best_q = Language.nl, 0.0
    for member, q in weighted(header or ""):
        tag = member.split("-")[0]
        if tag in Language.__members__ and q > best_q:
            best, best_q = Language(tag), q
    return best


def fmt_date(day: date | None, lang: Language) -> str:
    """A short date as people of the language write it."""
    if day is None:
        return ""
    if lang is EN:
        return day.isoformat()
    return day.strftime("%d/%m/%Y" if lang is FR else "%d-%m-%Y")


def fmt_long_date(day: date, lang: Language) -> str:
    month = MONTHS[lang][day.month - 1]
    return f"{month} {day.day}, {day.year}" if lang is EN else f"{day.day} {month} {day.year}"


def fmt_number(
    value: Decimal | float | int | None, lang: Language, places: int | None = None
) -> str:
    """A figure with the language's separators; trailing zeros dropped unless places is set."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if places is not None:
        text = f"{number:,.{places}f}"
    else:
        text = f"{number.normalize():,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if lang is EN:
        return text
    thousands = "." if lang is NL else "\u00a0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", thousands)


# The server's one table of enum labels also serves problem texts (`{name:term.<kind>}` in
# api.core.i18n), e.g. the statuses a dossier may move to.
core_i18n.register(
    {
        f"term.{kind}.{value}": dict(zip(core_i18n.LANGUAGES, texts, strict=True))
        for kind, values in ENUMS.items()
        for value, texts in values.items()
    }
)

# Issue 13 §4: the report's refusals.
core_i18n.register(
    {
        "report_internal": {
            "nl": "Alleen W13 mag het verslag met interne notities lezen.",
            "fr": "Seul W13 peut lire le rapport avec les notes internes.",
            "en": "Only W13 may read the report with internal notes.",
        },
        "report_year.detail": {
            "nl": "Het jaar moet tussen {min} en {max} liggen.",
            "fr": "L'année doit se situer entre {min} et {max}.",
            "en": "The year must lie between {min} and {max}.",
        },
        "report_year": {
            "nl": "Buiten bereik.",
            "fr": "Hors limites.",
            "en": "Out of range.",
        },
        "report_formats": {
            "nl": "Het verslag bestaat als {types}.",
            "fr": "Le rapport est disponible en {types}.",
            "en": "The report is available as {types}.",
        },
    }
)
