"""Document titles are asked for in words, in the language the coordinator writes in.

Through the admin as Wagtail's own upload screens send them: the multiple upload (its first
step stores the file under its name written as words; the form shown next to it asks for
the title), the single upload and the edit form. The label names the region's source
language as gettext names it in the admin's language.
"""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

from sitecontent.documents import looks_like_file_name, words_from_file_name
from tests.factories import build_site_tree
from tests.translation_workflow.interface_strings import visible_texts

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class DocumentTitles(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.coordinator = cls.tree.users["latam-coordinator"]  # Latin America writes in Spanish

    def setUp(self):
        UserProfile.objects.update_or_create(user=self.coordinator, defaults={"preferred_language": "pt"})
        self.client.force_login(self.coordinator)

    def upload(self, name="guia-ciberacoso_familias.pdf"):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile(name, PDF, content_type="application/pdf")},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        return json.loads(response.content)

    def test_the_form_asks_for_a_title_in_the_region_s_language(self):
        answer = self.upload()
        self.assertTrue(answer["success"], answer)
        document = get_document_model().objects.get(pk=answer["doc_id"])
        self.assertEqual(document.title, "Guia ciberacoso familias")  # words, not the file name
        with translation.override("pt"):
            spanish = get_language_info("es")["name_translated"]
            label = gettext("Title in %(language)s") % {"language": spanish}
        self.assertIn(label, visible_texts(answer["form"]))
        html = self.client.get(reverse("wagtaildocs:edit", args=(document.pk,))).content.decode()
        self.assertIn(label, visible_texts(html))

    def test_a_file_name_is_refused_as_a_title_in_words_in_the_admin_language(self):
        document = get_document_model().objects.get(pk=self.upload()["doc_id"])
        url = reverse("wagtaildocs:edit", args=(document.pk,))
        response = self.client.post(url, {"title": "guia-ciberacoso.pdf", "collection": document.collection_id})
        self.assertEqual(response.status_code, 200)
        with translation.override("pt"):
            message = gettext("Give the document a title in words, as readers will see it, not its file name.")
        self.assertIn(message, visible_texts(response.content.decode()))
        document.refresh_from_db()
        self.assertEqual(document.title, "Guia ciberacoso familias")

        response = self.client.post(
            url, {"title": "Guía contra el ciberacoso para familias", "collection": document.collection_id}
        )
        self.assertEqual(response.status_code, 302)
        document.refresh_from_db()
        self.assertEqual(document.title, "Guía contra el ciberacoso para familias")

    def test_the_single_upload_refuses_the_file_name_too(self):
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "guia-ciberacoso",
                "file": SimpleUploadedFile("guia-ciberacoso.pdf", PDF, content_type="application/pdf"),
                "collection": self.tree.groups["latam"].collection.pk,
                "tags": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(get_document_model().objects.filter(title="guia-ciberacoso").exists())


def test_file_names_and_words():
    assert looks_like_file_name("guia-ciberacoso.pdf")
    assert looks_like_file_name("guia_ciberacoso")
    assert looks_like_file_name("informe2027.docx")
    assert not looks_like_file_name("Guía contra el ciberacoso")
    assert not looks_like_file_name("Ciberacoso")  # one word is a title
    assert not looks_like_file_name("9–12 años")
    assert words_from_file_name("guia-ciberacoso_familias.pdf") == "Guia ciberacoso familias"
