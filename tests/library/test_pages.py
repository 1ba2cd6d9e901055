"""Resource and guide pages: files per language, private draft files, printable guides."""

import pytest

from tests.texts import in_language

from . import factories as f
from .cases import LibraryTestCase


class TestLibraryPages(LibraryTestCase):
    def test_resource_page_offers_files_per_language(self):
        client = self.client
        library_tree = self.tree
        response = client.get(f"/fr/europe/library/{library_tree.fr_grooming.slug}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Repérer le pédopiégeage" in html
        assert 'hreflang="fr"' in html and 'hreflang="en"' in html
        assert "Comment un prédateur gagne la confiance." in html
        assert "pas encore" not in html  # own-language file exists: no "not in your language" notice

    def test_resource_page_says_when_no_file_in_visitor_language(self):
        client = self.client
        library_tree = self.tree
        response = client.get(f"/fr/europe/library/{library_tree.en_only.slug}/")
        notice = "This material does not exist in your language yet. Here are the languages it has."
        assert in_language(notice, "fr") != notice
        assert in_language(notice, "fr") in response.content.decode()

    def test_document_of_unpublished_resource_is_not_served(self):
        client = self.client
        library_tree = self.tree
        draft_doc = library_tree.draft.files.get().document
        assert client.get(draft_doc.url).status_code == 404
        live_doc = library_tree.fr_grooming.files.get(language="fr").document
        response = client.get(live_doc.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"fichier francais"

    def test_file_rows_of_unpublished_resource_are_hidden_but_editors_see_them(self):
        client = self.client
        library_tree = self.tree
        doc = library_tree.en_only.files.get().document
        library_tree.en_only.unpublish()
        assert client.get(doc.url).status_code == 404
        client.force_login(library_tree.users["admin"])
        assert client.get(doc.url).status_code == 200

    def test_files_of_a_private_resource_or_draft_guide_are_not_served(self):
        from wagtail.models import PageViewRestriction

        client = self.client
        library_tree = self.tree
        doc = library_tree.fr_grooming.files.get(language="fr").document
        assert client.get(doc.url).status_code == 200
        PageViewRestriction.objects.create(page=library_tree.fr_grooming, restriction_type=PageViewRestriction.LOGIN)
        assert client.get(doc.url).status_code == 404
        printable = f.document("Printable guide", b"%PDF-1.4 guide")
        draft_guide = f.guide(
            library_tree.libraries["eu"], {"en": {"title": "Draft guide", "summary": "s"}}, publish=False
        )
        draft_guide.download = printable
        draft_guide.save()
        assert client.get(printable.url).status_code == 404
        client.force_login(library_tree.users["admin"])
        assert client.get(doc.url).status_code == 200 and client.get(printable.url).status_code == 200

    def test_guide_page_has_case_study_questions_and_print_stylesheet(self):
        client = self.client
        library_tree = self.tree
        response = client.get(f"/fr/europe/library/{library_tree.guide.slug}/")
        html = response.content.decode()
        assert 'media="print"' in html and "guide-print.css" in html
        assert "What should Sam do?" in html
        assert 'class="case-study__questions"' in html

    def test_case_study_requires_a_question(self):
        from django.core.exceptions import ValidationError

        from sitecontent.models.guides import CaseStudyBlock

        block = CaseStudyBlock()
        value = block.to_python({"title": "Sam", "story": "<p>Story</p>", "questions": []})
        with pytest.raises(ValidationError):
            block.clean(value)

    def test_republish_reindexes_and_unpublish_forgets(self):
        client = self.client
        library_tree = self.tree
        page = library_tree.fr_grooming
        page.summary = "Un résumé nouveau avec le mot girafe."
        from django.utils import translation

        from translations.core.tooling import set_translations

        with translation.override("en"):
            set_translations(page, {"fr": {"summary": "Un résumé nouveau avec le mot girafe."}})
            page.save_revision().publish()
        assert client.get("/fr/europe/library/?q=girafe").content.decode().count('class="result card"') == 1
        page.refresh_from_db()
        page.unpublish()
        assert client.get("/fr/europe/library/?q=girafe").content.decode().count('class="result card"') == 0

    def test_arabic_library_is_right_to_left(self):
        client = self.client
        library_tree = self.tree
        f.resource(
            library_tree.libraries["eu"],
            {"en": {"title": "X", "summary": "x"}, "ar": {"title": "مرحبا", "summary": "نص"}},
        )
        response = client.get("/ar/europe/library/?q=%D9%86%D8%B5")
        html = response.content.decode()
        assert 'dir="rtl"' in html and "مرحبا" in html
