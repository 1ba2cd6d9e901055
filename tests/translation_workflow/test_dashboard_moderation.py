"""The coordinator's dashboard shows what waits for moderation in their region, and for how long.

Read where coordinators meet it: Wagtail's dashboard, in Spanish, as the Latin American
coordinator. Another region's pages and queue never count; the figures are compared with
the rows the test made (waits set explicitly), the wording with gettext in Spanish.
"""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from campaign.moderation import queue
from campaign.moderation.templatetags.moderation_tags import duration
from campaign.moderation.workflows import ensure_region_workflow, start_moderation
from sitecontent.models import StandardPage
from tests.factories import build_site_tree
from tests.translation_workflow.interface_strings import visible_texts
from translations.workflow.dashboard import pages_in_moderation, public_queue


class DashboardModeration(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.coordinator = cls.tree.users["latam-coordinator"]
        now = timezone.now()
        cls.sections = {}
        for code in ("latam", "eu"):
            with translation.override("en"):
                section = StandardPage(title=f"{code} corner", slug="corner")
                cls.tree.regions[code].add_child(instance=section)
            ensure_region_workflow(cls.tree.regions[code], section, "pages")
            cls.sections[code] = section
        waits = {"latam": [5, 200], "eu": [900]}  # minutes
        for code, minutes in waits.items():
            for n, wait in enumerate(minutes):
                with translation.override("en"):
                    page = StandardPage(title=f"Proposal {n}", slug=f"proposal-{n}", live=False)
                    cls.sections[code].add_child(instance=page)
                state = start_moderation(page, cls.coordinator)
                TaskState.objects.filter(workflow_state=state).update(started_at=now - datetime.timedelta(minutes=wait))
        # The public's queue: two open items in Latin America (one decided), one in Europe.
        for object_id, code, wait, is_open in (
            (1, "latam", 30, True),
            (2, "latam", 3000, True),
            (3, "latam", 9000, False),
            (4, "eu", 20000, True),
        ):
            item = queue.sync(
                "story", object_id, region=cls.tree.regions[code], waiting_since=now - datetime.timedelta(minutes=wait)
            )
            if not is_open:
                item.is_open = False
                item.save()

    def test_figures_are_the_region_s_own(self):
        region = self.tree.regions["latam"]
        pages = pages_in_moderation(self.coordinator, region)
        self.assertEqual(pages["count"], 2)
        self.assertAlmostEqual(pages["waited"].total_seconds(), 200 * 60, delta=120)
        public = public_queue(region)
        self.assertEqual(public["count"], 2)
        self.assertAlmostEqual(public["waited"].total_seconds(), 3000 * 60, delta=120)
        # Through the one page policy: a moderator of another region sees none of these pages.
        self.assertEqual(pages_in_moderation(self.tree.users["eu-moderator"], region)["count"], 0)

    def test_the_dashboard_panel_in_spanish(self):
        UserProfile.objects.update_or_create(user=self.coordinator, defaults={"preferred_language": "es"})
        self.client.force_login(self.coordinator)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        texts = " ".join(visible_texts(html))
        with translation.override("es"):
            pages = ngettext("%(count)s page of the region in review", "%(count)s pages of the region in review", 2) % {
                "count": 2
            }
            public = ngettext(
                "%(count)s item sent by the public awaits the region's moderators",
                "%(count)s items sent by the public await the region's moderators",
                2,
            ) % {"count": 2}
            oldest_page = duration(datetime.timedelta(minutes=200))
            oldest_public = duration(datetime.timedelta(minutes=3000))
        self.assertIn(pages, texts)
        self.assertIn(public, texts)
        self.assertIn(oldest_page, texts)
        self.assertIn(oldest_public, texts)
        self.assertNotIn(duration(datetime.timedelta(minutes=20000)), texts)  # Europe's queue

    def test_constant_queries_whatever_waits(self):
        self.client.force_login(self.coordinator)
        self.count_queries()  # the first request warms caches (site, content types)
        before = self.count_queries()
        for n in range(3):
            with translation.override("en"):
                page = StandardPage(title=f"More {n}", slug=f"more-{n}", live=False)
                self.sections["latam"].add_child(instance=page)
            start_moderation(page, self.coordinator)
            queue.sync("story", 100 + n, region=self.tree.regions["latam"], waiting_since=timezone.now())
        self.assertEqual(self.count_queries(), before)
        self.assertEqual(pages_in_moderation(self.coordinator, self.tree.regions["latam"])["count"], 5)

    def count_queries(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        return len(queries)
