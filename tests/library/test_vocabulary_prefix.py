"""The start of a query word finds the vocabulary's terms it begins, and only those, also
where SQLite reads them as a range of the vocabulary's index (LibraryQuery.term_begins)."""

import pytest

from sitecontent.library.search import LibraryQuery
from sitecontent.models import LibraryWord

pytestmark = pytest.mark.django_db


def test_a_word_start_finds_the_terms_it_begins_and_no_other():
    terms = ["rep", "repo", "report", "reporter", "repp", "repó", "repo\U0010ffff", "repozytorium", "rfc", "ré"]
    LibraryWord.objects.bulk_create([LibraryWord(language="xx", term=term, word=term) for term in terms])
    words = LibraryWord.objects.filter(language="xx")
    for start in ["repo", "rep", "r", "ré", "repó", "zz", "%", "_"]:
        found = set(words.filter(LibraryQuery.term_begins(start)).values_list("term", flat=True))
        assert found == {term for term in terms if term.startswith(start)}, start
