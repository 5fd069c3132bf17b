"""Seed dataset for the regie sociale economie Zuid-West-Vlaanderen (W13 + ROSE).

Pure data, no logic. The pillars, objectives and actions follow the content of the regional
action plan 2020-2025 ("Actieplan regie sociale economie Zuid-West-Vlaanderen"), described in
our own words (Dutch); no sentences of the plan are copied. The context indicators carry the
real figures quoted in the plan (participatieladder 2017, job ratio and youth unemployment 2019,
...), each with its source.

The rest is demonstration material:
- organisations with ``"fictional": True`` are invented; their names end in "(fictief)", their
  KBO numbers are merely mod-97 valid and their contact persons and addresses are made up
  (example.org, "Voorbeeldstraat");
- real public bodies (W13, VDAB, the province, POM, RESOC, OCMW Kortrijk) appear as actors, but
  never with personal data: they have no contact persons;
- the status, progress and milestones of actions, the measurements of action indicators,
  meetings, dossier events and DAEB agreements are illustrative (measurements say so in their
  note: "Illustratief cijfer").

Cross-references use natural keys, never UUIDs: actors by ``key``, pillars, objectives,
actions, indicators, bodies and dossiers by ``code``, meetings and agreements by ``key`` and
municipalities by NIS code. Dates are ``YYYY-MM-DD`` strings, datetimes are UTC
``YYYY-MM-DDTHH:MM:00Z`` strings. Field names follow docs/data-model.md.
"""

from typing import Any

# ---------------------------------------------------------------------------------------------
# Municipalities: the W13 region (Statbel REFNIS codes). Validity dates make the list data,
# not a hard-coded set: all codes date from the 1977 fusion and are still valid.
# ---------------------------------------------------------------------------------------------

