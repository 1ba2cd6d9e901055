"""Teachers' searches, as teachers typed them: four per language in English, German,
Spanish, French, Arabic and Japanese, each a word the demo material holds in another form
(inflected, without accents, with diacritics or without the hamza, in the other kana). When
the issue was filed, 12 of the 24 found their item. The items each must find in the first
three results are those the labelled query set names (tests/fixtures/search/queries.json),
so the expectations have one source."""

from django.core.management import call_command

from sitecontent.library.quality import TOP, load_queries, ranked_slugs

ISSUE_SEARCHES = [
    ("en", "reported"),
    ("en", "lesson plans"),
    ("en", "sextortion posters"),
    ("en", "bullied child"),
    ("de", "Lehrkraft"),
    ("de", "Plakate"),
    ("de", "Klassenaktivitaten"),
    ("de", "gemobbt"),
    ("es", "sextorsion"),
    ("es", "guia docentes"),
    ("es", "linea"),
    ("es", "hablar de grooming con ninos"),
    ("fr", "donnees personnelles"),
    ("fr", "harcelement"),
    ("fr", "sequences de cours"),
    ("fr", "parler du pedopiegeage"),
    ("ar", "التنمُّر"),
    ("ar", "الابلاغ"),
    ("ar", "الخصوصيه"),
    ("ar", "ملصقات"),
    ("ja", "イジメ"),
    ("ja", "ぐるーみんぐ"),
    ("ja", "ﾎﾟｽﾀｰ"),
    ("ja", "個人情報"),
]


def check_issue_searches() -> None:
    call_command("load_demo_content", verbosity=0)
    expected = {(entry["language"], entry["q"]): set(entry["expect"]) for entry in load_queries()}
    assert len(ISSUE_SEARCHES) == 24 and {lang for lang, _q in ISSUE_SEARCHES} == {"en", "de", "es", "fr", "ar", "ja"}
    misses = []
    for language, q in ISSUE_SEARCHES:
        top = ranked_slugs(q, language)[:TOP]
        if not expected[(language, q)] & set(top):
            misses.append((language, q, top))
    assert not misses, f"{24 - len(misses)}/24 found; missed: {misses}"
