"""Curated packs in the Wagtail admin, region by region: a matrix of who may do what."""

from django.db import transaction
from django.test import Client
from django.urls import reverse
from modeltranslation.utils import build_localized_fieldname

from campaign.packs.models import CuratedPack
from tests.factories import PASSWORD
from translations.core.languages import LANGUAGE_CODES

from . import factories as f
from .cases import LibraryTestCase


def form_data(form):
    """POST data reproducing a bound admin form, its formsets included."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = value
    for formset in getattr(form, "formsets", {}).values():
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for sub in formset.forms:
            data.update(form_data(sub))
    return data


def url(name, *args):
    return reverse(f"wagtailsnippets_packs_curatedpack:{name}", args=args)


class TestCuratedPackAdminMatrix(LibraryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        t = cls.tree
        cls.packs = {
            "eu": f.curated_pack(t.regions["eu"], "EU pack", [t.fr_grooming], slug="eu-pack"),
            "latam": f.curated_pack(t.regions["latam"], "LATAM pack", [t.latam_es], slug="latam-pack"),
        }

    def login(self, username):
        self.client.logout()
        if username:
            assert self.client.login(username=username, password=PASSWORD)

    def can_see_in_list(self, code):
        response = self.client.get(url("list"))
        return response.status_code == 200 and self.packs[code].title in response.content.decode()

    def can_open(self, code):
        return self.client.get(url("edit", self.packs[code].pk)).status_code == 200

    def valid_edit_data(self, code):
        """A complete, valid edit form for the pack (read as the admin), title changed."""
        admin = Client()
        admin.force_login(self.tree.users["admin"])
        data = form_data(admin.get(url("edit", self.packs[code].pk)).context["form"])
        # In every language: the pack's region may write in Spanish first (translations.core.source).
        data.update({build_localized_fieldname("title", code): "Renamed" for code in LANGUAGE_CODES})
        return data

    def can_rename(self, code):
        with transaction.atomic():
            self.client.post(url("edit", self.packs[code].pk), self.valid_edit_data(code))
            renamed = CuratedPack.objects.get(pk=self.packs[code].pk).title == "Renamed"
            transaction.set_rollback(True)
        return renamed

    def can_delete(self, code):
        with transaction.atomic():
            self.client.post(url("delete", self.packs[code].pk))
            gone = not CuratedPack.objects.filter(pk=self.packs[code].pk).exists()
            transaction.set_rollback(True)
        return gone

    def test_matrix(self):
        expected = {
            # user: {region: allowed?}
            "eu-coordinator": {"eu": True, "latam": False},
            "latam-coordinator": {"eu": False, "latam": True},
            "eu-moderator": {"eu": False, "latam": False},
            "admin": {"eu": True, "latam": True},
            None: {"eu": False, "latam": False},
        }
        for username, regions in expected.items():
            for code, allowed in regions.items():
                self.login(username)
                with self.subTest(user=username, region=code):
                    assert self.can_see_in_list(code) is allowed
                    assert self.can_open(code) is allowed
                    assert self.can_rename(code) is allowed
                    assert self.can_delete(code) is allowed

    def test_coordinator_cannot_create_a_pack_for_another_region(self):
        self.login("eu-coordinator")
        form = self.client.get(url("add")).context["form"]
        region_ids = {region.pk for region in form.fields["region"].queryset}
        assert region_ids == {self.tree.regions["eu"].pk}
        data = form_data(form)
        data.update(
            {
                "region": self.tree.regions["latam"].pk,
                "title_en": "Sneaky",
                "title": "Sneaky",
                "slug": "sneaky",
                "items-TOTAL_FORMS": "1",
                "items-0-page": self.tree.latam_es.pk,
                "items-0-ORDER": "1",
            }
        )
        self.client.post(url("add"), data)
        assert not CuratedPack.objects.filter(slug="sneaky").exists()

    def test_a_pack_only_holds_its_regions_material(self):
        from django.core.exceptions import ValidationError

        pack = f.curated_pack(self.tree.regions["eu"], "Mixed", [self.tree.fr_grooming])
        from campaign.packs.models import CuratedPackItem

        pack.items.add(CuratedPackItem(page=self.tree.latam_es))
        try:
            pack.full_clean()
        except ValidationError as error:
            assert "Grooming talk" in str(error)
        else:
            raise AssertionError("a pack mixing regions must not validate")


class TestTopicTaxonomyAdmin(LibraryTestCase):
    def test_coordinators_manage_topics_but_only_admins_delete_them(self):
        topic = self.tree.topics["grooming"]
        list_url = reverse("wagtailsnippets_sitecontent_topic:list")
        edit_url = reverse("wagtailsnippets_sitecontent_topic:edit", args=[topic.pk])
        delete_url = reverse("wagtailsnippets_sitecontent_topic:delete", args=[topic.pk])
        for username, can_edit, can_delete in (
            ("eu-coordinator", True, False),
            ("latam-coordinator", True, False),
            ("eu-moderator", False, False),
            ("admin", True, True),
        ):
            self.client.force_login(self.tree.users[username])
            with self.subTest(user=username):
                assert (self.client.get(list_url).status_code == 200) is can_edit
                assert (self.client.get(edit_url).status_code == 200) is can_edit
                with transaction.atomic():
                    self.client.post(delete_url)
                    deleted = not type(topic).objects.filter(pk=topic.pk).exists()
                    transaction.set_rollback(True)
                assert deleted is can_delete
