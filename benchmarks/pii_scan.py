"""Recall and precision of the personal-information scan on the labelled peer stories.

python benchmarks/pii_scan.py

Reads ../shared/fixtures/text/stories.json. A story counts per label: a label the scan
reports and the fixture lists is a true positive, one it reports but the fixture does not
is a false positive, one the fixture lists but the scan misses is a false negative.
The false-positive rate is the share of clean stories (no label) with any finding.
"""

import json
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

FIXTURE = ROOT.parent / "shared" / "fixtures" / "text" / "stories.json"


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


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


def main():
    print("== Labelled fixtures (../shared/fixtures/text/stories.json)")
    evaluate(json.loads(FIXTURE.read_text())["stories"])
    print()
    print("== Held-out sentences written for this benchmark (never tuned against)")
    evaluate(HELD_OUT)
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


if __name__ == "__main__":
    main()