MUNICIPALITIES: list[dict[str, Any]] = [
    {
        "nis_code": "34002",
        "name_nl": "Anzegem",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34003",
        "name_nl": "Avelgem",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34009",
        "name_nl": "Deerlijk",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34013",
        "name_nl": "Harelbeke",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34022",
        "name_nl": "Kortrijk",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34023",
        "name_nl": "Kuurne",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34025",
        "name_nl": "Lendelede",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34027",
        "name_nl": "Menen",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34043",
        "name_nl": "Spiere-Helkijn",
        "name_fr": "Espierres-Helchin",
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34040",
        "name_nl": "Waregem",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "33029",
        "name_nl": "Wervik",
        "name_fr": None,
        "arrondissement": "Ieper",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34041",
        "name_nl": "Wevelgem",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    {
        "nis_code": "34042",
        "name_nl": "Zwevegem",
        "name_fr": None,
        "arrondissement": "Kortrijk",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
    # Wielsbeke (arrondissement Tielt) joined W13 in 2017 as its fourteenth member.
    {
        "nis_code": "37017",
        "name_nl": "Wielsbeke",
        "name_fr": None,
        "arrondissement": "Tielt",
        "valid_from": "1977-01-01",
        "valid_to": None,
        "w13_member": True,
    },
]

# ---------------------------------------------------------------------------------------------
# Actors. Real public bodies first (no KBO number, no contact persons), then the fictional
# social-economy organisations used for demonstration.
# ---------------------------------------------------------------------------------------------

ACTORS: list[dict[str, Any]] = [
    # --- real actors named in the action plan ------------------------------------------------
    {
        "key": "w13",
        "name": "W13",
        "kind": "w13",
        "kbo_number": None,
        "description": (
            "Intergemeentelijke welzijnsvereniging van de lokale besturen van Zuid-West-Vlaanderen. "
            "Binnen team Werk coördineert de regisseur sociale economie de regionale sociale economie: "
            "W13 brengt partners samen, adviseert en ondersteunt, maar laat de uitvoering zoveel "
            "mogelijk aan de organisaties zelf."
        ),
        "street": None,
        "postal_code": "8500",
        "city": "Kortrijk",
        "municipality": "34022",
        "website": "https://www.w13.be",
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": ["langdurig_werkzoekenden", "leefloners", "personen_met_arbeidsbeperking"],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    {
        "key": "vdab",
        "name": "VDAB",
        "kind": "partner",
        "kbo_number": None,
        "description": (
            "De Vlaamse dienst voor arbeidsbemiddeling en beroepsopleiding. Voor de sociale economie "
            "is VDAB de partner die werkzoekenden indiceert en toeleidt naar maatwerk en andere "
            "inschakelingstrajecten; VDAB schuift mee aan in ROSE."
        ),
        "street": None,
        "postal_code": None,
        "city": None,
        "municipality": None,
        "website": "https://www.vdab.be",
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": [
            "langdurig_werkzoekenden",
            "jongeren",
            "anderstaligen",
            "personen_met_arbeidsbeperking",
        ],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    {
        "key": "provincie-wvl",
        "name": "Provincie West-Vlaanderen",
        "kind": "partner",
        "kbo_number": None,
        "description": (
            "Het provinciebestuur is partner in ROSE, onder meer voor bovenlokale thema's zoals de "
            "bereikbaarheid van werkplekken en duurzaamheid."
        ),
        "street": None,
        "postal_code": None,
        "city": "Brugge",
        "municipality": None,
        "website": "https://www.west-vlaanderen.be",
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": [],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    {
        "key": "pom-wvl",
        "name": "POM West-Vlaanderen",
        "kind": "partner",
        "kbo_number": None,
        "description": (
            "De provinciale ontwikkelingsmaatschappij ondersteunt de economische ontwikkeling van de "
            "provincie. Ze levert de regionale participatieladder en bestudeerde de economische "
            "verankering van maatwerkbedrijven; in ROSE vormt ze een brug naar reguliere bedrijven."
        ),
        "street": None,
        "postal_code": None,
        "city": None,
        "municipality": None,
        "website": "https://www.pomwvl.be",
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": [],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    {
        "key": "resoc-zwvl",
        "name": "RESOC Zuid-West-Vlaanderen",
        "kind": "partner",
        "kbo_number": None,
        "description": (
            "Regionaal sociaal-economisch overleg waarin lokale besturen en sociale partners samen "
            "aan de streekontwikkeling werken. Levert cijfers en trendanalyses over de regionale "
            "arbeidsmarkt en bevolking."
        ),
        "street": None,
        "postal_code": None,
        "city": "Kortrijk",
        "municipality": "34022",
        "website": None,
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": [],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    {
        "key": "ocmw-kortrijk",
        "name": "OCMW Kortrijk",
        "kind": "lokaal_bestuur",
        "kbo_number": None,
        "description": (
            "Het openbaar centrum voor maatschappelijk welzijn van Kortrijk begeleidt onder meer "
            "leefloners naar werk en kan zelf doelgroepmedewerkers toeleiden naar de sociale "
            "economie. Het signaleerde het grote aandeel jongeren onder de leefloners."
        ),
        "street": None,
        "postal_code": "8500",
        "city": "Kortrijk",
        "municipality": "34022",
        "website": "https://www.kortrijk.be",
        "email": None,
        "phone": None,
        "contact_persons": [],
        "rose_member": True,
        "target_groups": ["leefloners", "jongeren", "nieuwkomers"],
        "places": [],
        "goods_services": [],
        "fictional": False,
    },
    # --- fictional organisations (demonstration data) ----------------------------------------
    {
        "key": "fictief-klusjesbedrijf-kortrijk",
        "name": "Klusjesbedrijf Handig Kortrijk (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999701004",
        "description": (
            "Verzonnen LDE-onderneming. Ploegen van doelgroepwerknemers voeren onder begeleiding van "
            "een werkleider kleine herstellingen, schilderwerk en tuinonderhoud uit bij inwoners die "
            "dat zelf niet meer kunnen en er op de gewone markt geen betaalbaar aanbod voor vinden."
        ),
        "street": "Voorbeeldstraat 10",
        "postal_code": "8500",
        "city": "Kortrijk",
        "municipality": "34022",
        "website": "https://klusjesbedrijf-kortrijk.example.org",
        "email": "info@klusjesbedrijf-kortrijk.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "An Voorbeeld",
                "role": "coördinator",
                "email": "an.voorbeeld@example.org",
                "phone": None,
            },
            {
                "name": "Bram Proefmans",
                "role": "werkleider",
                "email": "bram.proefmans@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["langdurig_werkzoekenden", "personen_met_arbeidsbeperking", "ouderen"],
        "places": [
            {
                "rung": 5,
                "description": "Betaald werk met begeleiding in een klusjesploeg (LDE, in overgang naar individueel maatwerk)",
                "count": 14,
            },
            {
                "rung": 4,
                "description": "Werkplekleren als voorbereiding op een betaalde job",
                "count": 3,
            },
        ],
        "goods_services": [
            {
                "name": "Klusjesdienst",
                "description": "Kleine herstellingen en onderhoud in en rond de woning, aan sociaal tarief.",
            },
            {
                "name": "Tuinonderhoud",
                "description": "Maaien, snoeien en opruimen bij ouderen en personen met een beperking.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-kinderopvang-menen",
        "name": "Kinderopvang De Speelboot (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999702388",
        "description": (
            "Verzonnen LDE-onderneming met een kinderopvang en buitenschoolse opvang. Ouders met een "
            "beperkt inkomen of in een opleidingstraject krijgen voorrang; de begeleiders zijn deels "
            "doelgroepwerknemers die er het vak leren."
        ),
        "street": "Voorbeeldlaan 3",
        "postal_code": "8930",
        "city": "Menen",
        "municipality": "34027",
        "website": "https://speelboot-menen.example.org",
        "email": "info@speelboot-menen.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Carla Testers",
                "role": "verantwoordelijke opvang",
                "email": "carla.testers@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["nieuwkomers", "anderstaligen", "langdurig_werkzoekenden"],
        "places": [
            {
                "rung": 5,
                "description": "Kinderbegeleider in opleiding, betaald en begeleid",
                "count": 9,
            },
            {"rung": 4, "description": "Stageplaats kinderzorg", "count": 2},
        ],
        "goods_services": [
            {
                "name": "Kinderopvang",
                "description": "Opvang van baby's en peuters met inkomensgerelateerd tarief.",
            },
            {
                "name": "Buitenschoolse opvang",
                "description": "Voor- en naschoolse opvang en opvang tijdens vakanties.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-strijkatelier-harelbeke",
        "name": "Strijkatelier Het Plooiken (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999703675",
        "description": (
            "Verzonnen LDE-onderneming: een strijkatelier met ophaal- en leverdienst. Biedt vooral "
            "laagdrempelig, vast werk aan vrouwen die lang uit de arbeidsmarkt waren of nog "
            "Nederlands leren."
        ),
        "street": "Voorbeeldstraat 27",
        "postal_code": "8530",
        "city": "Harelbeke",
        "municipality": "34013",
        "website": None,
        "email": "info@plooiken.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Dirk Demo",
                "role": "zaakvoerder",
                "email": "dirk.demo@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["langdurig_werkzoekenden", "anderstaligen", "ouderen"],
        "places": [
            {"rung": 5, "description": "Strijkster of strijker met begeleiding", "count": 11},
            {"rung": 4, "description": "Werkplekleren in het atelier", "count": 2},
        ],
        "goods_services": [
            {
                "name": "Strijkdienst",
                "description": "Strijkwerk per mand, met ophaling en levering aan huis.",
            },
            {
                "name": "Naaiherstellingen",
                "description": "Kleine herstellingen aan kledij en huislinnen.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-fietsatelier-waregem",
        "name": "Fietsatelier Op Wielen (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999704962",
        "description": (
            "Verzonnen sociale onderneming die fietsen herstelt, tweedehandsfietsen opknapt en een "
            "fietspunt uitbaat. Jongeren en nieuwkomers leren er technische basisvaardigheden en "
            "werkattitudes."
        ),
        "street": "Voorbeeldplein 1",
        "postal_code": "8790",
        "city": "Waregem",
        "municipality": "34040",
        "website": "https://opwielen.example.org",
        "email": "info@opwielen.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Eva Fictief",
                "role": "atelierverantwoordelijke",
                "email": "eva.fictief@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["jongeren", "nieuwkomers", "langdurig_werkzoekenden"],
        "places": [
            {
                "rung": 5,
                "description": "Fietshersteller met begeleiding (individueel maatwerk)",
                "count": 8,
            },
            {
                "rung": 4,
                "description": "Werkplekleren en oriëntatiestage voor jongeren",
                "count": 4,
            },
        ],
        "goods_services": [
            {
                "name": "Fietsherstel",
                "description": "Onderhoud en herstel van fietsen, ook voor bedrijfsvloten.",
            },
            {
                "name": "Tweedehandsfietsen",
                "description": "Opgeknapte fietsen aan een democratische prijs.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-groenploeg-wevelgem",
        "name": "Groenploeg Leiestreek (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999706249",
        "description": (
            "Verzonnen organisatie die met begeleide ploegen openbaar groen, trage wegen en "
            "begraafplaatsen onderhoudt voor lokale besturen in het westen van de regio."
        ),
        "street": "Voorbeeldweg 55",
        "postal_code": "8560",
        "city": "Wevelgem",
        "municipality": "34041",
        "website": None,
        "email": "info@groenploeg-leiestreek.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Frank Steekproef",
                "role": "ploegbaas",
                "email": "frank.steekproef@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["langdurig_werkzoekenden", "personen_met_arbeidsbeperking"],
        "places": [
            {"rung": 5, "description": "Groenarbeider in een begeleide ploeg", "count": 16},
        ],
        "goods_services": [
            {
                "name": "Groenonderhoud",
                "description": "Onderhoud van openbaar groen, bermen en trage wegen.",
            },
            {
                "name": "Onderhoud begraafplaatsen",
                "description": "Onkruidbeheer en netheid van kerkhoven.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-buurtrestaurant-avelgem",
        "name": "Buurtrestaurant Scheldezicht (fictief)",
        "kind": "lde_onderneming",
        "kbo_number": "0999707536",
        "description": (
            "Verzonnen sociaal buurtrestaurant dat een betaalbaar middagmaal serveert en maaltijden "
            "aan huis brengt in de Scheldestreek, met bediening in het Nederlands en het Frans."
        ),
        "street": "Voorbeeldkaai 8",
        "postal_code": "8580",
        "city": "Avelgem",
        "municipality": "34003",
        "website": None,
        "email": "info@scheldezicht.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Gitte Dummy",
                "role": "coördinator",
                "email": "gitte.dummy@example.org",
                "phone": None,
            },
        ],
        "rose_member": False,
        "target_groups": ["ouderen", "leefloners", "langdurig_werkzoekenden"],
        "places": [
            {"rung": 5, "description": "Keuken- of zaalmedewerker met begeleiding", "count": 7},
            {"rung": 4, "description": "Werkplekleren in de keuken", "count": 2},
        ],
        "goods_services": [
            {
                "name": "Buurtrestaurant",
                "description": "Dagelijks middagmaal met sociaal tarief voor wie dat nodig heeft.",
            },
            {
                "name": "Maaltijden aan huis",
                "description": "Warme maaltijden voor ouderen die minder mobiel zijn.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-maatwerkbedrijf-zwevegem",
        "name": "Maatwerkbedrijf Schelde & Leie (fictief)",
        "kind": "maatwerkbedrijf",
        "kbo_number": "0999708823",
        "description": (
            "Verzonnen maatwerkbedrijf met een paar honderd medewerkers. Werkt voor industriële "
            "klanten (verpakken, assembleren, logistiek) en zet ploegen in bij klanten op locatie "
            "(enclavewerk)."
        ),
        "street": "Voorbeeldstraat 100",
        "postal_code": "8550",
        "city": "Zwevegem",
        "municipality": "34042",
        "website": "https://schelde-leie.example.org",
        "email": "info@schelde-leie.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Hanne Voorbeeld",
                "role": "directeur",
                "email": "hanne.voorbeeld@example.org",
                "phone": None,
            },
            {
                "name": "Ivo Proefmans",
                "role": "jobcoach",
                "email": "ivo.proefmans@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": [
            "personen_met_arbeidsbeperking",
            "langdurig_zieken",
            "langdurig_werkzoekenden",
        ],
        "places": [
            {"rung": 5, "description": "Doelgroepwerknemer in collectief maatwerk", "count": 180},
            {"rung": 5, "description": "Enclaveploeg bij een reguliere klant", "count": 25},
            {"rung": 4, "description": "Werkplekleren en arbeidsoriëntatie", "count": 12},
        ],
        "goods_services": [
            {
                "name": "Verpakking en assemblage",
                "description": "Handmatig en halfautomatisch verpakken, sorteren en monteren.",
            },
            {
                "name": "Logistiek",
                "description": "Opslag, orderpicking en verzending voor kleine en middelgrote bedrijven.",
            },
            {
                "name": "Digitalisering van archieven",
                "description": "Scannen en indexeren van papieren dossiers.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-maatwerkbedrijf-wielsbeke",
        "name": "Maatwerkbedrijf Mandelwerk (fictief)",
        "kind": "maatwerkbedrijf",
        "kbo_number": "0999710110",
        "description": (
            "Verzonnen maatwerkbedrijf met een houtatelier, een cateringafdeling en schoonmaakploegen. "
            "Heeft ervaring met anderstalige medewerkers en werkt met visuele werkinstructies."
        ),
        "street": "Voorbeeldstraat 2",
        "postal_code": "8710",
        "city": "Wielsbeke",
        "municipality": "37017",
        "website": "https://mandelwerk.example.org",
        "email": "info@mandelwerk.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Jasper Testermans",
                "role": "personeelsverantwoordelijke",
                "email": "jasper.testermans@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["personen_met_arbeidsbeperking", "anderstaligen", "nieuwkomers"],
        "places": [
            {
                "rung": 5,
                "description": "Doelgroepwerknemer in collectief maatwerk (hout, catering, schoonmaak)",
                "count": 95,
            },
            {
                "rung": 4,
                "description": "Werkplekleren met taalondersteuning op de werkvloer",
                "count": 8,
            },
        ],
        "goods_services": [
            {"name": "Houtbewerking", "description": "Paletten, kisten en maatwerk in hout."},
            {
                "name": "Catering",
                "description": "Broodjes en buffetten voor vergaderingen en evenementen.",
            },
            {"name": "Schoonmaak", "description": "Schoonmaak van kantoren en sanitaire ruimtes."},
        ],
        "fictional": True,
    },
    {
        "key": "fictief-arbeidszorg-anzegem",
        "name": "Zorgboerderij De Werkhoeve (fictief)",
        "kind": "arbeidszorginitiatief",
        "kbo_number": "0999711494",
        "description": (
            "Verzonnen arbeidszorginitiatief op een boerderij. Deelnemers die (nog) geen betaald werk "
            "aankunnen, werken er in hun eigen tempo mee in de moestuin, bij de dieren en in de "
            "hoevewinkel."
        ),
        "street": "Voorbeeldhoek 4",
        "postal_code": "8570",
        "city": "Anzegem",
        "municipality": "34002",
        "website": "https://werkhoeve.example.org",
        "email": "info@werkhoeve.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Kato Voorbeeld",
                "role": "begeleider arbeidszorg",
                "email": "kato.voorbeeld@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["langdurig_zieken", "personen_met_arbeidsbeperking", "ouderen"],
        "places": [
            {
                "rung": 3,
                "description": "Arbeidszorgplaats in tuin, stal of hoevewinkel",
                "count": 20,
            },
        ],
        "goods_services": [
            {
                "name": "Groentepakketten",
                "description": "Wekelijkse pakketten met seizoensgroenten van eigen teelt.",
            },
            {
                "name": "Hoevewinkel",
                "description": "Verkoop van eieren, zuivel en streekproducten.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-arbeidszorg-kuurne",
        "name": "Arbeidszorgatelier Den Draad (fictief)",
        "kind": "arbeidszorginitiatief",
        "kbo_number": "0999712781",
        "description": (
            "Verzonnen arbeidszorgatelier dat textiel herstelt en herwerkt. Biedt een zachte instap "
            "voor mensen die na ziekte of een moeilijke periode opnieuw een dagritme willen opbouwen, "
            "en begeleidt wie kan doorgroeien naar de volgende stap."
        ),
        "street": "Voorbeeldstraat 19",
        "postal_code": "8520",
        "city": "Kuurne",
        "municipality": "34023",
        "website": None,
        "email": "info@dendraad.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Lien Proef",
                "role": "coördinator",
                "email": "lien.proef@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["langdurig_zieken", "leefloners", "anderstaligen"],
        "places": [
            {"rung": 3, "description": "Arbeidszorgplaats in het textielatelier", "count": 25},
            {"rung": 4, "description": "Doorstroomplaats met intensieve begeleiding", "count": 4},
        ],
        "goods_services": [
            {"name": "Textielherstel", "description": "Herstellingen en aanpassingen van kledij."},
            {
                "name": "Upcycling",
                "description": "Tassen en accessoires uit afgedankt textiel, ook als relatiegeschenk.",
            },
        ],
        "fictional": True,
    },
    {
        "key": "fictief-staalwerk-deerlijk",
        "name": "Staalwerk Zuidwest (fictief)",
        "kind": "regulier_bedrijf",
        "kbo_number": "0999714068",
        "description": (
            "Verzonnen regulier metaalbedrijf dat een enclaveploeg van een maatwerkbedrijf in zijn "
            "productiehal heeft en werkplekleren aanbiedt. Vertegenwoordigt het normaal economisch "
            "circuit (NEC) in ROSE."
        ),
        "street": "Voorbeeldstraat 70",
        "postal_code": "8540",
        "city": "Deerlijk",
        "municipality": "34009",
        "website": "https://staalwerk-zuidwest.example.org",
        "email": "info@staalwerk-zuidwest.example.org",
        "phone": None,
        "contact_persons": [
            {
                "name": "Mats Demo",
                "role": "HR-manager",
                "email": "mats.demo@example.org",
                "phone": None,
            },
        ],
        "rose_member": True,
        "target_groups": ["jongeren", "langdurig_werkzoekenden"],
        "places": [
            {"rung": 4, "description": "Werkplekleren in de productie", "count": 3},
        ],
        "goods_services": [
            {
                "name": "Metaalbewerking",
                "description": "Snijden, plooien en lassen van staal op maat.",
            },
        ],
        "fictional": True,
    },
]

# ---------------------------------------------------------------------------------------------
# Pillars: the three pillars of the regional action plan and the four priorities of the
# Flemish framework for the local regie role (reporting codes WSE-LR1..4, since 2023).
# ---------------------------------------------------------------------------------------------

PILLARS: list[dict[str, Any]] = [
    {
        "code": "3.3.1",
        "framework": "actieplan",
        "title": "Netwerking op het grondgebied stimuleren",
        "description": (
            "De sociale-economieorganisaties van de regio werken beter samen via ROSE en zijn "
            "deelwerkingen. De leden bepalen waarover het gaat; W13 zorgt dat het overleg vlot loopt "
            "en neemt de punten mee naar de eigen overlegorganen."
        ),
        "sort_order": 1,
    },
    {
        "code": "3.3.2",
        "framework": "actieplan",
        "title": "De lokale sociale economie verder uitbouwen",
        "description": (
            "Het regionale netwerk vervolledigen (met reguliere bedrijven en lokale besturen), "
            "drempels voor doelgroepmedewerkers wegnemen en gericht werken rond groepen die moeilijk "
            "de weg naar werk vinden."
        ),
        "sort_order": 2,
    },
    {
        "code": "3.3.3",
        "framework": "actieplan",
        "title": "Maatschappelijk verantwoord ondernemen (MVO)",
        "description": (
            "MVO staat niet los van de rest maar zit verweven in de acties van de andere pijlers. "
            "Elk jaar krijgt een eigen accent binnen vier thema's: mobiliteit, werkbaar werk, "
            "duurzaamheid en sociaal aanbesteden."
        ),
        "sort_order": 3,
    },
    {
        "code": "WSE-LR1",
        "framework": "vlaams_kader",
        "title": "Regierol opnemen",
        "description": (
            "Vlaamse prioriteit: het lokale bestuur (hier regionaal via W13) neemt de regie van de "
            "lokale sociale economie op, met netwerking, afstemming en beleidsopvolging."
        ),
        "sort_order": 4,
    },
    {
        "code": "WSE-LR2",
        "framework": "vlaams_kader",
        "title": "Tewerkstelling van personen met een afstand tot de arbeidsmarkt",
        "description": (
            "Vlaamse prioriteit: meer en beter passende werkplekken voor mensen die niet zonder "
            "ondersteuning aan de slag kunnen."
        ),
        "sort_order": 5,
    },
    {
        "code": "WSE-LR3",
        "framework": "vlaams_kader",
        "title": "(Sociaal) ondernemerschap en maatschappelijk verantwoord ondernemen",
        "description": (
            "Vlaamse prioriteit: sociaal ondernemerschap ondersteunen en MVO stimuleren, bij "
            "sociale-economiebedrijven, reguliere bedrijven en het lokale bestuur als aankoper."
        ),
        "sort_order": 6,
    },
    {
        "code": "WSE-LR4",
        "framework": "vlaams_kader",
        "title": "Samenwerking met VDAB",
        "description": (
            "Vlaamse prioriteit: afstemming met VDAB over indicering, toeleiding en begeleiding van "
            "werkzoekenden naar de sociale economie."
        ),
        "sort_order": 7,
    },
]

# ---------------------------------------------------------------------------------------------
# Objectives under the actieplan pillars, following the structure of section 3.3 of the plan.
# ---------------------------------------------------------------------------------------------

OBJECTIVES: list[dict[str, Any]] = [
    {
        "code": "3.3.1.1",
        "pillar": "3.3.1",
        "title": "Een geoptimaliseerde ROSE-werking",
        "description": (
            "De samenwerking tussen de sociale-economiebedrijven versterken via de algemene "
            "vergadering, de Actiegroep, de LDE-fabriek, de AZ-fabriek en werkgroepen per thema, en "
            "blijven nagaan of die werking echt iets oplevert voor de doelgroepmedewerkers."
        ),
        "sort_order": 1,
    },
    {
        "code": "3.3.1.2",
        "pillar": "3.3.1",
        "title": "Het brede netwerk jaarlijks samenbrengen",
        "description": (
            "Eén keer per jaar een netwerkmoment waar sociale economie, lokale besturen, reguliere "
            "bedrijven en partners elkaar ontmoeten."
        ),
        "sort_order": 2,
    },
    {
        "code": "3.3.2.1",
        "pillar": "3.3.2",
        "title": "Het netwerk sociale economie sluitend maken",
        "description": (
            "Sociale economie en reguliere bedrijven dichter bij elkaar brengen, de band met de "
            "lokale besturen versterken (LDE-samenwerkingskader en DAEB-opdrachten, "
            "overheidsopdrachten) en een begrijpelijk overzicht geven van wie wat aanbiedt."
        ),
        "sort_order": 3,
    },
    {
        "code": "3.3.2.2",
        "pillar": "3.3.2",
        "title": "Drempels in de regio wegwerken",
        "description": (
            "Oplossingen zoeken voor de beperkte mobiliteit van doelgroepmedewerkers, knelpunten "
            "bundelen en aankaarten bij andere bestuursniveaus (signaleringsbeleid) en de overgang "
            "tussen werkvormen vlotter maken."
        ),
        "sort_order": 4,
    },
    {
        "code": "3.3.2.3",
        "pillar": "3.3.2",
        "title": "Inzetten op doelgroepen",
        "description": (
            "Specifieke aandacht voor jongeren met een afstand tot de arbeidsmarkt, anderstaligen en "
            "nieuwkomers, arbeidszorg als brug tussen zorg en werk, en de re-integratie van "
            "langdurig zieken."
        ),
        "sort_order": 5,
    },
    {
        "code": "3.3.3.1",
        "pillar": "3.3.3",
        "title": "MVO-thema mobiliteit",
        "description": (
            "Zachtere en duurzamere verplaatsingen van, naar en tijdens het werk, met elk jaar van "
            "de planperiode minstens één impuls."
        ),
        "sort_order": 6,
    },
    {
        "code": "3.3.3.2",
        "pillar": "3.3.3",
        "title": "MVO-thema werkbaar werk",
        "description": (
            "Werk zo organiseren dat mensen het volhouden, met preventie van langdurige uitval als "
            "rode draad."
        ),
        "sort_order": 7,
    },
    {
        "code": "3.3.3.3",
        "pillar": "3.3.3",
        "title": "MVO-thema duurzaamheid en ecologie (RASE)",
        "description": (
            "Sociale-economieorganisaties leren van elkaar over energie en duurzaamheid, in de "
            "werkgroep RASE (Regionale Actie Sociale Energie)."
        ),
        "sort_order": 8,
    },
    {
        "code": "3.3.3.4",
        "pillar": "3.3.3",
        "title": "MVO-thema sociaal aanbesteden en duurzaam aankopen",
        "description": (
            "Lokale besturen ondersteunen om bij hun aankopen meer sociale en duurzame criteria te "
            "gebruiken en sociale-economiebedrijven als leverancier te betrekken."
        ),
        "sort_order": 9,
    },
]

# ---------------------------------------------------------------------------------------------
# Actions: one per line of work in the plan. Statuses and progress reflect the situation in
# late 2026, after the plan period: most lines are done or continue. A08 and A11 have
# sub-actions, so a progress roll-up can be shown beside the entered progress.
# ---------------------------------------------------------------------------------------------

ACTIONS: list[dict[str, Any]] = [
    # --- 3.3.1 Netwerking ---------------------------------------------------------------------
    {
        "code": "A01",
        "title": "ROSE algemene vergadering: trimestrieel regionaal overleg",
        "description": (
            "Vier keer per jaar komen sociale-economieorganisaties, vertegenwoordigers van reguliere "
            "bedrijven, sociale partners en regionale partners samen om gedeelde uitdagingen te "
            "bespreken en standpunten af te stemmen. W13 verzorgt uitnodiging, verslag en opvolging; "
            "de inhoud komt van de leden."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": "BD4.AP12.A01",
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": [
            "vdab",
            "provincie-wvl",
            "pom-wvl",
            "resoc-zwvl",
            "ocmw-kortrijk",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-staalwerk-deerlijk",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 90,
        "published": True,
        "milestones": [
            {
                "title": "Vergaderkalender 2020 vastgelegd",
                "due_date": "2020-01-31",
                "done_on": "2020-01-23",
            },
            {
                "title": "Formule voor hybride vergaderen uitgewerkt",
                "due_date": "2021-06-30",
                "done_on": "2021-05-20",
            },
            {
                "title": "Agenda's en verslagen digitaal beschikbaar voor de leden",
                "due_date": "2025-06-30",
                "done_on": "2025-06-12",
            },
            {
                "title": "Vergaderkalender na de planperiode bevestigd",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A02",
        "title": "Actiegroep ROSE: agenda voorbereiden en acties uitwerken",
        "description": (
            "Een kleine kern van ROSE-leden bereidt de algemene vergadering voor en werkt voorstellen "
            "uit tot concrete acties. Via de Actiegroep kunnen thema's ook op de raad van bestuur van "
            "W13 terechtkomen, en omgekeerd kan W13 vragen voorleggen."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": "BD4.AP12.A02",
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": [
            "vdab",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-arbeidszorg-kuurne",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 90,
        "published": True,
        "milestones": [
            {
                "title": "Samenstelling Actiegroep voor de nieuwe planperiode",
                "due_date": "2020-03-31",
                "done_on": "2020-02-27",
            },
            {
                "title": "Werkafspraken Actiegroep en raad van bestuur W13 vastgelegd",
                "due_date": "2020-12-31",
                "done_on": "2020-11-19",
            },
            {
                "title": "Voorstel prioriteiten voor het volgende actieplan",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A03",
        "title": "Relevantie van de ROSE-werking evalueren",
        "description": (
            "Nagaan of de manier van samenwerken in ROSE tastbare resultaten oplevert voor de "
            "organisaties en hun doelgroepmedewerkers. Dat gebeurt met een bevraging van de leden en "
            "een bespreking in de algemene vergadering; de werking wordt daarna bijgestuurd."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": None,
        "w13_plan_codes": ["OD5", "AP13"],
        "lead_actor": "w13",
        "partners": ["fictief-maatwerkbedrijf-wielsbeke", "fictief-arbeidszorg-anzegem"],
        "parent": None,
        "start_date": "2021-09-01",
        "end_date": "2025-06-30",
        "accent_years": [2022, 2025],
        "mvo_themes": [],
        "status": "done",
        "progress": 100,
        "published": False,
        "milestones": [
            {"title": "Eerste ledenbevraging", "due_date": "2022-03-31", "done_on": "2022-03-15"},
            {
                "title": "Bespreking resultaten en bijsturing in de AV",
                "due_date": "2022-06-30",
                "done_on": "2022-06-16",
            },
            {
                "title": "Tweede ledenbevraging en slotbespreking",
                "due_date": "2025-06-30",
                "done_on": "2025-06-12",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A04",
        "title": "LDE-fabriek: overleg van de LDE-organisaties",
        "description": (
            "Werkgroep van alle LDE-organisaties in de regio voor onderwerpen die te specifiek zijn "
            "voor de algemene vergadering: afspraken met gemeenten, wijzigende regelgeving en het "
            "uitwisselen van werkwijzen."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": None,
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "fictief-klusjesbedrijf-kortrijk",
        "partners": [
            "w13",
            "fictief-kinderopvang-menen",
            "fictief-strijkatelier-harelbeke",
            "fictief-fietsatelier-waregem",
            "fictief-groenploeg-wevelgem",
            "fictief-buurtrestaurant-avelgem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2023],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 85,
        "published": True,
        "milestones": [
            {
                "title": "Jaarplanning LDE-fabriek 2020",
                "due_date": "2020-02-29",
                "done_on": "2020-02-13",
            },
            {
                "title": "Gezamenlijk standpunt over de hervorming van LDE",
                "due_date": "2023-03-31",
                "done_on": "2023-03-09",
            },
            {
                "title": "Uitwisseling over de eerste ervaringen met individueel maatwerk",
                "due_date": "2025-05-31",
                "done_on": "2025-05-15",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A05",
        "title": "AZ-fabriek: overleg van de arbeidszorginitiatieven",
        "description": (
            "Naar het voorbeeld van de LDE-fabriek komen de arbeidszorginitiatieven samen om "
            "methodieken te delen, het beleid rond arbeidszorg op te volgen en samen te werken aan "
            "een ruimer en financieel leefbaar aanbod."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": None,
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "fictief-arbeidszorg-anzegem",
        "partners": ["w13", "fictief-arbeidszorg-kuurne", "ocmw-kortrijk"],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 80,
        "published": True,
        "milestones": [
            {
                "title": "Overzicht van het arbeidszorgaanbod in de regio",
                "due_date": "2020-12-31",
                "done_on": "2020-12-03",
            },
            {
                "title": "Gedeelde methodiek voor het opvolgen van deelnemers",
                "due_date": "2023-06-30",
                "done_on": "2023-09-21",
            },
            {
                "title": "Voorstel voor een duurzame financiering van arbeidszorg",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A06",
        "title": "Jaarlijks netwerkevent sociale economie",
        "description": (
            "Elk jaar een ontmoetingsmoment voor het hele netwerk: sociale-economiebedrijven, lokale "
            "besturen, reguliere ondernemingen en partners leren elkaar kennen rond een thema dat "
            "aansluit bij het MVO-accent van dat jaar."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.2",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": "BD4.AP12.A03",
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": ["pom-wvl", "resoc-zwvl", "provincie-wvl", "vdab"],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2020, 2021, 2022, 2023, 2024, 2025],
        "mvo_themes": ["duurzaamheid", "sociaal_aanbesteden"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Netwerkevent 2020 (digitale editie)",
                "due_date": "2020-11-30",
                "done_on": "2020-11-26",
            },
            {"title": "Netwerkevent 2021", "due_date": "2021-10-31", "done_on": "2021-10-21"},
            {"title": "Netwerkevent 2022", "due_date": "2022-10-31", "done_on": "2022-10-20"},
            {"title": "Netwerkevent 2023", "due_date": "2023-10-31", "done_on": "2023-10-19"},
            {"title": "Netwerkevent 2024", "due_date": "2024-10-31", "done_on": "2024-10-17"},
            {"title": "Netwerkevent 2025", "due_date": "2025-10-31", "done_on": "2025-10-16"},
        ],
        "dossiers": [],
    },
    # --- 3.3.2.1 Netwerk sluitend maken -------------------------------------------------------
    {
        "code": "A07",
        "title": "Samenwerking tussen sociale economie en reguliere bedrijven (SE–NEC)",
        "description": (
            "Reguliere bedrijven en sociale-economieondernemingen beter laten kennismaken, als klant, "
            "als leverancier en als partner in loopbanen (bijvoorbeeld via enclavewerk of doorstroom). "
            "Dat gebeurt met bedrijfsbezoeken, matchmaking op het netwerkevent en via de kanalen van "
            "POM en RESOC naar werkgevers."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.1",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "pom-wvl",
            "resoc-zwvl",
            "fictief-staalwerk-deerlijk",
            "fictief-maatwerkbedrijf-zwevegem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2021, 2024],
        "mvo_themes": ["werkbaar_werk"],
        "status": "in_progress",
        "progress": 70,
        "published": True,
        "milestones": [
            {
                "title": "Reeks bedrijfsbezoeken in maatwerkbedrijven voor werkgevers",
                "due_date": "2021-12-31",
                "done_on": "2021-11-30",
            },
            {
                "title": "Matchmaking tussen SE en NEC op het netwerkevent",
                "due_date": "2024-10-31",
                "done_on": "2024-10-17",
            },
            {
                "title": "Overzicht van geslaagde samenwerkingen gepubliceerd",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A08",
        "title": "Samenwerkingskader lokale besturen – LDE (DAEB-opdrachten)",
        "description": (
            "Met de gemeenten afspraken maken over diensten van algemeen economisch belang die "
            "LDE-organisaties voor hen uitvoeren, zoals een klusjesdienst of kinderopvang. Zo hebben "
            "die organisaties genoeg zinvol werk voor hun medewerkers en versterken de gemeenten hun "
            "sociaal beleid."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.1",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD3.AP10.A01",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "ocmw-kortrijk",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-kinderopvang-menen",
            "fictief-groenploeg-wevelgem",
            "fictief-buurtrestaurant-avelgem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2020, 2023],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 75,
        "published": True,
        "milestones": [
            {
                "title": "Rondgang langs de gemeenten over hun DAEB-noden",
                "due_date": "2020-09-30",
                "done_on": "2020-10-15",
            },
            {
                "title": "Overzicht van alle lopende DAEB-toewijzingen in de regio",
                "due_date": "2022-06-30",
                "done_on": "2022-05-31",
            },
            {
                "title": "Alle lopende toewijzingen afgestemd op het nieuwe kader",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A09",
        "title": "Regionaal model voor een DAEB-toewijzingsakte",
        "description": (
            "Een sjabloon voor gemeenteraden dat alles bevat wat de Europese regels van een "
            "toewijzing vragen: de opdracht, de duur, het gebied, de berekening van de compensatie en "
            "de controle op overcompensatie. Zo moet niet elke gemeente apart beginnen."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.1",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD3.AP10.A02",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": ["fictief-klusjesbedrijf-kortrijk", "fictief-kinderopvang-menen"],
        "parent": "A08",
        "start_date": "2020-03-01",
        "end_date": "2021-06-30",
        "accent_years": [],
        "mvo_themes": [],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Ontwerp van het sjabloon besproken in de LDE-fabriek",
                "due_date": "2020-11-30",
                "done_on": "2020-11-12",
            },
            {
                "title": "Sjabloon ter beschikking van alle gemeenten",
                "due_date": "2021-06-30",
                "done_on": "2021-04-29",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A10",
        "title": "Overgang van LDE naar individueel maatwerk begeleiden",
        "description": (
            "Sinds 1 juli 2023 komen er geen nieuwe LDE-erkenningen meer en verschuift de "
            "ondersteunde tewerkstelling naar individueel maatwerk. W13 helpt LDE-organisaties en "
            "gemeenten om lopende DAEB-afspraken aan te passen en bewaakt dat de medewerkers hun "
            "plaats behouden."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.1",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD3.AP10.A03",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-strijkatelier-harelbeke",
            "fictief-fietsatelier-waregem",
            "fictief-groenploeg-wevelgem",
            "fictief-buurtrestaurant-avelgem",
        ],
        "parent": "A08",
        "start_date": "2023-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2023, 2024],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 60,
        "published": True,
        "milestones": [
            {
                "title": "Infosessie over de nieuwe regels voor LDE-organisaties en gemeenten",
                "due_date": "2023-06-30",
                "done_on": "2023-06-08",
            },
            {
                "title": "Overgangsplanning per LDE-organisatie",
                "due_date": "2025-09-30",
                "done_on": None,
            },
            {
                "title": "Alle DAEB-afspraken omgezet of verlengd",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    # --- 3.3.3.4 Sociaal aanbesteden (with two sub-actions) -----------------------------------
    {
        "code": "A11",
        "title": "Traject sociaal aanbesteden en duurzaam aankopen met lokale besturen",
        "description": (
            "Lokale besturen helpen om bij overheidsopdrachten vaker sociale en duurzame criteria te "
            "gebruiken: sociale clausules, opdrachten voorbehouden aan sociale-economiebedrijven en "
            "het inschakelen van die bedrijven voor diensten en werken. Het traject liep vooral "
            "tussen 2020 en 2023."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.4",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": "BD2.AP05.A02",
        "w13_plan_codes": ["OD2", "AP05"],
        "lead_actor": "w13",
        "partners": [
            "provincie-wvl",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-groenploeg-wevelgem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2023-12-31",
        "accent_years": [2020, 2021, 2022, 2023],
        "mvo_themes": ["sociaal_aanbesteden"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Startmoment met aankopers van de gemeenten",
                "due_date": "2020-06-30",
                "done_on": "2020-09-24",
            },
            {
                "title": "Eerste voorbehouden opdracht in de regio gegund",
                "due_date": "2022-06-30",
                "done_on": "2022-04-12",
            },
            {
                "title": "Slotbalans van het traject in ROSE",
                "due_date": "2023-12-31",
                "done_on": "2023-12-14",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A12",
        "title": "Vorming sociaal aanbesteden voor aankopers en beleidsmakers",
        "description": (
            "Praktische opleidingsreeks voor wie in de gemeenten opdrachten voorbereidt: welke "
            "juridische mogelijkheden er zijn, hoe je een sociale clausule formuleert en hoe je "
            "sociale-economiebedrijven bereikt."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.4",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": ["provincie-wvl"],
        "parent": "A11",
        "start_date": "2021-01-01",
        "end_date": "2022-12-31",
        "accent_years": [2021],
        "mvo_themes": ["sociaal_aanbesteden"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Drie vormingssessies gegeven",
                "due_date": "2021-12-31",
                "done_on": "2021-12-09",
            },
            {
                "title": "Modelclausules verspreid",
                "due_date": "2022-06-30",
                "done_on": "2022-06-02",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A13",
        "title": "Catalogus van opdrachten die sociale-economiebedrijven kunnen uitvoeren",
        "description": (
            "Een overzicht voor aankopers van de diensten en werken die sociale-economiebedrijven in "
            "de regio aanbieden, zodat ze bij een nieuwe opdracht weten wie ze kunnen aanspreken."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.4",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "fictief-maatwerkbedrijf-zwevegem",
        "partners": ["w13", "fictief-maatwerkbedrijf-wielsbeke", "fictief-groenploeg-wevelgem"],
        "parent": "A11",
        "start_date": "2020-06-01",
        "end_date": "2023-06-30",
        "accent_years": [2022],
        "mvo_themes": ["sociaal_aanbesteden"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Bevraging van het aanbod bij de ROSE-leden",
                "due_date": "2020-12-31",
                "done_on": "2020-12-18",
            },
            {
                "title": "Catalogus voorgesteld aan de aankopers",
                "due_date": "2023-06-30",
                "done_on": "2023-05-25",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A14",
        "title": "Publieke gids: wie biedt wat in de sociale economie",
        "description": (
            "Voor buitenstaanders is de sociale economie een kluwen. Een doorzoekbare gids toont per "
            "organisatie welke inschakelingskansen (per trede van de participatieladder) en welke "
            "goederen en diensten ze aanbiedt. De gids wordt gevoed door de organisaties zelf."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.1",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": "BD5.AP13.A02",
        "w13_plan_codes": ["OD5", "AP13"],
        "lead_actor": "w13",
        "partners": ["pom-wvl", "resoc-zwvl"],
        "parent": None,
        "start_date": "2021-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2022, 2025],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 85,
        "published": True,
        "milestones": [
            {
                "title": "Inventaris van organisaties en hun aanbod",
                "due_date": "2021-12-31",
                "done_on": "2021-12-16",
            },
            {
                "title": "Eerste versie van de gids gepubliceerd",
                "due_date": "2022-09-30",
                "done_on": "2022-10-06",
            },
            {
                "title": "Gids als doorzoekbare online databank",
                "due_date": "2025-09-30",
                "done_on": "2025-11-20",
            },
            {
                "title": "Koppeling met de systemen van W13 en de gemeenten",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    # --- 3.3.2.2 Drempels wegwerken -----------------------------------------------------------
    {
        "code": "A15",
        "title": "Mobiliteit van doelgroepmedewerkers van, naar en tijdens het werk",
        "description": (
            "Veel doelgroepmedewerkers zijn weinig mobiel. Met de partners zoeken we structurele "
            "oplossingen (fiets, carpool, openbaar vervoer naar bedrijventerreinen) en houden we bij "
            "de spreiding van het aanbod rekening met bereikbaarheid. Elk jaar van de planperiode "
            "krijgt dit thema minstens één impuls."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.2",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD2.AP06.A01",
        "w13_plan_codes": ["OD2", "AP06"],
        "lead_actor": "w13",
        "partners": [
            "provincie-wvl",
            "vdab",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-fietsatelier-waregem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2020, 2021, 2022, 2023, 2024, 2025],
        "mvo_themes": ["mobiliteit"],
        "status": "in_progress",
        "progress": 75,
        "published": True,
        "milestones": [
            {
                "title": "Bevraging van de bereikbaarheid van werkplekken",
                "due_date": "2020-12-31",
                "done_on": "2020-11-27",
            },
            {
                "title": "Fietslessen voor doelgroepmedewerkers",
                "due_date": "2021-09-30",
                "done_on": "2021-09-16",
            },
            {
                "title": "Carpoolafspraken tussen bedrijven op eenzelfde terrein",
                "due_date": "2022-12-31",
                "done_on": "2022-11-24",
            },
            {
                "title": "Knelpunten in busverbindingen gebundeld",
                "due_date": "2023-12-31",
                "done_on": "2023-10-26",
            },
            {
                "title": "Proef met deelfietsen voor doelgroepmedewerkers",
                "due_date": "2024-12-31",
                "done_on": "2024-09-30",
            },
            {"title": "Evaluatie en aanbevelingen", "due_date": "2025-12-31", "done_on": None},
        ],
        "dossiers": ["SIG-03"],
    },
    {
        "code": "A16",
        "title": "Duurzame dienstverplaatsingen in de sociale economie",
        "description": (
            "Samen met de organisaties nagaan hoe verplaatsingen tijdens het werk (ploegen naar "
            "klanten, leveringen) duurzamer kunnen: elektrische bakfietsen, gedeelde bestelwagens en "
            "slimmere routeplanning."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.1",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD2", "AP06"],
        "lead_actor": "fictief-fietsatelier-waregem",
        "partners": [
            "w13",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-groenploeg-wevelgem",
            "provincie-wvl",
        ],
        "parent": None,
        "start_date": "2021-01-01",
        "end_date": "2025-06-30",
        "accent_years": [2021, 2023, 2025],
        "mvo_themes": ["mobiliteit", "duurzaamheid"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Inventaris van het wagenpark van de ROSE-leden",
                "due_date": "2021-12-31",
                "done_on": "2021-12-02",
            },
            {
                "title": "Testperiode met elektrische bakfietsen bij klusjesploegen",
                "due_date": "2023-09-30",
                "done_on": "2023-09-28",
            },
            {
                "title": "Afspraken over het delen van bestelwagens",
                "due_date": "2025-06-30",
                "done_on": "2025-06-19",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A17",
        "title": "Signaleringsbeleid: pragmatische indicering en toeleiding",
        "description": (
            "Sociale-economiebedrijven kunnen enkel doelgroepmedewerkers aanwerven die VDAB of het "
            "OCMW heeft toegeleid, op basis van een indicering. We bundelen signalen over indiceringen "
            "die niet aansluiten bij de werkvloer en zoeken met VDAB naar een betere afstemming, "
            "onder meer door indiceerders de werkvloeren te laten leren kennen."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.2",
        "wse_lr_code": "WSE-LR4",
        "bbc_code": "BD2.AP06.A03",
        "w13_plan_codes": ["OD2", "AP06"],
        "lead_actor": "w13",
        "partners": [
            "vdab",
            "ocmw-kortrijk",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-klusjesbedrijf-kortrijk",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2021, 2025],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 70,
        "published": True,
        "milestones": [
            {
                "title": "Knelpuntennota indicering bezorgd aan VDAB",
                "due_date": "2021-06-30",
                "done_on": "2021-06-10",
            },
            {
                "title": "Werkvloerbezoeken voor indiceerders",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-01"],
    },
    {
        "code": "A18",
        "title": "Signaleringsbeleid: matiging van de Vlaamse contingentering",
        "description": (
            "Het aantal gesubsidieerde inschakelingstrajecten wordt centraal door Vlaanderen "
            "verdeeld, wat niet altijd strookt met de noden in de regio. Met gebundelde krachten "
            "vragen we meer ruimte, zodat iedereen die in aanmerking komt geholpen kan worden. De "
            "actie ligt stil in afwachting van een nieuw Vlaams beleidskader."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.2",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": None,
        "w13_plan_codes": ["OD2", "AP06"],
        "lead_actor": "w13",
        "partners": [
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-arbeidszorg-anzegem",
        ],
        "parent": None,
        "start_date": "2020-06-01",
        "end_date": "2025-12-31",
        "accent_years": [2022],
        "mvo_themes": [],
        "status": "on_hold",
        "progress": 40,
        "published": True,
        "milestones": [
            {
                "title": "Regionale wachtlijsten en noden in kaart",
                "due_date": "2021-12-31",
                "done_on": "2021-11-18",
            },
            {
                "title": "Gezamenlijke nota aan Vlaanderen",
                "due_date": "2022-03-31",
                "done_on": "2022-02-24",
            },
            {
                "title": "Antwoord verwerkt en besproken in ROSE",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-02"],
    },
    {
        "code": "A19",
        "title": "In- en doorstroom tussen werkvormen",
        "description": (
            "Tussen arbeidszorg, maatwerk, LDE en reguliere jobs bestaan nog te veel muren. We "
            "zoeken praktische afspraken zodat een medewerker kan doorschuiven naar de werkvorm die "
            "op dat moment het best bij hem of haar past, en we signaleren regels die dat tegenhouden."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.2",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD3.AP10.A04",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "vdab",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-arbeidszorg-kuurne",
            "fictief-arbeidszorg-anzegem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2024],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 55,
        "published": True,
        "milestones": [
            {
                "title": "Overzicht van de drempels tussen werkvormen",
                "due_date": "2022-06-30",
                "done_on": "2022-09-15",
            },
            {
                "title": "Proef met een gedeelde doorstroombegeleider",
                "due_date": "2025-06-30",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-04"],
    },
    {
        "code": "A20",
        "title": "Structurele samenwerking met VDAB",
        "description": (
            "Vaste afspraken met de regionale VDAB-diensten over toeleiding, trajectbegeleiding en de "
            "opvolging van mensen die een maatwerk- of LDE-advies kregen maar nog geen passende plaats "
            "vonden. VDAB zit mee aan tafel in ROSE en in de Actiegroep."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.2",
        "wse_lr_code": "WSE-LR4",
        "bbc_code": "BD3.AP10.A05",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": ["vdab"],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2023],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 75,
        "published": True,
        "milestones": [
            {
                "title": "Samenwerkingsafspraken met VDAB vastgelegd",
                "due_date": "2020-12-31",
                "done_on": "2021-02-18",
            },
            {
                "title": "Gezamenlijke opvolging van wachtenden met een maatwerk- of LDE-advies",
                "due_date": "2023-12-31",
                "done_on": "2023-11-30",
            },
            {"title": "Evaluatie van de samenwerking", "due_date": "2025-12-31", "done_on": None},
        ],
        "dossiers": [],
    },
    # --- 3.3.2.3 Doelgroepen ------------------------------------------------------------------
    {
        "code": "A21",
        "title": "Jongeren met een afstand tot de arbeidsmarkt",
        "description": (
            "Bij OCMW Kortrijk is de helft van de leefloners tussen 18 en 25 jaar oud, en andere "
            "OCMW's in de regio zien hetzelfde. Een deel studeert nog, maar de trend is zorgwekkend. "
            "We willen de oorzaken beter begrijpen en van daaruit voorstellen doen om jongeren "
            "sneller naar werk of opleiding te begeleiden."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.3",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD2.AP05.A01",
        "w13_plan_codes": ["OD2", "AP05", "OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "ocmw-kortrijk",
            "vdab",
            "fictief-fietsatelier-waregem",
            "fictief-staalwerk-deerlijk",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2021, 2025],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 60,
        "published": True,
        "milestones": [
            {
                "title": "Analyse van de instroom van jongeren in het leefloon",
                "due_date": "2021-12-31",
                "done_on": "2022-02-17",
            },
            {
                "title": "Oriëntatiestages voor jongeren in SE-bedrijven",
                "due_date": "2023-12-31",
                "done_on": "2023-12-07",
            },
            {
                "title": "Voorstellen voor een regionale aanpak",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-07"],
    },
    {
        "code": "A22",
        "title": "Interculturaliteit en anderstaligen",
        "description": (
            "Nieuwkomers en anderstaligen, waaronder veel Franstaligen in de grensregio, vinden niet "
            "altijd meteen hun plaats in de bedrijven. Sociale-economiebedrijven kunnen taal, cultuur "
            "en werkvloer helpen verbinden. Daarnaast vragen we dat een indicering voor maatwerk ook "
            "in een andere taal dan het Nederlands kan gebeuren."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.3",
        "wse_lr_code": "WSE-LR4",
        "bbc_code": "BD2.AP06.A04",
        "w13_plan_codes": ["OD2", "AP06"],
        "lead_actor": "w13",
        "partners": [
            "vdab",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-kinderopvang-menen",
            "fictief-strijkatelier-harelbeke",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2022],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 50,
        "published": True,
        "milestones": [
            {
                "title": "Uitwisseling over taalondersteuning op de werkvloer",
                "due_date": "2021-06-30",
                "done_on": "2021-06-17",
            },
            {
                "title": "Vraag over anderstalige indicering gesignaleerd",
                "due_date": "2021-12-31",
                "done_on": "2021-10-14",
            },
            {
                "title": "Gedeelde set visuele werkinstructies",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-05"],
    },
    {
        "code": "A23",
        "title": "Arbeidszorg als brug tussen zorg en werk",
        "description": (
            "Arbeidszorg vangt mensen op die onderaan de participatieladder staan en voorkomt dat ze "
            "volledig uit de boot vallen. De partners werken aan een ruimer en beter verankerd aanbod "
            "in de regio, aan methodieken en aan de economische leefbaarheid van de initiatieven."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.3",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": "BD3.AP10.A06",
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "fictief-arbeidszorg-kuurne",
        "partners": ["w13", "fictief-arbeidszorg-anzegem", "ocmw-kortrijk"],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2022],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 70,
        "published": True,
        "milestones": [
            {
                "title": "Nieuwe arbeidszorgplaatsen in het zuiden van de regio",
                "due_date": "2022-12-31",
                "done_on": "2022-12-15",
            },
            {
                "title": "Doorverwijsafspraken met de OCMW's",
                "due_date": "2024-06-30",
                "done_on": "2024-05-23",
            },
            {
                "title": "Financieringsplan voor de initiatieven",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A24",
        "title": "Re-integratie van langdurig zieken",
        "description": (
            "Door de krapte op de arbeidsmarkt kan niemand aan de kant blijven staan. Sociale-"
            "economiebedrijven hebben veel ervaring met het aanpassen van werk en werkposten; we "
            "onderzoeken welke rol ze kunnen spelen bij de terugkeer van langdurig zieken, ook bij "
            "reguliere werkgevers."
        ),
        "pillar": "3.3.2",
        "objective": "3.3.2.3",
        "wse_lr_code": "WSE-LR2",
        "bbc_code": None,
        "w13_plan_codes": ["OD3", "AP10"],
        "lead_actor": "w13",
        "partners": [
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-staalwerk-deerlijk",
            "fictief-arbeidszorg-kuurne",
            "vdab",
        ],
        "parent": None,
        "start_date": "2020-09-01",
        "end_date": "2025-12-31",
        "accent_years": [2023],
        "mvo_themes": ["werkbaar_werk"],
        "status": "in_progress",
        "progress": 45,
        "published": True,
        "milestones": [
            {
                "title": "Overzicht van re-integratiepraktijken bij de ROSE-leden",
                "due_date": "2021-12-31",
                "done_on": "2022-03-10",
            },
            {
                "title": "Knelpunten in de federale regels gesignaleerd",
                "due_date": "2023-12-31",
                "done_on": "2023-11-09",
            },
            {
                "title": "Aanbod werkpostaanpassing voor reguliere werkgevers",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": ["SIG-06"],
    },
    # --- 3.3.3 MVO ----------------------------------------------------------------------------
    {
        "code": "A25",
        "title": "Werkbaar werk: langdurige uitval voorkomen",
        "description": (
            "Een preventieve aanpak: als iemand ziek wordt, tijdig contact houden en het werk "
            "aanpassen, zodat een korte afwezigheid geen langdurige wordt. Goede praktijken uit "
            "de sociale economie worden gedeeld met reguliere bedrijven."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.2",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "fictief-maatwerkbedrijf-zwevegem",
        "partners": ["w13", "fictief-staalwerk-deerlijk", "resoc-zwvl"],
        "parent": None,
        "start_date": "2022-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2022, 2024],
        "mvo_themes": ["werkbaar_werk"],
        "status": "in_progress",
        "progress": 65,
        "published": True,
        "milestones": [
            {
                "title": "Lerend netwerk werkbaar werk opgestart",
                "due_date": "2022-06-30",
                "done_on": "2022-05-19",
            },
            {
                "title": "Handleiding contact houden tijdens ziekte",
                "due_date": "2024-06-30",
                "done_on": "2024-06-27",
            },
            {
                "title": "Getuigenissen van reguliere werkgevers verzameld",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A26",
        "title": "RASE: rondgang duurzaamheid en energie in 2020",
        "description": (
            "De werkgroep RASE (Regionale Actie Sociale Energie) bezocht in 2020 de deelnemende "
            "sociale-economieorganisaties om van elkaars inspanningen rond energie en duurzaamheid "
            "te leren. De bevindingen werden eind 2020 voorgesteld aan de voltallige ROSE."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.3",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": [
            "provincie-wvl",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-fietsatelier-waregem",
        ],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2020-12-31",
        "accent_years": [2020],
        "mvo_themes": ["duurzaamheid"],
        "status": "done",
        "progress": 100,
        "published": True,
        "milestones": [
            {
                "title": "Rondgang langs de deelnemende organisaties",
                "due_date": "2020-10-31",
                "done_on": "2020-10-22",
            },
            {
                "title": "Terugkoppeling aan de algemene vergadering van ROSE",
                "due_date": "2020-12-31",
                "done_on": "2020-12-10",
            },
        ],
        "dossiers": [],
    },
    {
        "code": "A27",
        "title": "RASE-vervolg: gezamenlijke energie- en materialenaanpak",
        "description": (
            "Voorstel uit de werkgroep RASE om energie samen aan te kopen en rest- en bouwmaterialen "
            "tussen organisaties uit te wisselen. De start is uitgesteld tot er een trekker en "
            "middelen gevonden zijn."
        ),
        "pillar": "3.3.3",
        "objective": "3.3.3.3",
        "wse_lr_code": "WSE-LR3",
        "bbc_code": None,
        "w13_plan_codes": [],
        "lead_actor": "fictief-maatwerkbedrijf-wielsbeke",
        "partners": ["w13", "fictief-maatwerkbedrijf-zwevegem", "provincie-wvl"],
        "parent": None,
        "start_date": "2025-10-01",
        "end_date": "2025-12-31",
        "accent_years": [2025],
        "mvo_themes": ["duurzaamheid"],
        "status": "planned",
        "progress": 0,
        "published": False,
        "milestones": [
            {"title": "Haalbaarheidsnota", "due_date": "2025-12-31", "done_on": None},
        ],
        "dossiers": [],
    },
    # --- cross-cutting: policy follow-up ------------------------------------------------------
    {
        "code": "A28",
        "title": "Opvolging van de Vlaamse regelgeving sociale economie",
        "description": (
            "De regisseur volgt veranderingen in de Vlaamse regels op, zoals de overgang van LDE naar "
            "individueel maatwerk sinds 1 juli 2023 en het nieuwe kader voor de lokale regierol, en "
            "legt uit wat ze betekenen voor de organisaties en de gemeenten."
        ),
        "pillar": "3.3.1",
        "objective": "3.3.1.1",
        "wse_lr_code": "WSE-LR1",
        "bbc_code": "BD4.AP12.A04",
        "w13_plan_codes": ["OD4", "AP12"],
        "lead_actor": "w13",
        "partners": ["vdab", "provincie-wvl"],
        "parent": None,
        "start_date": "2020-01-01",
        "end_date": "2025-12-31",
        "accent_years": [2023],
        "mvo_themes": [],
        "status": "in_progress",
        "progress": 80,
        "published": True,
        "milestones": [
            {
                "title": "Toelichting nieuw kader lokale regierol aan de gemeenten",
                "due_date": "2023-03-31",
                "done_on": "2023-03-16",
            },
            {
                "title": "Beleidsoverzicht per kwartaal in de AV",
                "due_date": "2025-12-31",
                "done_on": None,
            },
        ],
        "dossiers": [],
    },
]

# ---------------------------------------------------------------------------------------------
# Indicators with their measurements.
# Context indicators carry the real figures quoted in the action plan (baseline = that figure).
# Action indicators carry illustrative yearly figures, marked as such in their notes.
# ---------------------------------------------------------------------------------------------

INDICATORS: list[dict[str, Any]] = [
    # --- context: participatieladder 2017, West-Vlaanderen and Zuid-West-Vlaanderen -----------
    {
        "code": "CTX-PL-INW1564-WVL",
        "name": "Participatieladder 2017 – Inwoners 15–64 jaar (West-Vlaanderen)",
        "description": "Inwoners op beroepsactieve leeftijd (15 tot en met 64 jaar): de totale groep waarover de participatieladder gaat.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 740217,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 740217,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-INW1564-ZWVL",
        "name": "Participatieladder 2017 – Inwoners 15–64 jaar (Zuid-West-Vlaanderen)",
        "description": "Inwoners op beroepsactieve leeftijd (15 tot en met 64 jaar): de totale groep waarover de participatieladder gaat.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 182104,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 182104,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R6-WVL",
        "name": "Participatieladder 2017 – Trede 6: betaald werk (West-Vlaanderen)",
        "description": "Inwoners met betaald werk zonder bijkomende ondersteuning, de bovenste trede van de participatieladder.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 6,
        "baseline_value": 520236,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 520236,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R6-ZWVL",
        "name": "Participatieladder 2017 – Trede 6: betaald werk (Zuid-West-Vlaanderen)",
        "description": "Inwoners met betaald werk zonder bijkomende ondersteuning, de bovenste trede van de participatieladder.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 6,
        "baseline_value": 128539,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 128539,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-WVL",
        "name": "Participatieladder 2017 – Trede 5: betaald werk met ondersteuning (totaal) (West-Vlaanderen)",
        "description": "Inwoners die betaald werken met ondersteuning, bijvoorbeeld in de sociale economie of met een loonsubsidie.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 44672,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 44672,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-ZWVL",
        "name": "Participatieladder 2017 – Trede 5: betaald werk met ondersteuning (totaal) (Zuid-West-Vlaanderen)",
        "description": "Inwoners die betaald werken met ondersteuning, bijvoorbeeld in de sociale economie of met een loonsubsidie.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 13463,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 13463,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-SINE-WVL",
        "name": "Participatieladder 2017 – Trede 5: SINE (West-Vlaanderen)",
        "description": "Tewerkstelling via de maatregel sociale inschakelingseconomie (SINE); een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 1459,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 1459,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-SINE-ZWVL",
        "name": "Participatieladder 2017 – Trede 5: SINE (Zuid-West-Vlaanderen)",
        "description": "Tewerkstelling via de maatregel sociale inschakelingseconomie (SINE); een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 590,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 590,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-LDE-WVL",
        "name": "Participatieladder 2017 – Trede 5: lokale diensteneconomie (LDE) (West-Vlaanderen)",
        "description": "Doelgroepwerknemers in de lokale diensteneconomie; een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 291,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 291,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-LDE-ZWVL",
        "name": "Participatieladder 2017 – Trede 5: lokale diensteneconomie (LDE) (Zuid-West-Vlaanderen)",
        "description": "Doelgroepwerknemers in de lokale diensteneconomie; een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 130,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 130,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-CMW-WVL",
        "name": "Participatieladder 2017 – Trede 5: collectief maatwerk (West-Vlaanderen)",
        "description": "Doelgroepwerknemers in collectief maatwerk, vooral in maatwerkbedrijven; een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 5804,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 5804,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R5-CMW-ZWVL",
        "name": "Participatieladder 2017 – Trede 5: collectief maatwerk (Zuid-West-Vlaanderen)",
        "description": "Doelgroepwerknemers in collectief maatwerk, vooral in maatwerkbedrijven; een deel van trede 5.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 5,
        "baseline_value": 2423,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 2423,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R4-WVL",
        "name": "Participatieladder 2017 – Trede 4: tijdelijke activerende trajecten (totaal) (West-Vlaanderen)",
        "description": "Deelnemers aan tijdelijke trajecten die naar werk toe leiden zonder dat het om een gewone betaalde job gaat. Voor tijdelijke werkervaring (TWE) waren geen cijfers beschikbaar.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 10740,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 10740,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R4-ZWVL",
        "name": "Participatieladder 2017 – Trede 4: tijdelijke activerende trajecten (totaal) (Zuid-West-Vlaanderen)",
        "description": "Deelnemers aan tijdelijke trajecten die naar werk toe leiden zonder dat het om een gewone betaalde job gaat. Voor tijdelijke werkervaring (TWE) waren geen cijfers beschikbaar.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 2362,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 2362,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R4-WPL-WVL",
        "name": "Participatieladder 2017 – Trede 4: werkplekleren en werkplekinstrumenten (West-Vlaanderen)",
        "description": "Deelnemers aan werkplekleren en verwante instrumenten op de werkvloer; een deel van trede 4.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 7744,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 7744,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R4-WPL-ZWVL",
        "name": "Participatieladder 2017 – Trede 4: werkplekleren en werkplekinstrumenten (Zuid-West-Vlaanderen)",
        "description": "Deelnemers aan werkplekleren en verwante instrumenten op de werkvloer; een deel van trede 4.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 1940,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 1940,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R4-PWA-WVL",
        "name": "Participatieladder 2017 – Trede 4: PWA / wijk-werken (West-Vlaanderen)",
        "description": "Gebruikers van PWA en van wijk-werken, dat PWA opvolgde; een deel van trede 4.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 1530,
        "baseline_date": "2019-07-01",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-07-01",
                "value": 1530,
                "data_source": "Regionale participatieladder POM 2017",
                "note": "Telling van juli 2019, opgenomen in de ladder van 2017.",
            },
        ],
    },
    {
        "code": "CTX-PL-R4-PWA-ZWVL",
        "name": "Participatieladder 2017 – Trede 4: PWA / wijk-werken (Zuid-West-Vlaanderen)",
        "description": "Gebruikers van PWA en van wijk-werken, dat PWA opvolgde; een deel van trede 4.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 4,
        "baseline_value": 468,
        "baseline_date": "2019-07-01",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-07-01",
                "value": 468,
                "data_source": "Regionale participatieladder POM 2017",
                "note": "Telling van juli 2019, opgenomen in de ladder van 2017.",
            },
        ],
    },
    {
        "code": "CTX-PL-R3-WVL",
        "name": "Participatieladder 2017 – Trede 3: arbeidsmatige activiteiten onder begeleiding (West-Vlaanderen)",
        "description": "Personen die onder begeleiding arbeidsmatige activiteiten doen, zoals arbeidszorg.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": 3,
        "baseline_value": 1309,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 1309,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-PL-R3-ZWVL",
        "name": "Participatieladder 2017 – Trede 3: arbeidsmatige activiteiten onder begeleiding (Zuid-West-Vlaanderen)",
        "description": "Personen die onder begeleiding arbeidsmatige activiteiten doen, zoals arbeidszorg.",
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": 3,
        "baseline_value": 445,
        "baseline_date": "2017-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2017-12-31",
                "value": 445,
                "data_source": "Regionale participatieladder POM 2017",
                "note": None,
            },
        ],
    },
    # --- context: job ratio, September 2019 ---------------------------------------------------
    {
        "code": "CTX-JOBRATIO-VL",
        "name": "Jobratio (Vlaanderen)",
        "description": "Aantal jobs per honderd inwoners op beroepsactieve leeftijd.",
        "unit": "per 100 inwoners",
        "kind": "context",
        "action": None,
        "geography": "vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 71.7,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 71.7,
                "data_source": "Arvastat, september 2019",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-JOBRATIO-WVL",
        "name": "Jobratio (West-Vlaanderen)",
        "description": "Aantal jobs per honderd inwoners op beroepsactieve leeftijd.",
        "unit": "per 100 inwoners",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 76.7,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 76.7,
                "data_source": "Arvastat, september 2019",
                "note": None,
            },
        ],
    },
    {
        "code": "CTX-JOBRATIO-ZWVL",
        "name": "Jobratio (Zuid-West-Vlaanderen)",
        "description": "Aantal jobs per honderd inwoners op beroepsactieve leeftijd.",
        "unit": "per 100 inwoners",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 81.3,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 81.3,
                "data_source": "Arvastat, september 2019",
                "note": None,
            },
        ],
    },
    # --- context: share of young people (under 25) among the unemployed, 2019 -----------------
    {
        "code": "CTX-JEUGDWERKLOOSHEID-VL",
        "name": "Aandeel jongeren in de werkloosheid (Vlaanderen)",
        "description": "Aandeel van de jongeren tot 25 jaar in het totaal aantal niet-werkende werkzoekenden.",
        "unit": "%",
        "kind": "context",
        "action": None,
        "geography": "vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 22.2,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 22.2,
                "data_source": "Arvastat, 2019",
                "note": "Cijfer voor 2019; gedateerd op de septembertoestand die het actieplan bespreekt.",
            },
        ],
    },
    {
        "code": "CTX-JEUGDWERKLOOSHEID-WVL",
        "name": "Aandeel jongeren in de werkloosheid (West-Vlaanderen)",
        "description": "Aandeel van de jongeren tot 25 jaar in het totaal aantal niet-werkende werkzoekenden.",
        "unit": "%",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 26.6,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 26.6,
                "data_source": "Arvastat, 2019",
                "note": "Cijfer voor 2019; gedateerd op de septembertoestand die het actieplan bespreekt.",
            },
        ],
    },
    {
        "code": "CTX-JEUGDWERKLOOSHEID-ZWVL",
        "name": "Aandeel jongeren in de werkloosheid (Zuid-West-Vlaanderen)",
        "description": "Aandeel van de jongeren tot 25 jaar in het totaal aantal niet-werkende werkzoekenden.",
        "unit": "%",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 28.8,
        "baseline_date": "2019-09-30",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-09-30",
                "value": 28.8,
                "data_source": "Arvastat, 2019",
                "note": "Cijfer voor 2019; gedateerd op de septembertoestand die het actieplan bespreekt.",
            },
        ],
    },
    # --- context: other regional figures -----------------------------------------------------
    {
        "code": "CTX-MAATWERK-LDE-WACHTEND-ZWVL",
        "name": "Werkzoekenden met een maatwerk- of LDE-advies zonder passende plaats (Zuid-West-Vlaanderen)",
        "description": (
            "Aantal mensen die van VDAB het advies maatwerk of LDE kregen, maar nog werkloos zijn "
            "omdat ze (nog) geen geschikte werkplek vonden."
        ),
        "unit": "personen",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 417,
        "baseline_date": "2018-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2018-12-31",
                "value": 417,
                "data_source": "VDAB",
                "note": "Opgevraagd bij VDAB voor het actieplan; toestand eind 2018.",
            },
        ],
    },
    {
        "code": "CTX-INWONERS-ZWVL",
        "name": "Inwoners (Zuid-West-Vlaanderen)",
        "description": "Totaal aantal inwoners van de regio Zuid-West-Vlaanderen.",
        "unit": "inwoners",
        "kind": "context",
        "action": None,
        "geography": "zuid_west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 319114,
        "baseline_date": "2019-01-01",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2019-01-01",
                "value": 319114,
                "data_source": "Actieplan regie sociale economie ZWVL 2020–2025",
                "note": "Bevolking op 1 januari 2019 zoals vermeld in het actieplan.",
            },
        ],
    },
    {
        "code": "CTX-SPANNINGSRATIO-WVL",
        "name": "Spanningsratio (West-Vlaanderen)",
        "description": (
            "Verhouding tussen het aantal niet-werkende werkzoekenden en het aantal openstaande "
            "vacatures bij VDAB. Hoe lager de ratio, hoe krapper de arbeidsmarkt."
        ),
        "unit": "werkzoekenden per vacature",
        "kind": "context",
        "action": None,
        "geography": "west_vlaanderen",
        "municipality": None,
        "rung": None,
        "baseline_value": 2,
        "baseline_date": "2019-12-31",
        "target_value": None,
        "target_date": None,
        "public": True,
        "measurements": [
            {
                "date": "2014-12-31",
                "value": 8,
                "data_source": "VDAB, zoals aangehaald in het actieplan",
                "note": "Benaderend: het actieplan spreekt van meer dan 8 in 2014.",
            },
            {
                "date": "2019-12-31",
                "value": 2,
                "data_source": "VDAB, zoals aangehaald in het actieplan",
                "note": "Benaderend: het actieplan spreekt van ongeveer 2 eind 2019.",
            },
        ],
    },
    # --- action indicators (illustrative figures) ---------------------------------------------
    {
        "code": "IND-A01-ROSE-AV",
        "name": "Algemene vergaderingen van ROSE per jaar",
        "description": "Aantal gehouden algemene vergaderingen van ROSE in het kalenderjaar.",
        "unit": "vergaderingen",
        "kind": "action",
        "action": "A01",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 4,
        "baseline_date": "2019-12-31",
        "target_value": 4,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-12-31",
                "value": 3,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer; één vergadering verviel door de coronamaatregelen.",
            },
            {
                "date": "2021-12-31",
                "value": 4,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2022-12-31",
                "value": 4,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-12-31",
                "value": 4,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-12-31",
                "value": 4,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-12-31",
                "value": 4,
                "data_source": "Verslagen ROSE (W13)",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A06-NETWERKEVENT-DEELNEMERS",
        "name": "Deelnemers aan het netwerkevent",
        "description": "Aantal aanwezigen op het jaarlijkse netwerkevent sociale economie.",
        "unit": "deelnemers",
        "kind": "action",
        "action": "A06",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 110,
        "baseline_date": "2019-10-31",
        "target_value": 150,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-11-26",
                "value": 85,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer; digitale editie.",
            },
            {
                "date": "2021-10-21",
                "value": 104,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2022-10-20",
                "value": 128,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-10-19",
                "value": 142,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-10-17",
                "value": 151,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-10-16",
                "value": 163,
                "data_source": "Inschrijvingslijst W13",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A08-DAEB-GEMEENTEN",
        "name": "Gemeenten met een actieve DAEB-toewijzing",
        "description": (
            "Aantal gemeenten van de regio met minstens één lopende DAEB-toewijzing aan een "
            "LDE- of maatwerkorganisatie op 31 december."
        ),
        "unit": "gemeenten",
        "kind": "action",
        "action": "A08",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 2,
        "baseline_date": "2019-12-31",
        "target_value": 12,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-12-31",
                "value": 3,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
            {
                "date": "2021-12-31",
                "value": 5,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
            {
                "date": "2022-12-31",
                "value": 5,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
            {
                "date": "2023-12-31",
                "value": 8,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
            {
                "date": "2024-12-31",
                "value": 10,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
            {
                "date": "2025-12-31",
                "value": 11,
                "data_source": "Register DAEB-toewijzingen (W13)",
                "note": "Illustratief cijfer, afgeleid van de voorbeeldovereenkomsten in deze dataset.",
            },
        ],
    },
    {
        "code": "IND-A10-OVERGANGSPLANNEN",
        "name": "LDE-organisaties met een overgangsplanning naar individueel maatwerk",
        "description": "Aantal LDE-organisaties in de regio met een afgewerkte overgangsplanning.",
        "unit": "organisaties",
        "kind": "action",
        "action": "A10",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 0,
        "baseline_date": "2023-07-01",
        "target_value": 6,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2023-12-31",
                "value": 1,
                "data_source": "Opvolging LDE-fabriek",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-12-31",
                "value": 3,
                "data_source": "Opvolging LDE-fabriek",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-12-31",
                "value": 4,
                "data_source": "Opvolging LDE-fabriek",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A11-BESTUREN-SOCIAAL-AANBESTEDEN",
        "name": "Lokale besturen die sociaal aanbesteden",
        "description": (
            "Aantal lokale besturen van de regio met minstens één opdracht met een sociale clausule "
            "of een opdracht voorbehouden aan de sociale economie."
        ),
        "unit": "besturen",
        "kind": "action",
        "action": "A11",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 2,
        "baseline_date": "2019-12-31",
        "target_value": 8,
        "target_date": "2023-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-12-31",
                "value": 3,
                "data_source": "Bevraging aankopers lokale besturen",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2021-12-31",
                "value": 5,
                "data_source": "Bevraging aankopers lokale besturen",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2022-12-31",
                "value": 7,
                "data_source": "Bevraging aankopers lokale besturen",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-12-31",
                "value": 9,
                "data_source": "Bevraging aankopers lokale besturen",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A14-GIDS-ORGANISATIES",
        "name": "Organisaties in de publieke gids",
        "description": "Aantal organisaties met een profiel (aanbod en inschakelingskansen) in de publieke gids.",
        "unit": "organisaties",
        "kind": "action",
        "action": "A14",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 0,
        "baseline_date": "2021-01-01",
        "target_value": 40,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2021-12-31",
                "value": 24,
                "data_source": "Publieke gids (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2022-12-31",
                "value": 31,
                "data_source": "Publieke gids (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-12-31",
                "value": 34,
                "data_source": "Publieke gids (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-12-31",
                "value": 37,
                "data_source": "Publieke gids (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-12-31",
                "value": 41,
                "data_source": "Publieke gids (W13)",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A15-MOBILITEITSIMPULSEN",
        "name": "MVO-impulsen rond mobiliteit per jaar",
        "description": (
            "Aantal afgeronde impulsen rond mobiliteit van doelgroepmedewerkers en duurzame "
            "dienstverplaatsingen in het kalenderjaar; het plan vraagt er minstens één per jaar."
        ),
        "unit": "impulsen",
        "kind": "action",
        "action": "A15",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 0,
        "baseline_date": "2019-12-31",
        "target_value": 1,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-12-31",
                "value": 1,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2021-12-31",
                "value": 2,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2022-12-31",
                "value": 1,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-12-31",
                "value": 2,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-12-31",
                "value": 1,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-12-31",
                "value": 1,
                "data_source": "Opvolging actieplan (W13)",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A21-JONGEREN-ORIENTATIESTAGE",
        "name": "Jongeren in een oriëntatiestage bij een sociale-economiebedrijf",
        "description": "Aantal jongeren (18–25 jaar) dat in het kalenderjaar een oriëntatiestage liep.",
        "unit": "jongeren per jaar",
        "kind": "action",
        "action": "A21",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 0,
        "baseline_date": "2021-12-31",
        "target_value": 25,
        "target_date": "2025-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2022-12-31",
                "value": 9,
                "data_source": "Registratie OCMW's en SE-bedrijven",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2023-12-31",
                "value": 17,
                "data_source": "Registratie OCMW's en SE-bedrijven",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2024-12-31",
                "value": 22,
                "data_source": "Registratie OCMW's en SE-bedrijven",
                "note": "Illustratief cijfer.",
            },
            {
                "date": "2025-12-31",
                "value": 19,
                "data_source": "Registratie OCMW's en SE-bedrijven",
                "note": "Illustratief cijfer.",
            },
        ],
    },
    {
        "code": "IND-A26-RASE-RONDGANG",
        "name": "Organisaties bezocht in de RASE-rondgang",
        "description": "Aantal sociale-economieorganisaties dat in de rondgang van 2020 werd bezocht.",
        "unit": "organisaties",
        "kind": "action",
        "action": "A26",
        "geography": None,
        "municipality": None,
        "rung": None,
        "baseline_value": 0,
        "baseline_date": "2020-01-01",
        "target_value": 8,
        "target_date": "2020-12-31",
        "public": True,
        "measurements": [
            {
                "date": "2020-10-22",
                "value": 9,
                "data_source": "Verslag werkgroep RASE",
                "note": "Illustratief cijfer.",
            },
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Bodies: ROSE and its sub-structures. Recurrence is an RFC 5545 RRULE where the plan gives a
# rhythm; ad-hoc bodies have None.
# ---------------------------------------------------------------------------------------------

BODIES: list[dict[str, Any]] = [
    {
        "code": "rose-av",
        "name": "ROSE – algemene vergadering",
        "description": (
            "Het driemaandelijkse overleg van alle spelers in de regionale sociale economie: "
            "sociale-economiebedrijven, reguliere bedrijven, sociale partners en regionale partners."
        ),
        "kind": "general_assembly",
        "recurrence": "FREQ=MONTHLY;INTERVAL=3",
        "agenda_template": [
            {
                "title": "Verwelkoming en goedkeuring van het vorige verslag",
                "description": "",
                "items": [],
            },
            {
                "title": "Nieuws uit de Actiegroep en de werkgroepen",
                "description": "Korte stand van zaken per deelwerking.",
                "items": [
                    {"title": "LDE-fabriek", "description": "", "items": []},
                    {"title": "AZ-fabriek", "description": "", "items": []},
                    {"title": "Ad-hoc werkgroepen", "description": "", "items": []},
                ],
            },
            {
                "title": "Beleidsopvolging",
                "description": "Nieuws uit Vlaanderen, VDAB en de provincie.",
                "items": [],
            },
            {
                "title": "Signalisatiedossiers",
                "description": "Stand van de dossiers die de regio aankaart.",
                "items": [],
            },
            {"title": "Rondvraag en volgende vergadering", "description": "", "items": []},
        ],
        "members": [
            "w13",
            "vdab",
            "provincie-wvl",
            "pom-wvl",
            "resoc-zwvl",
            "ocmw-kortrijk",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-kinderopvang-menen",
            "fictief-strijkatelier-harelbeke",
            "fictief-fietsatelier-waregem",
            "fictief-groenploeg-wevelgem",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-arbeidszorg-anzegem",
            "fictief-arbeidszorg-kuurne",
            "fictief-staalwerk-deerlijk",
        ],
    },
    {
        "code": "actiegroep",
        "name": "Actiegroep ROSE",
        "description": (
            "Kleine kerngroep die de algemene vergadering voorbereidt en voorstellen uitwerkt tot "
            "concrete acties. Komt samen enkele weken voor elke algemene vergadering."
        ),
        "kind": "action_group",
        "recurrence": "FREQ=MONTHLY;INTERVAL=3",
        "agenda_template": [
            {
                "title": "Opvolging van de beslissingen van de vorige AV",
                "description": "",
                "items": [],
            },
            {"title": "Voorbereiding agenda volgende AV", "description": "", "items": []},
            {"title": "Lopende acties en signalisatiedossiers", "description": "", "items": []},
            {"title": "Varia", "description": "", "items": []},
        ],
        "members": [
            "w13",
            "vdab",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-arbeidszorg-kuurne",
        ],
    },
    {
        "code": "lde-fabriek",
        "name": "LDE-fabriek",
        "description": "Werkgroep van de LDE-organisaties uit de regio voor thema's die eigen zijn aan de lokale diensteneconomie.",
        "kind": "workgroup",
        "recurrence": None,
        "agenda_template": [
            {"title": "Rondje van de organisaties", "description": "", "items": []},
            {"title": "Afspraken met lokale besturen (DAEB)", "description": "", "items": []},
            {
                "title": "Regelgeving en overgang naar individueel maatwerk",
                "description": "",
                "items": [],
            },
            {"title": "Varia", "description": "", "items": []},
        ],
        "members": [
            "w13",
            "fictief-klusjesbedrijf-kortrijk",
            "fictief-kinderopvang-menen",
            "fictief-strijkatelier-harelbeke",
            "fictief-fietsatelier-waregem",
            "fictief-groenploeg-wevelgem",
            "fictief-buurtrestaurant-avelgem",
        ],
    },
    {
        "code": "az-fabriek",
        "name": "AZ-fabriek",
        "description": "Werkgroep van de arbeidszorginitiatieven, opgericht naar het voorbeeld van de LDE-fabriek.",
        "kind": "workgroup",
        "recurrence": None,
        "agenda_template": [
            {"title": "Rondje van de initiatieven", "description": "", "items": []},
            {"title": "Methodieken en doorstroom", "description": "", "items": []},
            {"title": "Beleid en financiering van arbeidszorg", "description": "", "items": []},
        ],
        "members": [
            "w13",
            "fictief-arbeidszorg-anzegem",
            "fictief-arbeidszorg-kuurne",
            "ocmw-kortrijk",
        ],
    },
    {
        "code": "rase",
        "name": "Werkgroep RASE (Regionale Actie Sociale Energie)",
        "description": "Ad-hoc werkgroep waarin sociale-economieorganisaties van elkaar leren over energie en duurzaamheid.",
        "kind": "workgroup",
        "recurrence": None,
        "agenda_template": [
            {"title": "Ervaringen van de deelnemers", "description": "", "items": []},
            {"title": "Gezamenlijke initiatieven", "description": "", "items": []},
        ],
        "members": [
            "w13",
            "provincie-wvl",
            "fictief-maatwerkbedrijf-zwevegem",
            "fictief-maatwerkbedrijf-wielsbeke",
            "fictief-fietsatelier-waregem",
        ],
    },
    {
        "code": "netwerkevent",
        "name": "Netwerkevent sociale economie Zuid-West-Vlaanderen",
        "description": "Jaarlijks ontmoetingsmoment voor het brede netwerk; de leden zijn de organiserende partners.",
        "kind": "event",
        "recurrence": "FREQ=YEARLY",
        "agenda_template": [
            {"title": "Onthaal", "description": "", "items": []},
            {"title": "Inleiding op het jaarthema", "description": "", "items": []},
            {"title": "Workshops en matchmaking", "description": "", "items": []},
            {"title": "Netwerkmoment", "description": "", "items": []},
        ],
        "members": ["w13", "pom-wvl", "resoc-zwvl", "provincie-wvl", "vdab"],
    },
]

# ---------------------------------------------------------------------------------------------
# Meetings (illustrative): past meetings are held, with attendance, minutes and decisions;
# upcoming ones (from December 2026) are planned. Minutes name organisations, never persons.
# ---------------------------------------------------------------------------------------------

MEETINGS: list[dict[str, Any]] = [
    {
        "key": "rose-av-2024-12",
        "body": "rose-av",
        "title": "Algemene vergadering ROSE – december 2024",
        "starts_at": "2024-12-12T13:00:00Z",
        "ends_at": "2024-12-12T15:30:00Z",
        "location": "W13, Kortrijk",
        "status": "held",
        "agenda": [
            {
                "title": "Verwelkoming en goedkeuring van het vorige verslag",
                "description": "",
                "items": [],
            },
            {
                "title": "Nieuws uit de Actiegroep en de werkgroepen",
                "description": "",
                "items": [
                    {
                        "title": "LDE-fabriek: stand van de overgangsplanningen",
                        "description": "",
                        "items": [],
                    },
                    {
                        "title": "AZ-fabriek: doorverwijsafspraken met de OCMW's",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {
                "title": "Beleidsopvolging",
                "description": "Terugblik op het netwerkevent 2024 en nieuws uit Vlaanderen.",
                "items": [],
            },
            {
                "title": "Signalisatiedossiers",
                "description": "",
                "items": [
                    {
                        "title": "SIG-02 contingentering: nog geen antwoord",
                        "description": "",
                        "items": [],
                    },
                    {"title": "SIG-07 jongeren in het leefloon", "description": "", "items": []},
                ],
            },
            {"title": "Rondvraag en kalender 2025", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "vdab", "status": "present"},
            {"actor": "provincie-wvl", "status": "present"},
            {"actor": "pom-wvl", "status": "excused"},
            {"actor": "resoc-zwvl", "status": "present"},
            {"actor": "ocmw-kortrijk", "status": "present"},
            {"actor": "fictief-klusjesbedrijf-kortrijk", "status": "present"},
            {"actor": "fictief-kinderopvang-menen", "status": "excused"},
            {"actor": "fictief-strijkatelier-harelbeke", "status": "present"},
            {"actor": "fictief-fietsatelier-waregem", "status": "present"},
            {"actor": "fictief-groenploeg-wevelgem", "status": "absent"},
            {"actor": "fictief-maatwerkbedrijf-zwevegem", "status": "present"},
            {"actor": "fictief-maatwerkbedrijf-wielsbeke", "status": "present"},
            {"actor": "fictief-arbeidszorg-anzegem", "status": "present"},
            {"actor": "fictief-arbeidszorg-kuurne", "status": "present"},
            {"actor": "fictief-staalwerk-deerlijk", "status": "excused"},
        ],
        "minutes": (
            "De vergadering keurt het vorige verslag goed. De LDE-fabriek meldt dat drie organisaties "
            "hun overgangsplanning naar individueel maatwerk klaar hebben. Over de contingentering "
            "is nog geen antwoord van Vlaanderen; het dossier blijft op de agenda. OCMW Kortrijk "
            "licht toe dat het aandeel jongeren onder de leefloners hoog blijft; de vergadering wil "
            "de oorzaken samen met de andere OCMW's in kaart brengen. De kalender 2025 wordt "
            "vastgelegd."
        ),
        "decisions": [
            {
                "text": "De Actiegroep werkt een voorstel uit voor een gezamenlijke analyse van jongeren in het leefloon, met de OCMW's van de regio.",
                "action": "A21",
                "dossier": "SIG-07",
                "due_date": "2025-03-13",
            },
            {
                "text": "W13 vraagt de bevoegde Vlaamse administratie schriftelijk naar de stand van het dossier contingentering.",
                "action": None,
                "dossier": "SIG-02",
                "due_date": "2025-02-28",
            },
        ],
        "dossiers": ["SIG-02", "SIG-07"],
    },
    {
        "key": "actiegroep-2025-02",
        "body": "actiegroep",
        "title": "Actiegroep ROSE – februari 2025",
        "starts_at": "2025-02-20T09:00:00Z",
        "ends_at": "2025-02-20T11:00:00Z",
        "location": "W13, Kortrijk",
        "status": "held",
        "agenda": [
            {
                "title": "Opvolging van de beslissingen van de vorige AV",
                "description": "",
                "items": [],
            },
            {
                "title": "Lopende acties en signalisatiedossiers",
                "description": "",
                "items": [
                    {
                        "title": "SIG-01 indicering: nieuwe signalen uit de LDE-fabriek",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {"title": "Voorbereiding agenda volgende AV", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "vdab", "status": "present"},
            {"actor": "fictief-maatwerkbedrijf-zwevegem", "status": "present"},
            {"actor": "fictief-klusjesbedrijf-kortrijk", "status": "present"},
            {"actor": "fictief-arbeidszorg-kuurne", "status": "excused"},
        ],
        "minutes": (
            "De leden bundelen recente signalen over indiceringen die niet passen bij de werkvloer. "
            "VDAB staat open voor werkvloerbezoeken door indiceerders en bekijkt intern hoe dat kan. "
            "De Actiegroep vraagt een formeel antwoord op de knelpuntennota."
        ),
        "decisions": [
            {
                "text": "W13 bezorgt VDAB een geactualiseerde, geanonimiseerde knelpuntenlijst en vraagt een formeel antwoord.",
                "action": None,
                "dossier": "SIG-01",
                "due_date": "2025-03-31",
            },
        ],
        "dossiers": ["SIG-01"],
    },
    {
        "key": "lde-fabriek-2025-05",
        "body": "lde-fabriek",
        "title": "LDE-fabriek – mei 2025",
        "starts_at": "2025-05-15T12:00:00Z",
        "ends_at": "2025-05-15T14:00:00Z",
        "location": "Klusjesbedrijf Handig Kortrijk (fictief), Kortrijk",
        "status": "held",
        "agenda": [
            {"title": "Rondje van de organisaties", "description": "", "items": []},
            {
                "title": "Regelgeving en overgang naar individueel maatwerk",
                "description": "",
                "items": [
                    {
                        "title": "Eerste ervaringen met individueel maatwerk",
                        "description": "",
                        "items": [],
                    },
                    {
                        "title": "Aanpassing van lopende DAEB-toewijzingen",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {"title": "Varia", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "fictief-klusjesbedrijf-kortrijk", "status": "present"},
            {"actor": "fictief-kinderopvang-menen", "status": "present"},
            {"actor": "fictief-strijkatelier-harelbeke", "status": "excused"},
            {"actor": "fictief-fietsatelier-waregem", "status": "present"},
            {"actor": "fictief-groenploeg-wevelgem", "status": "present"},
            {"actor": "fictief-buurtrestaurant-avelgem", "status": "absent"},
        ],
        "minutes": (
            "De organisaties wisselen eerste ervaringen uit met individueel maatwerk. Enkele "
            "DAEB-toewijzingen lopen af in 2025 of 2026 en moeten op tijd herbekeken worden. "
            "De groep spreekt af dat elke organisatie haar overgangsplanning tegen het najaar rond heeft."
        ),
        "decisions": [
            {
                "text": "Elke LDE-organisatie bezorgt W13 haar overgangsplanning; W13 maakt er een regionaal overzicht van.",
                "action": "A10",
                "dossier": None,
                "due_date": "2025-09-30",
            },
        ],
        "dossiers": [],
    },
    {
        "key": "rose-av-2025-09",
        "body": "rose-av",
        "title": "Algemene vergadering ROSE – september 2025",
        "starts_at": "2025-09-18T12:00:00Z",
        "ends_at": "2025-09-18T14:30:00Z",
        "location": "Maatwerkbedrijf Schelde & Leie (fictief), Zwevegem",
        "status": "held",
        "agenda": [
            {
                "title": "Verwelkoming en goedkeuring van het vorige verslag",
                "description": "",
                "items": [],
            },
            {"title": "Nieuws uit de Actiegroep en de werkgroepen", "description": "", "items": []},
            {
                "title": "Signalisatiedossiers",
                "description": "",
                "items": [
                    {
                        "title": "SIG-03 bereikbaarheid van bedrijventerreinen",
                        "description": "Toelichting door het gastbedrijf.",
                        "items": [],
                    },
                ],
            },
            {"title": "Voorbereiding netwerkevent 2025", "description": "", "items": []},
            {"title": "Rondvraag en volgende vergadering", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "vdab", "status": "excused"},
            {"actor": "provincie-wvl", "status": "present"},
            {"actor": "pom-wvl", "status": "present"},
            {"actor": "resoc-zwvl", "status": "absent"},
            {"actor": "ocmw-kortrijk", "status": "present"},
            {"actor": "fictief-klusjesbedrijf-kortrijk", "status": "present"},
            {"actor": "fictief-kinderopvang-menen", "status": "present"},
            {"actor": "fictief-strijkatelier-harelbeke", "status": "present"},
            {"actor": "fictief-fietsatelier-waregem", "status": "present"},
            {"actor": "fictief-groenploeg-wevelgem", "status": "present"},
            {"actor": "fictief-maatwerkbedrijf-zwevegem", "status": "present"},
            {"actor": "fictief-maatwerkbedrijf-wielsbeke", "status": "excused"},
            {"actor": "fictief-arbeidszorg-anzegem", "status": "present"},
            {"actor": "fictief-arbeidszorg-kuurne", "status": "present"},
            {"actor": "fictief-staalwerk-deerlijk", "status": "present"},
        ],
        "minutes": (
            "Het gastbedrijf schetst hoe medewerkers bij vroege en late shiften hun werkplek moeilijk "
            "bereiken met het openbaar vervoer. Andere leden herkennen dit. De vergadering zet het "
            "dossier mobiliteit formeel op de agenda van de regio en vraagt de provincie om mee naar "
            "oplossingen te zoeken. Het programma van het netwerkevent wordt goedgekeurd."
        ),
        "decisions": [
            {
                "text": "Het dossier bereikbaarheid van bedrijventerreinen wordt met cijfers per site onderbouwd en aan de provincie voorgelegd.",
                "action": None,
                "dossier": "SIG-03",
                "due_date": "2025-12-31",
            },
            {
                "text": "De evaluatie van de mobiliteitsacties wordt in de volgende AV besproken.",
                "action": "A15",
                "dossier": None,
                "due_date": "2025-12-11",
            },
        ],
        "dossiers": ["SIG-03"],
    },
    {
        "key": "netwerkevent-2025",
        "body": "netwerkevent",
        "title": "Netwerkevent sociale economie 2025",
        "starts_at": "2025-10-16T14:00:00Z",
        "ends_at": "2025-10-16T18:00:00Z",
        "location": "Kortrijk",
        "status": "held",
        "agenda": [
            {"title": "Onthaal", "description": "", "items": []},
            {
                "title": "Inleiding op het jaarthema: duurzaam samen ondernemen",
                "description": "",
                "items": [],
            },
            {
                "title": "Workshops en matchmaking",
                "description": "",
                "items": [
                    {"title": "Sociaal aanbesteden in de praktijk", "description": "", "items": []},
                    {
                        "title": "Samenwerken met een maatwerkbedrijf",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {"title": "Netwerkmoment", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "pom-wvl", "status": "present"},
            {"actor": "resoc-zwvl", "status": "present"},
            {"actor": "provincie-wvl", "status": "present"},
            {"actor": "vdab", "status": "present"},
        ],
        "minutes": "Het event lokte veel deelnemers uit reguliere bedrijven en lokale besturen. De workshops leverden een aantal concrete contacten op tussen aankopers en sociale-economiebedrijven.",
        "decisions": [
            {
                "text": "Het overzicht van geslaagde SE–NEC-samenwerkingen wordt aangevuld met de contacten van dit event.",
                "action": "A07",
                "dossier": None,
                "due_date": "2025-12-31",
            },
        ],
        "dossiers": [],
    },
    {
        "key": "rase-2026-03",
        "body": "rase",
        "title": "Werkgroep RASE – maart 2026",
        "starts_at": "2026-03-19T13:00:00Z",
        "ends_at": "2026-03-19T15:00:00Z",
        "location": "Maatwerkbedrijf Mandelwerk (fictief), Wielsbeke",
        "status": "cancelled",
        "agenda": [
            {"title": "Ervaringen van de deelnemers", "description": "", "items": []},
            {
                "title": "Gezamenlijke initiatieven",
                "description": "Haalbaarheid van een gezamenlijke energieaankoop.",
                "items": [],
            },
        ],
        "attendance": [],
        "minutes": None,
        "decisions": [],
        "dossiers": [],
    },
    {
        "key": "az-fabriek-2026-06",
        "body": "az-fabriek",
        "title": "AZ-fabriek – juni 2026",
        "starts_at": "2026-06-11T12:00:00Z",
        "ends_at": "2026-06-11T14:00:00Z",
        "location": "Zorgboerderij De Werkhoeve (fictief), Anzegem",
        "status": "held",
        "agenda": [
            {"title": "Rondje van de initiatieven", "description": "", "items": []},
            {
                "title": "Methodieken en doorstroom",
                "description": "",
                "items": [
                    {
                        "title": "Drempels bij de overstap van arbeidszorg naar maatwerk",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {"title": "Beleid en financiering van arbeidszorg", "description": "", "items": []},
        ],
        "attendance": [
            {"actor": "w13", "status": "present"},
            {"actor": "fictief-arbeidszorg-anzegem", "status": "present"},
            {"actor": "fictief-arbeidszorg-kuurne", "status": "present"},
            {"actor": "ocmw-kortrijk", "status": "excused"},
        ],
        "minutes": (
            "De initiatieven stellen vast dat deelnemers die klaar zijn voor een volgende stap soms "
            "lang moeten wachten of tussen twee regelingen vallen. Er zijn nog te weinig concrete, "
            "anonieme voorbeelden om het signaal sterk te onderbouwen."
        ),
        "decisions": [
            {
                "text": "De initiatieven verzamelen tot het najaar anonieme voorbeelden van vastgelopen doorstroom.",
                "action": None,
                "dossier": "SIG-04",
                "due_date": "2026-10-31",
            },
        ],
        "dossiers": ["SIG-04"],
    },
    {
        "key": "rose-av-2026-12",
        "body": "rose-av",
        "title": "Algemene vergadering ROSE – december 2026",
        "starts_at": "2026-12-10T13:00:00Z",
        "ends_at": "2026-12-10T15:30:00Z",
        "location": "W13, Kortrijk",
        "status": "planned",
        "agenda": [
            {
                "title": "Verwelkoming en goedkeuring van het vorige verslag",
                "description": "",
                "items": [],
            },
            {
                "title": "Nieuws uit de Actiegroep en de werkgroepen",
                "description": "Korte stand van zaken per deelwerking.",
                "items": [
                    {"title": "LDE-fabriek", "description": "", "items": []},
                    {"title": "AZ-fabriek", "description": "", "items": []},
                    {"title": "Ad-hoc werkgroepen", "description": "", "items": []},
                ],
            },
            {
                "title": "Beleidsopvolging",
                "description": "Nieuws uit Vlaanderen, VDAB en de provincie.",
                "items": [],
            },
            {
                "title": "Signalisatiedossiers",
                "description": "Stand van de dossiers die de regio aankaart.",
                "items": [
                    {
                        "title": "SIG-03 mobiliteit: reactie van de provincie",
                        "description": "",
                        "items": [],
                    },
                ],
            },
            {"title": "Rondvraag en volgende vergadering", "description": "", "items": []},
        ],
        "attendance": [],
        "minutes": None,
        "decisions": [],
        "dossiers": ["SIG-03"],
    },
    {
        "key": "actiegroep-2027-02",
        "body": "actiegroep",
        "title": "Actiegroep ROSE – februari 2027",
        "starts_at": "2027-02-18T09:00:00Z",
        "ends_at": "2027-02-18T11:00:00Z",
        "location": "W13, Kortrijk",
        "status": "planned",
        "agenda": [
            {
                "title": "Opvolging van de beslissingen van de vorige AV",
                "description": "",
                "items": [],
            },
            {"title": "Voorbereiding agenda volgende AV", "description": "", "items": []},
            {"title": "Lopende acties en signalisatiedossiers", "description": "", "items": []},
            {"title": "Varia", "description": "", "items": []},
        ],
        "attendance": [],
        "minutes": None,
        "decisions": [],
        "dossiers": [],
    },
    {
        "key": "rose-av-2027-03",
        "body": "rose-av",
        "title": "Algemene vergadering ROSE – maart 2027",
        "starts_at": "2027-03-11T13:00:00Z",
        "ends_at": "2027-03-11T15:30:00Z",
        "location": "W13, Kortrijk",
        "status": "planned",
        "agenda": [
            {
                "title": "Verwelkoming en goedkeuring van het vorige verslag",
                "description": "",
                "items": [],
            },
            {"title": "Nieuws uit de Actiegroep en de werkgroepen", "description": "", "items": []},
            {
                "title": "Beleidsopvolging",
                "description": "Nieuws uit Vlaanderen, VDAB en de provincie.",
                "items": [],
            },
            {"title": "Signalisatiedossiers", "description": "", "items": []},
            {"title": "Rondvraag en volgende vergadering", "description": "", "items": []},
        ],
        "attendance": [],
        "minutes": None,
        "decisions": [],
        "dossiers": [],
    },
]

# ---------------------------------------------------------------------------------------------
# Signalisation dossiers: issues the region raises with other levels of government. The themes
# come from the plan; the events are illustrative. Evidence is summarised at the level of
# organisations, never of individual target-group workers.
# ---------------------------------------------------------------------------------------------

DOSSIERS: list[dict[str, Any]] = [
    {
        "code": "SIG-01",
        "title": "Pragmatische indicering en toeleiding van doelgroepmedewerkers",
        "theme": "indicering_toeleiding",
        "level": "vdab",
        "raised_by": "w13",
        "evidence_summary": (
            "Maatwerk- en LDE-organisaties melden dat toegeleide kandidaten geregeld een indicering "
            "hebben die niet overeenstemt met wat de job vraagt, en dat de tijd tussen aanmelding en "
            "indicering oploopt. De signalen komen uit de LDE-fabriek en de Actiegroep en zijn "
            "samengevat per organisatie, zonder gegevens over individuele werknemers."
        ),
        "status": "answered",
        "events": [
            {
                "date": "2020-10-15",
                "kind": "note",
                "text": "Eerste signalen uit de LDE-fabriek over indiceringen die niet bij de werkvloer passen.",
                "meeting": None,
            },
            {
                "date": "2021-03-18",
                "kind": "status_change",
                "text": "Dossier op de agenda van ROSE gezet.",
                "meeting": None,
            },
            {
                "date": "2021-06-10",
                "kind": "signalled",
                "text": "Knelpuntennota bezorgd aan de regionale directie van VDAB.",
                "meeting": None,
            },
            {
                "date": "2025-02-20",
                "kind": "meeting",
                "text": "De Actiegroep bundelt nieuwe signalen en vraagt een formeel antwoord.",
                "meeting": "actiegroep-2025-02",
            },
            {
                "date": "2025-04-24",
                "kind": "answer",
                "text": "VDAB stelt voor dat indiceerders werkvloeren in de regio bezoeken en neemt de signalen mee in de eigen evaluatie.",
                "meeting": None,
            },
        ],
    },
    {
        "code": "SIG-02",
        "title": "Matiging van de Vlaamse contingentering van inschakelingstrajecten",
        "theme": "contingentering",
        "level": "vlaanderen",
        "raised_by": "w13",
        "evidence_summary": (
            "Verschillende maatwerkbedrijven en arbeidszorginitiatieven hebben wachtlijsten, terwijl "
            "klanten werk aanbieden. Tegelijk bleven eind 2018 in de regio 417 mensen met een "
            "maatwerk- of LDE-advies zonder passende plaats (VDAB). De centraal verdeelde "
            "contingenten sluiten daardoor niet aan bij de regionale vraag."
        ),
        "status": "signalled",
        "events": [
            {
                "date": "2020-06-25",
                "kind": "note",
                "text": "Maatwerkbedrijven melden wachtlijsten terwijl er werk is.",
                "meeting": None,
            },
            {
                "date": "2021-09-16",
                "kind": "status_change",
                "text": "Dossier op de agenda van ROSE gezet.",
                "meeting": None,
            },
            {
                "date": "2022-02-24",
                "kind": "signalled",
                "text": "Gezamenlijke nota over de verdeling van inschakelingstrajecten bezorgd aan het Vlaamse beleidsdomein Werk en Sociale Economie.",
                "meeting": None,
            },
            {
                "date": "2024-12-12",
                "kind": "meeting",
                "text": "Nog geen antwoord ontvangen; W13 vraagt schriftelijk naar de stand van zaken.",
                "meeting": "rose-av-2024-12",
            },
        ],
    },
    {
        "code": "SIG-03",
        "title": "Bereikbaarheid van werkplekken voor doelgroepmedewerkers",
        "theme": "mobiliteit",
        "level": "provincie",
        "raised_by": "fictief-maatwerkbedrijf-zwevegem",
        "evidence_summary": (
            "Medewerkers in vroege en late shiften geraken moeilijk op bedrijventerreinen zonder "
            "aangepaste busverbinding; meerdere organisaties melden dat vacatures daardoor "
            "onvervuld blijven. Onderbouwing met geaggregeerde cijfers per site is in opmaak."
        ),
        "status": "on_agenda",
        "events": [
            {
                "date": "2024-05-23",
                "kind": "note",
                "text": "Signaal van een maatwerkbedrijf over de bereikbaarheid van zijn site bij ploegenwerk.",
                "meeting": None,
            },
            {
                "date": "2025-09-18",
                "kind": "meeting",
                "text": "Toelichting in de algemene vergadering; andere leden herkennen het probleem.",
                "meeting": "rose-av-2025-09",
            },
            {
                "date": "2025-09-18",
                "kind": "status_change",
                "text": "Dossier op de agenda van de regio gezet; cijfers per site gevraagd.",
                "meeting": "rose-av-2025-09",
            },
        ],
    },
    {
        "code": "SIG-04",
        "title": "Doorstroom tussen werkvormen",
        "theme": "doorstroom",
        "level": "vlaanderen",
        "raised_by": "fictief-arbeidszorg-kuurne",
        "evidence_summary": (
            "Arbeidszorginitiatieven zien deelnemers die klaar zijn voor een volgende stap, maar die "
            "lang moeten wachten of tussen twee regelingen vallen. Er worden anonieme voorbeelden "
            "verzameld om het signaal te onderbouwen."
        ),
        "status": "open",
        "events": [
            {
                "date": "2024-11-14",
                "kind": "note",
                "text": "Een arbeidszorginitiatief meldt lange wachttijden bij de overstap naar maatwerk.",
                "meeting": None,
            },
            {
                "date": "2026-06-11",
                "kind": "meeting",
                "text": "Besproken in de AZ-fabriek; eerst meer voorbeelden verzamelen.",
                "meeting": "az-fabriek-2026-06",
            },
        ],
    },
    {
        "code": "SIG-05",
        "title": "Indicering in een andere taal dan het Nederlands",
        "theme": "anderstaligen",
        "level": "vdab",
        "raised_by": "fictief-maatwerkbedrijf-wielsbeke",
        "evidence_summary": (
            "Het indiceringsgesprek voor maatwerk verloopt in het Nederlands. In de grensregio "
            "wonen relatief veel Franstaligen en ook nieuwkomers die nog Nederlands leren; zij "
            "geraken daardoor moeilijker aan een passende indicering. Gemeld door maatwerkbedrijven, "
            "zonder individuele gegevens."
        ),
        "status": "closed",
        "events": [
            {
                "date": "2020-11-19",
                "kind": "note",
                "text": "Een maatwerkbedrijf meldt dat anderstalige kandidaten moeilijk een indicering krijgen.",
                "meeting": None,
            },
            {
                "date": "2021-03-18",
                "kind": "status_change",
                "text": "Dossier op de agenda van ROSE gezet.",
                "meeting": None,
            },
            {
                "date": "2021-10-14",
                "kind": "signalled",
                "text": "Vraag aan VDAB om de indicering ook in andere talen mogelijk te maken.",
                "meeting": None,
            },
            {
                "date": "2022-05-12",
                "kind": "answer",
                "text": "VDAB licht toe welke ondersteuning, zoals een tolk, mogelijk is tijdens het indiceringsgesprek.",
                "meeting": None,
            },
            {
                "date": "2023-01-19",
                "kind": "status_change",
                "text": "Antwoord besproken in ROSE; dossier afgesloten, verdere opvolging binnen actie A22.",
                "meeting": None,
            },
        ],
    },
    {
        "code": "SIG-06",
        "title": "Re-integratie van langdurig zieken",
        "theme": "langdurig_zieken",
        "level": "federaal",
        "raised_by": "w13",
        "evidence_summary": (
            "Organisaties stellen vast dat een geleidelijke terugkeer van langdurig zieken soms "
            "vastloopt op de regels rond toegelaten arbeid en op trage beslissingen. De sociale "
            "economie kan werkposten aanpassen, maar de regels laten weinig ruimte om dat als "
            "tussenstap in te zetten."
        ),
        "status": "signalled",
        "events": [
            {
                "date": "2021-11-25",
                "kind": "note",
                "text": "Leden melden vastgelopen re-integratietrajecten.",
                "meeting": None,
            },
            {
                "date": "2022-06-16",
                "kind": "status_change",
                "text": "Dossier op de agenda van ROSE gezet.",
                "meeting": None,
            },
            {
                "date": "2023-11-09",
                "kind": "signalled",
                "text": "Nota met knelpunten bezorgd aan de federale overheid.",
                "meeting": None,
            },
        ],
    },
    {
        "code": "SIG-07",
        "title": "Jongeren in het leefloon",
        "theme": "jongeren",
        "level": "vlaanderen",
        "raised_by": "ocmw-kortrijk",
        "evidence_summary": (
            "Bij OCMW Kortrijk is de helft van de leefloners tussen 18 en 25 jaar; andere OCMW's in "
            "de regio zien hetzelfde. De regio had in 2019 ook het hoogste aandeel jongeren onder de "
            "werklozen (28,8 %). De oorzaken zijn nog onvoldoende gekend."
        ),
        "status": "on_agenda",
        "events": [
            {
                "date": "2020-01-30",
                "kind": "note",
                "text": "OCMW Kortrijk meldt het hoge aandeel jongeren onder de leefloners.",
                "meeting": None,
            },
            {
                "date": "2024-12-12",
                "kind": "meeting",
                "text": "Besproken in de algemene vergadering; gezamenlijke analyse met de OCMW's gevraagd.",
                "meeting": "rose-av-2024-12",
            },
            {
                "date": "2024-12-12",
                "kind": "status_change",
                "text": "Dossier op de agenda van de regio gezet.",
                "meeting": "rose-av-2024-12",
            },
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# LDE/DAEB agreements (fictional): entrustments by municipalities to the fictional LDE
# organisations. Fields follow what EU decision 2012/21/EU (art. 4) asks an entrustment act
# to state. No new LDE recognitions since 2023-07-01, hence the regimes.
# ---------------------------------------------------------------------------------------------

AGREEMENTS: list[dict[str, Any]] = [
    {
        "key": "daeb-klusjesdienst-kortrijk-2020",
        "title": "DAEB klusjesdienst Kortrijk 2020–2022",
        "municipalities": ["34022"],
        "provider": "fictief-klusjesbedrijf-kortrijk",
        "service": "klusjesdienst",
        "description": (
            "Kleine herstellings- en onderhoudswerken in en rond de woning voor inwoners die dat "
            "zelf niet kunnen en er op de markt geen betaalbaar aanbod voor vinden. Het bestuur "
            "legt de tarieven en de voorrangsregels vast; de opdracht loopt drie jaar."
        ),
        "target_group": "Inwoners met recht op verhoogde tegemoetkoming, ouderen en personen met een beperking",
        "territory": "Grondgebied van de stad Kortrijk",
        "start_date": "2020-01-01",
        "end_date": "2022-12-31",
        "compensation_amount": 78000.00,
        "compensation_parameters": (
            "Vast bedrag per gepresteerd begeleid uur, verminderd met de bijdragen van de "
            "gebruikers; jaarlijks geïndexeerd. Plafond: de nettokosten van de dienst plus een "
            "redelijke winst van ten hoogste 3 %."
        ),
        "review_dates": ["2021-03-31", "2022-03-31", "2023-03-31"],
        "council_decision_date": "2019-11-18",
        "council_decision_uri": "https://example.org/besluiten/kortrijk/2019-11-18-daeb-klusjesdienst",
        "volume": 6500,
        "volume_unit": "hours",
        "regime": "lde",
    },
    {
        "key": "daeb-klusjesdienst-kortrijk-kuurne-lendelede-2023",
        "title": "DAEB klusjesdienst Kortrijk, Kuurne en Lendelede 2023–2026",
        "municipalities": ["34022", "34023", "34025"],
        "provider": "fictief-klusjesbedrijf-kortrijk",
        "service": "klusjesdienst",
        "description": (
            "Voortzetting en uitbreiding van de klusjesdienst naar twee buurgemeenten. De toewijzing "
            "overbrugt de overgang van LDE naar individueel maatwerk; ze wordt herzien zodra de "
            "tewerkstelling volledig onder het nieuwe stelsel valt."
        ),
        "target_group": "Inwoners met recht op verhoogde tegemoetkoming, ouderen en personen met een beperking",
        "territory": "Grondgebied van Kortrijk, Kuurne en Lendelede",
        "start_date": "2023-07-01",
        "end_date": "2026-06-30",
        "compensation_amount": 98000.00,
        "compensation_parameters": (
            "Bedrag per gepresteerd begeleid uur, verdeeld over de drie gemeenten naar rato van de "
            "uren op hun grondgebied; bijdragen van gebruikers en maatwerksubsidies worden in "
            "mindering gebracht. Jaarlijkse afrekening op basis van de werkelijke kosten."
        ),
        "review_dates": ["2024-03-31", "2025-03-31", "2026-03-31"],
        "council_decision_date": "2023-05-22",
        "council_decision_uri": "https://example.org/besluiten/kortrijk/2023-05-22-daeb-klusjesdienst-regionaal",
        "volume": 7800,
        "volume_unit": "hours",
        "regime": "transitional",
    },
    {
        "key": "daeb-kinderopvang-menen-wervik-2021",
        "title": "DAEB kinderopvang Menen en Wervik 2021–2026",
        "municipalities": ["34027", "33029"],
        "provider": "fictief-kinderopvang-menen",
        "service": "kinderopvang",
        "description": (
            "Betaalbare kinderopvang met voorrang voor gezinnen met een laag inkomen en ouders in "
            "een opleidings- of activeringstraject. De aanbieder volgt de kwaliteits- en "
            "veiligheidsregels van de Vlaamse overheid."
        ),
        "target_group": "Gezinnen met een beperkt inkomen en ouders in een traject naar werk",
        "territory": "Grondgebied van Menen en Wervik",
        "start_date": "2021-01-01",
        "end_date": "2026-12-31",
        "compensation_amount": 124000.00,
        "compensation_parameters": (
            "Tussenkomst per bezette opvangplaats per dag, bovenop de ouderbijdrage en de Vlaamse "
            "subsidie; de gemeenten dragen bij in verhouding tot het aantal kinderen uit hun "
            "gemeente. Overcompensatie wordt teruggevorderd of verrekend."
        ),
        "review_dates": ["2022-04-30", "2023-04-30", "2024-04-30", "2025-04-30", "2026-04-30"],
        "council_decision_date": "2020-11-23",
        "council_decision_uri": None,
        "volume": 36,
        "volume_unit": "places",
        "regime": "lde",
    },
    {
        "key": "daeb-strijkatelier-harelbeke-deerlijk-2019",
        "title": "DAEB strijkatelier Harelbeke en Deerlijk 2019–2023",
        "municipalities": ["34013", "34009"],
        "provider": "fictief-strijkatelier-harelbeke",
        "service": "strijkatelier",
        "description": (
            "Strijkdienst met ophaling en levering aan sociaal tarief voor inwoners die het "
            "huishouden niet zelf rondkrijgen. Afgelopen en na de stopzetting van nieuwe "
            "LDE-erkenningen niet verlengd in dezelfde vorm."
        ),
        "target_group": "Ouderen, alleenstaande ouders en personen met een beperking",
        "territory": "Grondgebied van Harelbeke en Deerlijk",
        "start_date": "2019-07-01",
        "end_date": "2023-06-30",
        "compensation_amount": 42000.00,
        "compensation_parameters": (
            "Jaarlijks forfait per voltijds equivalent doelgroepwerknemer, verminderd met de "
            "opbrengst uit klantenbijdragen."
        ),
        "review_dates": ["2020-06-30", "2021-06-30", "2022-06-30", "2023-06-30"],
        "council_decision_date": "2019-05-20",
        "council_decision_uri": "https://example.org/besluiten/harelbeke/2019-05-20-daeb-strijkatelier",
        "volume": 3.5,
        "volume_unit": "fte",
        "regime": "lde",
    },
    {
        "key": "daeb-fietsherstel-waregem-wielsbeke-2024",
        "title": "DAEB fietsherstel en fietspunt Waregem en Wielsbeke 2024–2027",
        "municipalities": ["34040", "37017"],
        "provider": "fictief-fietsatelier-waregem",
        "service": "fietsherstel",
        "description": (
            "Uitbating van een fietspunt en betaalbaar fietsherstel, met aandacht voor inwoners "
            "die voor werk of opleiding op de fiets aangewezen zijn. Uitgevoerd met medewerkers "
            "in individueel maatwerk."
        ),
        "target_group": "Inwoners met een beperkt inkomen, werkzoekenden en jongeren",
        "territory": "Grondgebied van Waregem en Wielsbeke",
        "start_date": "2024-09-01",
        "end_date": "2027-08-31",
        "compensation_amount": 56000.00,
        "compensation_parameters": (
            "Vaste jaarlijkse vergoeding voor de openingsuren van het fietspunt, plus een bedrag per "
            "herstelling aan sociaal tarief; loonondersteuning voor individueel maatwerk wordt in "
            "mindering gebracht."
        ),
        "review_dates": ["2025-09-30", "2026-09-30", "2027-09-30"],
        "council_decision_date": "2024-06-17",
        "council_decision_uri": "https://example.org/besluiten/waregem/2024-06-17-daeb-fietspunt",
        "volume": 4,
        "volume_unit": "fte",
        "regime": "individueel_maatwerk",
    },
    {
        "key": "daeb-groenonderhoud-wevelgem-2025",
        "title": "DAEB groenonderhoud Wevelgem 2025–2028",
        "municipalities": ["34041"],
        "provider": "fictief-groenploeg-wevelgem",
        "service": "groenonderhoud",
        "description": (
            "Onderhoud van openbaar groen, trage wegen en begraafplaatsen door begeleide ploegen, "
            "als opdracht met een sociaal doel naast de reguliere groenaanbestedingen."
        ),
        "target_group": "Langdurig werkzoekenden en personen met een arbeidsbeperking (als medewerkers)",
        "territory": "Grondgebied van Wevelgem",
        "start_date": "2025-01-01",
        "end_date": "2028-12-31",
        "compensation_amount": 96000.00,
        "compensation_parameters": (
            "Prijs per gepresteerd ploeguur volgens een jaarlijkse onderhoudsplanning; de meerkost "
            "van de begeleiding wordt apart vergoed en jaarlijks getoetst aan de werkelijke kosten."
        ),
        "review_dates": ["2026-01-31", "2027-01-31", "2028-01-31", "2029-01-31"],
        "council_decision_date": "2024-10-21",
        "council_decision_uri": None,
        "volume": 9000,
        "volume_unit": "hours",
        "regime": "individueel_maatwerk",
    },
    {
        "key": "daeb-buurtrestaurant-scheldestreek-2023",
        "title": "DAEB buurtrestaurant en maaltijden aan huis Scheldestreek 2023–2026",
        "municipalities": ["34003", "34043", "34002"],
        "provider": "fictief-buurtrestaurant-avelgem",
        "service": "sociaal restaurant",
        "description": (
            "Een betaalbaar middagmaal in het buurtrestaurant en maaltijden aan huis voor minder "
            "mobiele inwoners, met bediening in het Nederlands en het Frans. De toewijzing loopt "
            "tijdens de overgang van LDE naar individueel maatwerk."
        ),
        "target_group": "Ouderen, alleenwonenden en inwoners met een laag inkomen",
        "territory": "Grondgebied van Avelgem, Spiere-Helkijn en Anzegem",
        "start_date": "2023-09-01",
        "end_date": "2026-08-31",
        "compensation_amount": 61000.00,
        "compensation_parameters": (
            "Tussenkomst per maaltijd aan sociaal tarief, met een jaarlijks maximum per gemeente; "
            "de verdeling tussen de drie gemeenten volgt het aantal maaltijden per gemeente."
        ),
        "review_dates": ["2024-09-30", "2025-09-30", "2026-09-30"],
        "council_decision_date": "2023-06-26",
        "council_decision_uri": "https://example.org/besluiten/avelgem/2023-06-26-daeb-buurtrestaurant",
        "volume": 2.8,
        "volume_unit": "fte",
        "regime": "transitional",
    },
]
