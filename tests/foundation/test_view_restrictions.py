"""View restrictions, branding and menus come from Django's cache (``sid.shared_values``),
shared by every process: a change is seen from the next request on, and a page outside
every restricted section costs no query to find it has no restriction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from sid.shared_values import SharedValue
from sitecontent.restrictions import restricted_sections
from tests.factories import StandardPageFactory
from themes.models import BrandingSettings, MenuPlacement, NavigationItem, NavigationMenu

pytestmark = pytest.mark.django_db

PASSWORD_FORM = 'name="password"'  # noqa: S105 (the form's field, not a password)


def page_text(client, url) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def asks_for_password(client, url) -> bool:
    status, html = page_text(client, url)
    return status == 200 and PASSWORD_FORM in html


def is_public(client, url, text) -> bool:
    status, html = page_text(client, url)
    return status == 200 and text in html and PASSWORD_FORM not in html


def test_a_restriction_applies_from_the_next_request_and_lifts_the_same_way(client, site_tree):
    region = site_tree.regions["eu"]
    section = StandardPageFactory(parent=region, title="Staff room", slug="staff-room")
    inner = StandardPageFactory(parent=section, title="Timetable", slug="timetable")
    other = site_tree.pages["eu"]
    urls = {page: page.url for page in (section, inner, other)}
    for page, url in urls.items():
        assert is_public(client, url, page.title)  # and the cache holds "no restricted section"

    restriction = PageViewRestriction.objects.create(
        page=section,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",  # noqa: S106
    )
    assert asks_for_password(client, urls[section]) and asks_for_password(client, urls[inner])
    assert is_public(client, urls[other], other.title)

    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    response = client.get(urls[inner])
    assert response.status_code == 302 and "login" in response["Location"]

    restriction.delete()
    for page, url in urls.items():
        assert is_public(client, url, page.title)


def test_an_alias_of_a_restricted_page_is_restricted_as_soon_as_it_is_made(client, site_tree):
    source = site_tree.pages["eu"]
    PageViewRestriction.objects.create(
        page=source,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",  # noqa: S106
    )
    assert asks_for_password(client, source.url)
    alias = source.create_alias(parent=site_tree.regions["latam"], update_slug="eu-alias")
    assert asks_for_password(client, alias.url)


def test_a_restricted_section_moved_elsewhere_stays_restricted(client, site_tree):
    section = StandardPageFactory(parent=site_tree.regions["eu"], title="Staff room", slug="staff-room")
    inner = StandardPageFactory(parent=section, title="Minutes", slug="minutes")
    PageViewRestriction.objects.create(
        page=section,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",  # noqa: S106
    )
    assert asks_for_password(client, inner.url)
    # Its tree path (and its pages') changes: the cached one would no longer match.
    section.move(site_tree.regions["latam"], pos="last-child")
    section.refresh_from_db()
    inner.refresh_from_db()
    assert asks_for_password(client, inner.url)
    # And a page moved into it is restricted at once too.
    page = StandardPageFactory(parent=site_tree.regions["eu"], title="Agenda", slug="agenda")
    assert is_public(client, page.url, "Agenda")
    page.move(section, pos="last-child")
    page.refresh_from_db()
    assert asks_for_password(client, page.url)


def test_no_query_to_find_a_page_has_no_restriction(client, site_tree):
    page = site_tree.pages["eu"]
    client.get(page.url)
    restricted_sections()  # warm
    with CaptureQueriesContext(connection) as queries:
        assert list(page.get_view_restrictions()) == []
    assert len(queries) == 0
    # A page in a restricted section reads its restrictions, as Wagtail finds them.
    PageViewRestriction.objects.create(page=site_tree.regions["eu"], restriction_type=PageViewRestriction.LOGIN)
    assert [r.restriction_type for r in page.get_view_restrictions()] == [PageViewRestriction.LOGIN]


def test_branding_and_menus_change_on_the_next_request(client, site_tree):
    url = site_tree.home.url
    assert "Safer Internet Day" in client.get(url).content.decode()
    branding = BrandingSettings.for_site(site_tree.site)
    branding.site_name = "Internet Safety Day"
    branding.save()
    assert "Internet Safety Day" in client.get(url).content.decode()

    menu = NavigationMenu.objects.create(placement=MenuPlacement.MAIN)
    NavigationItem.objects.create(menu=menu, page=site_tree.regions["eu"], label="Our region")
    assert "Our region" in client.get(url).content.decode()
    item = menu.items.get()
    item.label = "Europe and more"
    item.save()
    html = client.get(url).content.decode()
    assert "Europe and more" in html and "Our region" not in html
    # A link to a page that is no longer live leaves the menu without a menu change.
    site_tree.regions["eu"].unpublish()
    assert "Europe and more" not in client.get(url).content.decode()


def test_an_entry_read_before_another_process_committed_is_read_again():
    value = SharedValue("test-value")
    value.forget()
    state = {"value": "old"}

    def read_while_another_process_commits():
        seen = state["value"]
        state["value"] = "new"
        value.forget()  # the other process's change commits: its on-commit drops the version
        return seen

    assert value.get(read_while_another_process_commits) == "old"
    assert value.get(lambda: state["value"]) == "new"  # the stored "old" is not taken
    assert value.get(lambda: "not read") == "new"


def test_a_change_is_read_again_after_its_transaction_commits(django_capture_on_commit_callbacks):
    value = SharedValue("test-value")
    value.forget()
    assert value.get(lambda: 1) == 1
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            value.changed()
            assert value.get(lambda: 2) == 2
            # Read again by another process before the commit: it sees the old row.
            value.get(lambda: 1)
    assert value.get(lambda: 3) == 3
