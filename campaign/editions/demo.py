"""Demo editions: the archive 2024–2026 and the current edition, SID 2027 (date by the rule)."""

from translations.core.tooling import set_translations

from .artwork import ALT, ensure_artwork
from .models import Edition

EDITIONS = {
    2024: {
        "en": {"theme": "Inspiring change? Making a difference, managing influence and navigating change online"},
        "fr": {"theme": "Inspirer le changement ? Faire la différence et naviguer dans le changement en ligne"},
    },
    2025: {
        "en": {
            "theme": "Too good to be true? Protecting yourself and others from scams online",
            "message_after": "Thousands of schools took part in more than 180 countries.",
        },
        "es": {"theme": "¿Demasiado bueno para ser verdad? Protegerte de las estafas en línea"},
    },
    2026: {
        "en": {
            "theme": "Smart tech, safe choices: exploring the safe and responsible use of AI",
            "message_after": "Young people led the conversation on AI in classrooms worldwide.",
        },
    },
    2027: {
        "en": {
            "theme": "Together for a better internet",
            "slogan": "Ask, share, look out for each other",
            "key_messages": "Ask for help when something online worries you\nThink before you share\nLook out for your friends",
            "message_before": "Plan your event now and add it to the calendar.",
            "message_week": "The week is here: find an event near you.",
            "message_day": "Join an event near you, or online, today.",
        },
        "fr": {
            "theme": "Ensemble pour un meilleur Internet",
            "slogan": "Demander, partager, veiller les uns sur les autres",
            "key_messages": "Demande de l'aide quand quelque chose t'inquiète en ligne\nRéfléchis avant de partager",
        },
        "es": {"theme": "Juntos por una internet mejor", "slogan": "Preguntar, compartir, cuidarnos"},
        "pt": {"theme": "Juntos por uma internet melhor"},
        "de": {"theme": "Gemeinsam für ein besseres Internet"},
        "ar": {"theme": "معًا من أجل إنترنت أفضل", "slogan": "اسأل، شارك، اعتنِ بالآخرين"},
        "zh-hans": {"theme": "共同建设更好的互联网"},
        "ja": {"theme": "より良いインターネットのために", "slogan": "たずねよう、分かち合おう、見守ろう"},
        "hi": {"theme": "बेहतर इंटरनेट के लिए साथ मिलकर"},
        "sw": {"theme": "Pamoja kwa intaneti bora"},
    },
}


def load(demo):
    for year, texts in EDITIONS.items():
        edition = Edition.objects.filter(year=year).first() or Edition(year=year)
        set_translations(edition, texts)
        if year == 2027:
            edition.artwork = ensure_artwork()
            set_translations(edition, {code: {"artwork_alt": alt} for code, alt in ALT.items()})
        edition.save()
    demo.say(f"Editions: {', '.join(str(year) for year in EDITIONS)}")
