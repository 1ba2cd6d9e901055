"""Scan a story for personal information before a moderator reads it.

Pattern based and deliberately generous (a moderator dismisses a false alarm in a second;
a missed phone number can put a child at risk). Emails, URLs, phone numbers and @handles
are language independent; handles written as "snap: name", school names, street
addresses, full names ("my name is …") and places are matched with keyword lists for the
platform's ten languages. Each finding carries its position and a suggested redaction.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

LABELS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "url": _("web address"),
    "handle": _("social media name"),
    "school": _("school"),
    "address": _("street address"),
    "full_name": _("full name"),
    "place": _("place"),
}
REDACTIONS = {
    "email": "[email removed]",
    "phone": "[phone number removed]",
    "url": "[link removed]",
    "handle": "[username removed]",
    "school": "[school removed]",
    "address": "[address removed]",
    "full_name": "[name removed]",
    "place": "[place removed]",
}

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
WORD = r"[\w'’.-]"
CAP = rf"[{UPPER}]{WORD}*"
NAME_PARTICLES = r"(?:de|del|da|das|do|dos|della|di|du|des|la|le|von|van|der|y|e|of|the|bin|al)"
CAP_NAME = rf"{CAP}(?:\s+(?:{NAME_PARTICLES}\s+)?{CAP}){{0,3}}"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b[\w-]+\.(?:com|net|org|info|io|me|tv|gg|ly|app|link|site|xyz|co\.[a-z]{2}|[a-z]{2})/[^\s<>\"']*",
    re.IGNORECASE,
)
# 8 to 15 digits with spaces, dots, dashes or brackets between groups; optional +/00.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[\s.\-()]{0,2}\d){7,14}(?!\w)")
HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
PLATFORMS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|discord|telegram|kik|roblox|fortnite|minecraft|"
    r"twitter|x|youtube|yt|twitch|fb|facebook|threads|wechat|weixin|qq|line|kakao(?:talk)?|steam|psn|xbox|"
    r"reddit|pinterest|bereal|signal"
)
HANDLE_NAMED = re.compile(
    rf"\b(?:{PLATFORMS})\b\s*(?:[:=\-–>]|\bis\b|\bes\b|\bé\b|\best\b|\bist\b|\bni\b)?\s*(@?[A-Za-z0-9_][A-Za-z0-9_.\-]{{1,29}})",
    re.IGNORECASE,
)
# "Die Grundschule", "My School": a determiner is not a name.
DETERMINERS = (
    r"The|My|Our|Your|His|Her|Their|This|That|A|An|Every|Die|Der|Das|Den|Dem|Des|Eine|Einer|Einem|Meine|Meiner|"
    r"Meinem|Unsere|Unserer|Unserem|Deine|Seine|Ihre|Jede|Jeder|Diese|Dieser|Nach|Vor|In|Im|Auf|An|Am|Zur|Zum"
)
SCHOOL_AFTER = re.compile(
    rf"\b(?:(?!(?:{DETERMINERS})\s){CAP}\s+){{1,4}}(?:(?:Primary|Secondary|High|Middle|Elementary|Grammar|Junior|Senior|Infant|Community|Catholic)\s+)?"
    r"(?:School|Academy|College|Grundschule|Gymnasium|Realschule|Gesamtschule|Schule|Hauptschule)\b"
)
SCHOOL_BEFORE = re.compile(
    r"\b(?:[ÉéEe]cole|[Cc]oll[èe]ge|[Ll]yc[ée]e|[Cc]olegio|[Ee]scuela|[Ii]nstituto|[Ll]iceo|[Ee]scola|[Cc]ol[ée]gio|"
    r"[Gg]ymnasium|[Gg]rundschule|[Rr]ealschule|[Gg]esamtschule|[Ss]hule\s+ya(?:\s+[Ss]ekondari|\s+[Mm]singi)?|"
    r"[Ss]chool\s+of)"
    rf"(?:\s+(?:primaire|secondaire|primaria|secundaria|estadual|municipal|público|pública|privado|de|del|la|du|des))*\s+{CAP_NAME}"
)
# German names join their parts with hyphens ("Goethe-Gymnasium", "Astrid-Lindgren-Schule")
# or follow the school word with its place ("Realschule am Markt").
GERMAN_SCHOOL_WORDS = (
    r"Grundschule|Realschule|Gesamtschule|Hauptschule|Oberschule|Mittelschule|Gemeinschaftsschule|"
    r"Berufsschule|Förderschule|Schule|Gymnasium"
)
SCHOOL_GERMAN = re.compile(
    rf"\b[A-ZÄÖÜ][\w'’.]{{0,30}}(?:-[A-ZÄÖÜ][\w'’.]{{0,30}}){{0,4}}-(?:{GERMAN_SCHOOL_WORDS})\b"
    rf"|\b(?:{GERMAN_SCHOOL_WORDS})\s+(?:am|an\s+der|auf\s+der)\s+"
    r"(?!(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende|Morgen|Abend)\b)[A-ZÄÖÜ][\w'’.-]*"
)
# Chinese/Japanese: a name before the school word. A bare 学校/中学 after a function word
# ("老师在学校", "离学校", "我上中学") is the generic word, not a name.
# Arabic: "مدرسة النور" names a school; with the article, "المدرسة" is just "the school".
# Hindi: a name before विद्यालय/स्कूल/विद्या मंदिर, unless that word is "my", "our", "this" ….
HINDI_NOT_NAMES = r"मेरे|मेरा|मेरी|हमारे|हमारा|हमारी|अपने|अपना|अपनी|उसके|उसका|उसकी|इस|उस|किसी|तुम्हारे|आपके|नए|नया|पुराने"
SCHOOL_SCRIPT = re.compile(
    r"[\u4e00-\u9fff]{1,10}(?<![在到去离回上的了和跟从们])(?:小学校|中学校|高等学校|小学|中学|高中|高校|学校|学院)"
    r"|(?<!ال)(?:مدرسة|ثانوية)\s+[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+)?"
    rf"|(?<![\u0900-\u097f])(?!(?:{HINDI_NOT_NAMES})\s)[\u0900-\u097f]+\s+"
    r"(?:विद्यालय|स्कूल|पब्लिक\s+स्कूल|विद्या\s+मंदिर|विद्यापीठ)"
)
STREET_WORDS = r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Place|Pl|Crescent|Terrace|Boulevard|Blvd|Gardens|Grove|Square"
ADDRESS_NUMBER_FIRST = re.compile(rf"\b\d{{1,5}}[a-zA-Z]?,?\s+(?:{CAP}\s+){{1,3}}(?:{STREET_WORDS})\b\.?")
ADDRESS_WORD_FIRST = re.compile(
    r"\b(?:Rua|Avenida|Av\.|Calle|C/|Carrera|Calzada|Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Via|Viale|Piazza|"
    r"Praça|Plaza|Paseo|Travessa|Estrada|Alameda|Barrio|Colonia|Mtaa\s+wa)"
    r"\s+(?:(?:d[aeo]s?|de\s+la|del|du|des|di|della|la|le|les|los|las)\s+)?"
    rf"{CAP}(?:\s+{CAP}){{0,3}},?\s*(?:n[º°o.]?\s*)?\d{{1,5}}\b"
)
ADDRESS_GERMAN = re.compile(
    r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm)\s+\d{1,4}[a-z]?\b"
)
ADDRESS_LIVE = re.compile(
    rf"\b(?:I\s+live\s+(?:at|on)|je\s+(?:vis|habite)\s+(?:au|à|rue)|vivo\s+en\s+la\s+calle|moro\s+na)\s+\d{{0,5}}\s*{CAP_NAME}"
)
NAME_INTRO = (
    r"my\s+(?:full\s+)?name\s+is|I\s+am|I'm|call\s+me|je\s+m'appelle|je\s+suis|mon\s+nom\s+est|me\s+llamo|"
    r"mi\s+nombre\s+es|soy|meu\s+nome\s+é|me\s+chamo|eu\s+sou|sou\s+o|sou\s+a|ich\s+heiße|ich\s+heisse|ich\s+bin|"
    r"mein\s+name\s+ist|jina\s+langu\s+ni|naitwa|mimi\s+ni"
)
FULL_NAME = re.compile(
    rf"(?:^|(?<=[\s,.;:!?¡¿\"'(]))(?i:{NAME_INTRO})\s+({CAP}(?:\s+(?:{NAME_PARTICLES}\s+)?{CAP}){{1,3}})"
)
FULL_NAME_SCRIPT = re.compile(
    r"(?:我叫|我的名字是|我是)\s*[\u4e00-\u9fff]{2,4}"
    r"|(?:私の名前は|私は|僕は)\s*[\u4e00-\u9fff\u3040-\u30ff]{2,8}(?:です|と申します)"
    r"|(?:اسمي|أنا)\s+[\u0600-\u06ff]+\s+[\u0600-\u06ff]+"
    r"|मेरा\s+नाम\s+[\u0900-\u097f]+\s+[\u0900-\u097f]+"
)
# Places after a verb of living or coming from. German capitalises every noun, so "aus"
# or "nach" alone would flag half of every sentence; after "wohne", "komme aus" … it is a place.
PLACE_AFTER_VERB = re.compile(
    r"\b(?:wohne|wohnen|wohnt|lebe|leben|lebt|komme|kommen|kommt|stamme|stammen|stammt|ziehe|ziehen|zieht)"
    rf"\s+(?:in|aus|nach|bei|nahe)\s+(?:der\s+|dem\s+)?({CAP}(?:[\s-]+{CAP})?)"
    r"|\b(?i:ninaishi|naishi|tunaishi|anaishi|wanaishi|ninakaa|nakaa|tunakaa|ninatoka|natoka|tunatoka|kutoka)"
    rf"\s+(?:(?:huko|katika|mjini|jijini)\s+)?({CAP}(?:\s+{CAP})?)"
)
PLACE_SCRIPT = re.compile(
    # Chinese: 住在 / 家在 / 来自 … + the place
    r"(?:住在|家在|来自|老家在|生活在|搬到)\s*([\u4e00-\u9fff]{2,8})"
    # Japanese: the place + に住んで / 在住 / 出身
    r"|([\u4e00-\u9fff\u30a0-\u30ff]{2,8})(?:に住んで|に住む|に住ん|在住|出身)"
    # Arabic: أسكن / أعيش … في + the place; من مدينة / في مدينة + the city
    r"|(?:أسكن|أعيش|أقيم|نسكن|نعيش|يسكن|تسكن)\s+في\s+([\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+)?)"
    r"|(?:مدينة|قرية)\s+([\u0600-\u06ff]+)"
    # Hindi: the place + में रहता/रहती/रहते ("I live in …")
    r"|(?<![\u0900-\u097f])([\u0900-\u097f]+)\s+में\s+(?:रहता|रहती|रहते|रहतीं)"
)
# Places after a locative preposition. German capitalises every noun, so it is left out.
PLACE = re.compile(
    rf"(?:(?<=\s)|^)(?:in|at|from|near|à|au|de|d'|en|em|no|na|desde|cerca\s+de|perto\s+de|près\s+de|huko|mjini|katika)\s*"
    rf"({CAP}(?:[\s-]+{CAP})?)"
)
NOT_PLACES = frozenset(
    """I The A An My Your Our This That It He She We They You Internet Safer Day School Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August September October November
    December English French Spanish Mathematics Maths Science Art Class Grade Year Mr Mrs Ms Miss Dr St God
    Instagram Snapchat TikTok Discord WhatsApp Facebook YouTube Google Roblox Minecraft Fortnite Twitter
    Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre Enero Febrero Marzo Abril
    Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Lunes Martes Miércoles Jueves Viernes Internet
    Colegio Collège Escuela Escola Rua Calle Shule Schule Gymnasium Grundschule Realschule Liceo Instituto Lycée""".split()
)


@dataclass(frozen=True)
class Finding:
    label: str
    start: int
    end: int
    text: str

    @property
    def redaction(self) -> str:
        return REDACTIONS[self.label]

    def as_dict(self) -> dict:
        return asdict(self) | {"redaction": self.redaction}


def _add(findings, label, match, group=0):
    start, end = match.span(group)
    value = match.group(group)
    trimmed = value.rstrip(".,;:!?)'’\"")  # sentence punctuation is not part of the finding
    if trimmed:
        findings.append(Finding(label, start, end - (len(value) - len(trimmed)), trimmed))


def scan(text: str) -> list[Finding]:
    """All findings in ``text``, sorted, overlaps resolved in favour of the earliest, longest."""
    if not text:
        return []
    found: list[Finding] = []
    for match in EMAIL.finditer(text):
        _add(found, "email", match)
    for match in URL.finditer(text):
        _add(found, "url", match)
    for match in PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group())
        if 8 <= digits <= 15:
            _add(found, "phone", match)
    for match in HANDLE_AT.finditer(text):
        _add(found, "handle", match)
    for match in HANDLE_NAMED.finditer(text):
        candidate = match.group(1)
        if candidate.lower() not in {"and", "or", "me", "y", "et", "und", "e", "to", "the"} and not candidate.isdigit():
            _add(found, "handle", match, 1)
    for pattern in (SCHOOL_AFTER, SCHOOL_BEFORE, SCHOOL_GERMAN, SCHOOL_SCRIPT):
        for match in pattern.finditer(text):
            _add(found, "school", match)
    for pattern in (ADDRESS_NUMBER_FIRST, ADDRESS_WORD_FIRST, ADDRESS_GERMAN, ADDRESS_LIVE):
        for match in pattern.finditer(text):
            _add(found, "address", match)
    for match in FULL_NAME.finditer(text):
        _add(found, "full_name", match, 1)
    for match in FULL_NAME_SCRIPT.finditer(text):
        _add(found, "full_name", match)
    for match in PLACE.finditer(text):
        words = match.group(1).split()
        if words and words[0].strip(".,") not in NOT_PLACES:
            _add(found, "place", match, 1)
    for pattern in (PLACE_AFTER_VERB, PLACE_SCRIPT):
        for match in pattern.finditer(text):
            group = next(index for index, value in enumerate(match.groups(), 1) if value)
            if match.group(group).split()[0] not in NOT_PLACES:
                _add(found, "place", match, group)
    return _resolve(found)


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Drop findings inside a longer one (an email's domain is not also a URL)."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in ordered:
        if kept and finding.start < kept[-1].end:
            previous = kept[-1]
            # The same kind of thing found twice: keep the longer. A different kind
            # inside it (the town in "collège Jean Moulin de Lyon") is kept for the
            # moderator; highlighting and redaction use the outer one.
            if finding.end <= previous.end and finding.label == previous.label:
                continue
        kept.append(finding)
    return kept


def labels(text: str) -> set[str]:
    return {finding.label for finding in scan(text)}


def redact(text: str, findings: list[Finding] | list[dict]) -> str:
    """``text`` with every finding replaced by its suggested redaction."""
    items = [f if isinstance(f, dict) else f.as_dict() for f in findings]
    out, position = [], 0
    for item in sorted(items, key=lambda f: f["start"]):
        if item["start"] < position:
            continue
        out.append(text[position : item["start"]])
        out.append(REDACTIONS[item["label"]])
        position = item["end"]
    out.append(text[position:])
    return "".join(out)
