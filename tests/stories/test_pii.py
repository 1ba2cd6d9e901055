"""The personal-information scan: the labelled fixture, and schools and places in every script.

The sentences below were written for these tests (not taken from the fixture or the
benchmark), in the languages the scan used to be thin on.
"""

import pytest

from campaign.stories import pii
from tests.fixtures import labelled_stories

FIXTURE_STORIES = labelled_stories()


@pytest.mark.parametrize("story", FIXTURE_STORIES, ids=lambda story: f"{story['lang']}:{story['text'][:24]}")
def test_labelled_fixture_story(story):
    found = pii.labels(story["text"])
    assert set(story["pii"]) <= found
    if not story["pii"]:
        assert found == set()


FOUND = [
    # (language, sentence, label, the text the moderator must see highlighted)
    ("de", "Seit Oktober gehe ich auf das Heinrich-Heine-Gymnasium.", "school", "Heinrich-Heine-Gymnasium"),
    ("de", "Die Sophie-Scholl-Schule hat jetzt eine Beratungsstunde.", "school", "Sophie-Scholl-Schule"),
    ("de", "Ich bin in der Grundschule am Lindenplatz.", "school", "Grundschule am Lindenplatz"),
    ("de", "Meine Familie kommt aus Leipzig.", "place", "Leipzig"),
    ("de", "Wir wohnen nahe Bad Tölz.", "place", "Bad Tölz"),
    ("zh-hans", "我是南京外国语学校的学生。", "school", "南京外国语学校"),
    ("zh-hans", "我来自成都，今年十二岁。", "place", "成都"),
    ("zh-hans", "去年我们搬到深圳南山区了。", "place", "深圳南山区"),
    ("ja", "札幌市立北中学校の二年生です。", "school", "札幌市立北中学校"),
    ("ja", "ぼくは名古屋出身です。", "place", "名古屋"),
    ("ja", "福岡に住んでいる中学生です。", "place", "福岡"),
    ("ar", "أنا طالبة في مدرسة الأمل الثانوية.", "school", "مدرسة الأمل الثانوية"),
    ("ar", "نعيش في حي السلام منذ سنتين.", "place", "حي السلام"),
    ("ar", "أنا من مدينة الإسكندرية.", "place", "الإسكندرية"),
    ("hi", "मैं केंद्रीय विद्यालय में आठवीं में हूँ।", "school", "केंद्रीय विद्यालय"),
    ("hi", "हम लखनऊ में रहते हैं।", "place", "लखनऊ"),
    ("hi", "आदर्श विद्या मंदिर में सबको पता चल गया।", "school", "आदर्श विद्या मंदिर"),
    ("sw", "Ninasoma Shule ya Sekondari Moshi.", "school", "Shule ya Sekondari Moshi"),
    ("sw", "Tunaishi Dodoma na babu.", "place", "Dodoma"),
    ("sw", "Mimi natoka Kisumu.", "place", "Kisumu"),
    ("es", "Voy a la Escuela Secundaria Técnica 5 de Puebla.", "school", "Escuela Secundaria Técnica"),
]


@pytest.mark.parametrize(("language", "text", "label", "expected"), FOUND, ids=[f[0] + ":" + f[3] for f in FOUND])
def test_schools_and_places_are_found(language, text, label, expected):
    found = pii.scan(text, language=language)
    findings = [finding for finding in found if finding.label == label]
    assert any(expected in finding.text for finding in findings), found
    # The suggested redaction removes it.
    assert expected not in pii.redact(text, found)


CLEAN = [
    ("de", "Die Grundschule hat einen neuen Computerraum bekommen."),
    ("de", "Unsere Schule hat jetzt Regeln für Handys."),
    ("en", "My School was the first to ban phones in class."),
    ("de", "Nach der Schule am Montag habe ich es meiner Lehrerin erzählt."),
    ("zh-hans", "我在学校学会了怎么保护自己。"),
    ("zh-hans", "我上中学以后才有了手机。"),
    ("zh-hans", "放学后我们去了学校的图书馆。"),
    ("ja", "学校の先生に話したら助けてくれました。"),
    ("ar", "ذهبت إلى المدرسة مع أختي وأخبرت المعلمة."),
    ("ar", "في الثانوية تعلمنا كيف نحمي حساباتنا."),
    ("hi", "अपने स्कूल में हमने एक पोस्टर बनाया।"),
    ("hi", "हमारे विद्यालय में साइबर सुरक्षा पर बात हुई।"),
    ("sw", "Tunaishi na bibi yetu na tunampenda sana."),
    ("sw", "Shuleni walimu walitusaidia kuripoti."),
]


@pytest.mark.parametrize(("language", "text"), CLEAN, ids=[c[0] + ":" + c[1][:20] for c in CLEAN])
def test_generic_school_words_are_not_flagged(language, text):
    assert pii.scan(text, language=language) == []
