"""Recall and precision of the personal-information scan on the labelled peer stories.

python benchmarks/pii_scan.py

Reads the labelled stories in tests/fixtures/text/stories.json. A story counts per label: a label the scan
reports and the fixture lists is a true positive, one it reports but the fixture does not
is a false positive, one the fixture lists but the scan misses is a false negative.
The false-positive rate is the share of clean stories (no label) with any finding.
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.test")

import django  # noqa: E402

django.setup()

from campaign.stories import pii  # noqa: E402
from tests.fixtures import labelled_stories  # noqa: E402

# Written for this benchmark after the patterns, and never tuned against: a rough check of
# how the scan does on text it was not written for.
HELD_OUT = [
    {"lang": "en", "pii": ["phone"], "text": "ring me on +44 7911 123456 after school ok"},
    {"lang": "en", "pii": ["handle"], "text": "my tiktok is dancequeen_09 if u want to see the video"},
    {"lang": "en", "pii": ["full_name"], "text": "Hi, I'm Chloe Martin and this happened to me in year 7."},
    {"lang": "en", "pii": ["school"], "text": "Everyone at Riverside High School saw the photo before lunch."},
    {"lang": "en", "pii": [], "text": "In March a boy in my class kept sending me weird links. I showed my dad."},
    {
        "lang": "en",
        "pii": [],
        "text": "Don't share your location in games. Turn it off in settings, it takes 2 minutes.",
    },
    {"lang": "en", "pii": ["address"], "text": "He knew I lived at 22 Maple Road because of a photo of our door."},
    {"lang": "fr", "pii": ["email"], "text": "Écris-moi sur lea.dupont@exemple.fr si tu veux en parler."},
    {
        "lang": "fr",
        "pii": [],
        "text": "Quand j'ai reçu ces messages, j'ai eu peur, mais ma mère m'a aidée à porter plainte.",
    },
    {"lang": "fr", "pii": ["place"], "text": "J'habite à Marseille et au collège tout le monde a vu la vidéo."},
    {"lang": "es", "pii": ["handle"], "text": "Sígueme en insta: sofi.gamer22 y te paso la guía."},
    {"lang": "es", "pii": [], "text": "Aprendí que no hay que mandar fotos a nadie que no conoces en persona."},
    {"lang": "pt", "pii": ["phone"], "text": "Meu número é (11) 98765-4321, me chama no zap."},
    {"lang": "pt", "pii": [], "text": "Eu aprendi a configurar a privacidade do meu perfil com a minha irmã."},
    {"lang": "de", "pii": ["address"], "text": "Er wusste, dass ich in der Bahnhofstraße 12 wohne."},
    {"lang": "de", "pii": [], "text": "Am Montag hat mir ein Fremder geschrieben. Ich habe ihn sofort blockiert."},
    {"lang": "sw", "pii": ["phone"], "text": "Nipigie kwa 0712 345 678 kama unahitaji msaada."},
    {"lang": "sw", "pii": [], "text": "Nilijifunza kutoshiriki nenosiri langu na mtu yeyote."},
    {"lang": "hi", "pii": ["phone"], "text": "मुझे 98765 43210 पर कॉल करो।"},
    {"lang": "ar", "pii": ["email"], "text": "راسلني على omar.k@mail.example إذا احتجت مساعدة."},
    {"lang": "ja", "pii": [], "text": "パスワードは誰にも教えないでね。"},
    {"lang": "zh-hans", "pii": ["url"], "text": "我做了一个视频，在 https://video.example/abc 可以看。"},
]


# Written by the stories hardening pass *before* changing the patterns, aimed at what the
# closing note called thin (German places and schools; places and schools in Chinese,
# Japanese, Arabic, Hindi and Swahili) and at generic school words that must not be flagged.
# The fixture has no such cases. Figures before and after the change are in the report.
THIN = [
    {"lang": "de", "pii": ["place"], "text": "Ich wohne in Köln und fahre jeden Tag mit dem Bus."},
    {"lang": "de", "pii": ["place"], "text": "Wir kommen aus Hamburg und sind letztes Jahr umgezogen."},
    {"lang": "de", "pii": ["school"], "text": "Auf dem Goethe-Gymnasium haben alle das Video gesehen."},
    {"lang": "de", "pii": ["school", "place"], "text": "Ich gehe auf die Astrid-Lindgren-Schule in Berlin."},
    {"lang": "de", "pii": ["school"], "text": "Unsere Realschule am Markt hat einen Workshop gemacht."},
    {"lang": "de", "pii": [], "text": "In der Pause hat mir ein Junge aus meiner Klasse das Handy weggenommen."},
    {"lang": "de", "pii": [], "text": "Ich war in Panik, aber meine Mutter hat mir geholfen."},
    {"lang": "zh-hans", "pii": ["school"], "text": "我在北京市第一中学读初二。"},
    {"lang": "zh-hans", "pii": ["place"], "text": "我住在上海浦东，离学校很近。"},
    {"lang": "zh-hans", "pii": [], "text": "老师在学校教我们怎么保护隐私。"},
    {"lang": "zh-hans", "pii": ["place"], "text": "我家在广州天河区。"},
    {"lang": "ja", "pii": ["school"], "text": "私は横浜市立山手中学校に通っています。"},
    {"lang": "ja", "pii": ["place"], "text": "大阪に住んでいます。"},
    {"lang": "ja", "pii": [], "text": "学校で先生に相談しました。"},
    {"lang": "ja", "pii": ["school"], "text": "さくら小学校の友だちが助けてくれた。"},
    {"lang": "ar", "pii": ["school", "place"], "text": "أدرس في مدرسة النور الابتدائية في عمّان."},
    {"lang": "ar", "pii": ["place"], "text": "أسكن في حي الزهراء في القاهرة."},
    {"lang": "ar", "pii": [], "text": "في المدرسة تحدثنا عن الأمان على الإنترنت."},
    {"lang": "hi", "pii": ["school"], "text": "मैं दिल्ली पब्लिक स्कूल में पढ़ता हूँ।"},
    {"lang": "hi", "pii": ["school"], "text": "हमारे सरस्वती विद्या मंदिर में कार्यशाला हुई।"},
    {"lang": "hi", "pii": ["place"], "text": "मैं जयपुर में रहती हूँ।"},
    {"lang": "hi", "pii": [], "text": "मेरे स्कूल में सबने वह वीडियो देखा।"},
    {"lang": "sw", "pii": ["school"], "text": "Ninasoma katika Shule ya Msingi Kilimani."},
    {"lang": "sw", "pii": ["place"], "text": "Ninaishi Mombasa karibu na bahari."},
    {"lang": "sw", "pii": [], "text": "Shuleni tulijifunza kutunza nenosiri."},
    {"lang": "sw", "pii": ["place"], "text": "Mimi ni kutoka Arusha na napenda kucheza mpira."},
    {"lang": "es", "pii": ["school"], "text": "En la Escuela Primaria Benito Juárez nos dieron una charla."},
    {"lang": "pt", "pii": ["school", "place"], "text": "Estudo na Escola Estadual Dom Pedro II em Recife."},
    {"lang": "en", "pii": [], "text": "At school we learned to check privacy settings."},
    {"lang": "fr", "pii": [], "text": "À l'école, on nous a appris à bloquer les inconnus."},
]


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


def main():
    print("== Labelled fixtures (tests/fixtures/text/stories.json)")
    evaluate(labelled_stories())
    print()
    print("== Held-out sentences written for this benchmark (never tuned against)")
    evaluate(HELD_OUT)
    print()
    print("== Places and schools in the languages the scan was thin on (written before the patterns changed)")
    evaluate(THIN)
    print("Per language (stories with every labelled item found / stories; clean stories flagged / clean):")
    by_language(THIN)
    print("Note: the scan's patterns were written with the fixtures in view; the held-out figures are the honest ones.")


def evaluate(stories):
    tp, fp, fn = Counter(), Counter(), Counter()
    clean = clean_flagged = 0
    with_pii = with_pii_flagged = 0
    misses = []
    started = time.perf_counter()
    for story in stories:
        gold = set(story["pii"])
        found = pii.labels(story["text"])
        for label in found & gold:
            tp[label] += 1
        for label in found - gold:
            fp[label] += 1
            misses.append(("false positive", label, story["lang"], story["text"][:70]))
        for label in gold - found:
            fn[label] += 1
            misses.append(("missed", label, story["lang"], story["text"][:70]))
        if gold:
            with_pii += 1
            with_pii_flagged += bool(found)
        else:
            clean += 1
            clean_flagged += bool(found)
    elapsed = time.perf_counter() - started

    print(
        f"Stories: {len(stories)} ({with_pii} with personal information, {clean} clean), {len(stories) / elapsed:,.0f} scans/s"
    )
    print(f"{'label':<10} {'tp':>3} {'fp':>3} {'fn':>3} {'recall':>7} {'precision':>9}")
    for label in sorted(set(tp) | set(fp) | set(fn) | set(pii.LABELS)):
        print(
            f"{label:<10} {tp[label]:>3} {fp[label]:>3} {fn[label]:>3} "
            f"{ratio(tp[label], tp[label] + fn[label]):>7.2f} {ratio(tp[label], tp[label] + fp[label]):>9.2f}"
        )
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"{'all':<10} {all_tp:>3} {all_fp:>3} {all_fn:>3} {ratio(all_tp, all_tp + all_fn):>7.2f} {ratio(all_tp, all_tp + all_fp):>9.2f}"
    )
    print(
        f"Stories with personal information flagged for the moderator: {with_pii_flagged}/{with_pii} ({ratio(with_pii_flagged, with_pii):.0%})"
    )
    print(
        f"False-positive rate (clean stories with any finding): {clean_flagged}/{clean} ({ratio(clean_flagged, clean):.0%})"
    )
    for kind, label, language, text in misses:
        print(f"  {kind}: {label} [{language}] {text}…")


def by_language(stories):
    rows = {}
    for story in stories:
        gold, found = set(story["pii"]), pii.labels(story["text"])
        row = rows.setdefault(story["lang"], [0, 0, 0, 0])
        if gold:
            row[0] += gold <= found
            row[1] += 1
        else:
            row[2] += bool(found)
            row[3] += 1
    for language, (hit, total, flagged, clean) in rows.items():
        print(f"  {language:<8} found {hit}/{total}   clean flagged {flagged}/{clean}")


if __name__ == "__main__":
    main()
