"""Help directory entries for the demo regions' countries.

Compiled from memory of the services' public pages for the demo site. EVERY entry is loaded
with ``is_demo_data=True``: numbers and addresses change, and a wrong number given to a
child is worse than none. Coordinators verify each entry with the service, then untick it.

Shape: country code → {"emergency", "helplines": [(name, phone, sms, chat_url, website,
hours_en, languages, free)], "hotlines": [(name, report_url)], "centre": (name, url)}.
"""

H24 = "Every day, 24 hours"

ENTRIES = {
    # --- Europe (Insafe) ---------------------------------------------------------------------
    "BE": {
        "emergency": "112",
        "helplines": [
            ("Awel", "102", "", "https://awel.be/chat", "https://awel.be/", "Weekdays 16:00–22:00", "nl", True),
            ("Écoute-Enfants", "103", "", "", "https://www.103ecoute.be/", "Every day 10:00–24:00", "fr", True),
        ],
        "hotlines": [("Child Focus", "https://www.childfocus.be/")],
        "centre": ("Child Focus – Safer Internet Centre Belgium", "https://www.childfocus.be/"),
    },
    "FR": {
        "emergency": "112",
        "helplines": [
            (
                "3018 (e-Enfance)",
                "3018",
                "",
                "https://www.e-enfance.org/",
                "https://www.e-enfance.org/",
                "Every day 9:00–23:00",
                "fr",
                True,
            ),
            ("Allô Enfance en Danger", "119", "", "", "https://www.allo119.gouv.fr/", H24, "fr", True),
        ],
        "hotlines": [("Point de Contact", "https://www.pointdecontact.net/")],
        "centre": ("Internet Sans Crainte", "https://www.internetsanscrainte.fr/"),
    },
    "DE": {
        "emergency": "112",
        "helplines": [
            (
                "Nummer gegen Kummer",
                "116 111",
                "",
                "https://www.nummergegenkummer.de/",
                "https://www.nummergegenkummer.de/",
                "Monday–Saturday 14:00–20:00",
                "de",
                True,
            ),
        ],
        "hotlines": [
            ("jugendschutz.net", "https://www.jugendschutz.net/verstoss-melden"),
            ("internet-beschwerdestelle.de", "https://www.internet-beschwerdestelle.de/"),
        ],
        "centre": ("klicksafe", "https://www.klicksafe.de/"),
    },
    "ES": {
        "emergency": "112",
        "helplines": [
            ("Fundación ANAR", "900 20 20 10", "", "https://www.anar.org/", "https://www.anar.org/", H24, "es", True),
            (
                "INCIBE – Tu Ayuda en Ciberseguridad",
                "017",
                "",
                "",
                "https://www.incibe.es/linea-de-ayuda-en-ciberseguridad",
                "Every day 8:00–23:00",
                "es",
                True,
            ),
        ],
        "hotlines": [("INCIBE", "https://www.incibe.es/linea-de-ayuda-en-ciberseguridad")],
        "centre": ("Internet Segura for Kids (IS4K)", "https://www.is4k.es/"),
    },
    "IT": {
        "emergency": "112",
        "helplines": [
            ("Telefono Azzurro", "19696", "", "https://azzurro.it/", "https://azzurro.it/", H24, "it", True),
        ],
        "hotlines": [("Telefono Azzurro – Clicca e Segnala", "https://azzurro.it/clicca-e-segnala/")],
        "centre": ("Generazioni Connesse", "https://www.generazioniconnesse.it/"),
    },
    "NL": {
        "emergency": "112",
        "helplines": [
            (
                "De Kindertelefoon",
                "0800 0432",
                "",
                "https://www.kindertelefoon.nl/",
                "https://www.kindertelefoon.nl/",
                "Every day 11:00–21:00",
                "nl",
                True,
            ),
            (
                "Helpwanted",
                "020 261 5275",
                "",
                "https://www.helpwanted.nl/",
                "https://www.helpwanted.nl/",
                "Weekdays",
                "nl, en",
                True,
            ),
        ],
        "hotlines": [("Meldpunt Kinderporno (Offlimits)", "https://www.meldpunt-kinderporno.nl/")],
        "centre": ("Veilig Internetten", "https://veiliginternetten.nl/"),
    },
    "PT": {
        "emergency": "112",
        "helplines": [
            (
                "Linha Internet Segura",
                "800 21 90 90",
                "",
                "",
                "https://www.internetsegura.pt/",
                "Weekdays 8:00–22:00",
                "pt",
                True,
            ),
            ("SOS Criança", "116 111", "", "", "https://iacrianca.pt/", "Every day 9:00–19:00", "pt", True),
        ],
        "hotlines": [("Linha Internet Segura", "https://www.internetsegura.pt/")],
        "centre": ("Centro Internet Segura", "https://www.internetsegura.pt/"),
    },
    "SE": {
        "emergency": "112",
        "helplines": [("BRIS", "116 111", "", "https://www.bris.se/", "https://www.bris.se/", H24, "sv, en", True)],
        "hotlines": [("ECPAT Sverige", "https://www.ecpat.se/")],
        "centre": ("Statens medieråd", "https://www.statensmedierad.se/"),
    },
    "IE": {
        "emergency": "112",
        "helplines": [
            (
                "Childline (ISPCC)",
                "1800 66 66 66",
                "50101",
                "https://www.childline.ie/",
                "https://www.childline.ie/",
                H24,
                "en",
                True,
            ),
        ],
        "hotlines": [("Hotline.ie", "https://hotline.ie/")],
        "centre": ("Webwise", "https://www.webwise.ie/"),
    },
    "PL": {
        "emergency": "112",
        "helplines": [
            (
                "Telefon Zaufania dla Dzieci i Młodzieży",
                "116 111",
                "",
                "https://116111.pl/",
                "https://116111.pl/",
                H24,
                "pl",
                True,
            ),
        ],
        "hotlines": [("Dyżurnet.pl", "https://dyzurnet.pl/")],
        "centre": ("Polskie Centrum Programu Safer Internet", "https://www.saferinternet.pl/"),
    },
    "AT": {
        "emergency": "112",
        "helplines": [
            ("Rat auf Draht", "147", "", "https://www.rataufdraht.at/", "https://www.rataufdraht.at/", H24, "de", True)
        ],
        "hotlines": [("Stopline", "https://www.stopline.at/")],
        "centre": ("Saferinternet.at", "https://www.saferinternet.at/"),
    },
    "GR": {
        "emergency": "112",
        "helplines": [("Το Χαμόγελο του Παιδιού", "1056", "", "", "https://www.hamogelo.gr/", H24, "el", True)],
        "hotlines": [("SafeLine", "https://www.safeline.gr/")],
        "centre": ("SaferInternet4Kids", "https://saferinternet4kids.gr/"),
    },
    # --- Latin America (RedNATIC) --------------------------------------------------------
    "MX": {
        "emergency": "911",
        "helplines": [
            ("Línea de la Vida", "800 911 2000", "", "", "https://www.gob.mx/salud/conadic", H24, "es", True)
        ],
        "hotlines": [("Te Protejo México", "https://teprotejomexico.org/")],
        "centre": ("", ""),
    },
    "AR": {
        "emergency": "911",
        "helplines": [("Línea 102", "102", "", "", "https://www.argentina.gob.ar/", H24, "es", True)],
        "hotlines": [("Ministerio Público Fiscal – UFECI", "https://www.mpf.gob.ar/ufeci/")],
        "centre": ("", ""),
    },
    "BR": {
        "emergency": "190",
        "helplines": [
            ("Disque 100", "100", "", "", "https://www.gov.br/mdh/pt-br/disque100", H24, "pt", True),
            (
                "SaferNet – Canal de Ajuda",
                "",
                "",
                "https://new.safernet.org.br/helpline",
                "https://new.safernet.org.br/",
                "Weekdays",
                "pt",
                True,
            ),
        ],
        "hotlines": [("SaferNet Brasil – Denuncie", "https://new.safernet.org.br/denuncie")],
        "centre": ("SaferNet Brasil", "https://new.safernet.org.br/"),
    },
    "CL": {
        "emergency": "133",
        "helplines": [
            (
                "Fono Infancia (Fundación Integra)",
                "800 200 818",
                "",
                "",
                "https://www.fonoinfancia.cl/",
                "Weekdays",
                "es",
                True,
            )
        ],
        "hotlines": [("PDI – Cibercrimen", "https://www.pdichile.cl/")],
        "centre": ("", ""),
    },
    "CO": {
        "emergency": "123",
        "helplines": [("Línea 141 ICBF", "141", "", "", "https://www.icbf.gov.co/", H24, "es", True)],
        "hotlines": [("Te Protejo Colombia", "https://www.teprotejo.org/")],
        "centre": ("", ""),
    },
    "PE": {
        "emergency": "105",
        "helplines": [("Línea 100", "100", "", "", "https://www.gob.pe/", H24, "es", True)],
        "hotlines": [("Te Protejo Perú", "https://www.teprotejo.pe/")],
        "centre": ("", ""),
    },
    "UY": {
        "emergency": "911",
        "helplines": [("Línea Azul (INAU)", "0800 5050", "", "", "https://www.inau.gub.uy/", "Weekdays", "es", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "CR": {
        "emergency": "911",
        "helplines": [("Línea 1147 (PANI)", "1147", "", "", "https://pani.go.cr/", H24, "es", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "EC": {
        "emergency": "911",
        "helplines": [],
        "hotlines": [],
        "centre": ("", ""),
    },
    "PY": {
        "emergency": "911",
        "helplines": [("Fono Ayuda 147", "147", "", "", "https://www.minna.gov.py/", H24, "es", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    # --- Asia-Pacific ----------------------------------------------------------------------
    "JP": {
        "emergency": "110",
        "helplines": [
            (
                "チャイルドライン (ChildLine Japan)",
                "0120 99 7777",
                "",
                "https://childline.or.jp/",
                "https://childline.or.jp/",
                "Every day 16:00–21:00",
                "ja",
                True,
            ),
        ],
        "hotlines": [("インターネット・ホットラインセンター", "https://www.internethotline.jp/")],
        "centre": ("", ""),
    },
    "CN": {
        "emergency": "110",
        "helplines": [("12355 青少年服务台", "12355", "", "", "", "", "zh-hans", True)],
        "hotlines": [("中国互联网违法和不良信息举报中心", "https://www.12377.cn/")],
        "centre": ("", ""),
    },
    "IN": {
        "emergency": "112",
        "helplines": [("CHILDLINE 1098", "1098", "", "", "", H24, "hi, en", True)],
        "hotlines": [("National Cyber Crime Reporting Portal", "https://cybercrime.gov.in/")],
        "centre": ("", ""),
    },
    "SG": {
        "emergency": "999",
        "helplines": [
            (
                "Tinkle Friend",
                "1800 274 4788",
                "",
                "https://www.tinklefriend.sg/",
                "https://www.tinklefriend.sg/",
                "Weekdays 14:30–17:00",
                "en",
                True,
            )
        ],
        "hotlines": [("SG Police Force e-services", "https://eservices.police.gov.sg/")],
        "centre": ("Media Literacy Council", "https://www.betterinternet.sg/"),
    },
    "AU": {
        "emergency": "000",
        "helplines": [
            (
                "Kids Helpline",
                "1800 55 1800",
                "",
                "https://kidshelpline.com.au/",
                "https://kidshelpline.com.au/",
                H24,
                "en",
                True,
            )
        ],
        "hotlines": [("eSafety Commissioner", "https://www.esafety.gov.au/report")],
        "centre": ("eSafety Commissioner", "https://www.esafety.gov.au/"),
    },
    "NZ": {
        "emergency": "111",
        "helplines": [
            (
                "Youthline",
                "0800 376 633",
                "234",
                "https://www.youthline.co.nz/",
                "https://www.youthline.co.nz/",
                H24,
                "en",
                True,
            )
        ],
        "hotlines": [("Netsafe", "https://netsafe.org.nz/")],
        "centre": ("Netsafe", "https://netsafe.org.nz/"),
    },
    "KR": {
        "emergency": "112",
        "helplines": [("청소년상담 1388", "1388", "", "", "https://www.cyber1388.kr/", H24, "ko", True)],
        "hotlines": [("방송통신심의위원회", "https://www.kocsc.or.kr/")],
        "centre": ("", ""),
    },
    "PH": {
        "emergency": "911",
        "helplines": [("Bantay Bata 163", "163", "", "", "https://www.abs-cbnfoundation.com/", H24, "en", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "ID": {
        "emergency": "112",
        "helplines": [("SAPA 129", "129", "", "", "https://www.kemenpppa.go.id/", H24, "id", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "TH": {
        "emergency": "191",
        "helplines": [("สายด่วน 1300", "1300", "", "", "", H24, "th", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    # --- Africa and the Middle East ----------------------------------------------------------
    "EG": {
        "emergency": "122",
        "helplines": [("خط نجدة الطفل", "16000", "", "", "", H24, "ar", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "MA": {
        "emergency": "19",
        "helplines": [("Allô 2511", "2511", "", "", "", "", "ar, fr", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "TN": {
        "emergency": "197",
        "helplines": [("1809 (مندوب حماية الطفولة)", "1809", "", "", "", "", "ar, fr", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "JO": {
        "emergency": "911",
        "helplines": [("خط مساندة الطفل 110", "110", "", "", "", "", "ar", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "KE": {
        "emergency": "999",
        "helplines": [("Childline Kenya", "116", "", "", "https://www.childlinekenya.co.ke/", H24, "sw, en", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "TZ": {
        "emergency": "112",
        "helplines": [
            ("C-Sema – Child Helpline Tanzania", "116", "", "", "https://www.sematanzania.org/", H24, "sw, en", True)
        ],
        "hotlines": [],
        "centre": ("", ""),
    },
    "SN": {
        "emergency": "17",
        "helplines": [("Allô 116", "116", "", "", "", "", "fr", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "CI": {
        "emergency": "110",
        "helplines": [("Allô Enfants en Détresse 116", "116", "", "", "", "", "fr", True)],
        "hotlines": [],
        "centre": ("", ""),
    },
    "NG": {
        "emergency": "112",
        "helplines": [],
        "hotlines": [],
        "centre": ("", ""),
    },
    "GH": {
        "emergency": "112",
        "helplines": [],
        "hotlines": [],
        "centre": ("", ""),
    },
    "ZA": {
        "emergency": "112",
        "helplines": [
            (
                "Childline South Africa",
                "116",
                "",
                "https://www.childlinesa.org.za/",
                "https://www.childlinesa.org.za/",
                H24,
                "en, af",
                True,
            )
        ],
        "hotlines": [("Film and Publication Board", "https://www.fpb.org.za/")],
        "centre": ("", ""),
    },
}

# Opening hours translated for the demo's languages (the rest fall back to English).
HOURS = {
    H24: {
        "fr": "Tous les jours, 24 h sur 24",
        "es": "Todos los días, 24 horas",
        "pt": "Todos os dias, 24 horas",
        "de": "Täglich, rund um die Uhr",
        "ar": "كل يوم، على مدار 24 ساعة",
        "zh-hans": "每天24小时",
        "ja": "毎日24時間",
        "hi": "हर दिन, 24 घंटे",
        "sw": "Kila siku, saa 24",
    },
    "Weekdays": {"fr": "En semaine", "es": "De lunes a viernes", "pt": "Dias úteis", "de": "Werktags"},
}
