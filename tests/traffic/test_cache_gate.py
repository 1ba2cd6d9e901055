"""The caching gate (sid.httpcache) as a shared cache sees it: the headers of real responses."""

from __future__ import annotations

import pytest
from django.utils.cache import get_max_age

from tests.factories import UserFactory, build_site_tree
from tests.stories.factories import add_story_sections, submit_url

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    parts = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    return dict(part.split("=", 1) if "=" in part else (part, "") for part in parts)


def vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}


def assert_shared(response, settings):
    cache_control = directives(response)
    assert "public" in cache_control, response.get("Cache-Control")
    assert cache_control["s-maxage"] == str(settings.SID_CACHE_SHARED_MAX_AGE)
    assert cache_control["stale-while-revalidate"] == str(settings.SID_CACHE_STALE_WHILE_REVALIDATE)
    assert cache_control["stale-if-error"] == str(settings.SID_CACHE_STALE_IF_ERROR)
    assert "private" not in cache_control and "no-store" not in cache_control
    assert "cookie" not in vary(response)
    assert not response.cookies, response.cookies
    assert response.has_header("ETag")


def assert_never_shared(response):
    cache_control = directives(response)
    assert "public" not in cache_control, response.get("Cache-Control")
    assert "private" in cache_control and "no-store" in cache_control, response.get("Cache-Control")


@pytest.fixture
def tree():
    return build_site_tree()


def test_anonymous_pages_are_shared_in_every_language(client, tree, settings):
    region = tree.regions["eu"]
    for language in ("en", "fr", "de", "es", "ar"):
        for page in (tree.home, region, tree.pages["eu"]):
            from django.utils import translation

            with translation.override(language):
                url = page.url
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Language"] == language
            assert_shared(response, settings)


def test_site_cookies_do_not_change_a_public_page(client, tree, settings):
    plain = client.get("/fr/")
    client.cookies["sid_help_country"] = "FR"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    with_cookies = client.get("/fr/")
    assert_shared(with_cookies, settings)
    assert with_cookies.content == plain.content
    assert with_cookies["ETag"] == plain["ETag"]


def test_a_revalidation_is_answered_not_modified(client, tree):
    first = client.get("/en/")
    again = client.get("/en/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/en/", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_signed_in_visitors_get_private_pages(client, tree):
    client.force_login(tree.users["admin"])
    response = client.get("/en/")
    assert response.status_code == 200
    assert_never_shared(response)
    assert "cookie" in vary(response)


def test_flash_messages_make_a_page_private(client, tree):
    client.cookies["messages"] = "anything"
    assert_never_shared(client.get("/en/"))


def test_admin_and_language_redirects_are_never_shared(client, tree):
    assert_never_shared(client.get("/admin/login/"))
    # The unprefixed URL is redirected by the visitor's cookie or Accept-Language.
    redirect = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert redirect.status_code == 302
    assert_never_shared(redirect)


def test_the_help_page_that_reads_the_country_cookie_is_private(client, tree):
    client.cookies["sid_help_country"] = "BE"
    response = client.get("/en/help/")
    assert response.status_code == 200
    assert_never_shared(response)
    # A country's own page is the same for everyone.
    assert "public" in directives(client.get("/en/help/be/"))


def test_a_form_page_sets_its_csrf_cookie_and_stays_private(client, tree, settings):
    sections = add_story_sections(tree)
    response = client.get(submit_url(sections["eu"]))
    assert response.status_code == 200
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert_never_shared(response)


def test_posts_and_errors_are_never_shared(client, tree):
    assert_never_shared(client.post("/en/", {}))
    rejected = client.get("/en/help/choose/?country=not-a-country")
    assert rejected.status_code == 400
    assert_never_shared(rejected)
    chosen = client.get("/en/help/choose/?country=BE")
    assert chosen.status_code == 302 and "sid_help_country" in chosen.cookies
    assert_never_shared(chosen)


def test_a_private_page_is_never_shared(client, tree):
    from wagtail.models import PageViewRestriction

    page = tree.pages["eu"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein")  # noqa: S106
    form = client.get(page.url)
    assert_never_shared(form)
    # Unlocked: the session now holds the pass, the page's content must stay private.
    user = UserFactory(username="reader")
    client.force_login(user)
    assert_never_shared(client.get(page.url))


def test_missing_pages_are_shared_briefly_like_pages(client, tree, settings):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "public" in directives(response)
    assert get_max_age(response) == settings.SID_CACHE_BROWSER_MAX_AGE


def test_a_story_page_is_shared_and_its_report_form_is_not(client, tree, settings):
    from campaign.stories.models import StoryPage
    from campaign.stories.models.submission import Submission

    sections = add_story_sections(tree)
    story = StoryPage(
        title="How I blocked a stranger",
        slug="blocked",
        pen_name="Brave Fox",
        age_band=Submission._meta.get_field("age_band").choices[0][0],
        country="BE",
        language="en",
        body="We blocked and reported him.",
    )
    sections["eu"].add_child(instance=story)
    story.save_revision().publish()
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert_shared(response, settings)
    report_url = f"/en/stories/report/{story.pk}/"
    assert f'href="{report_url}"' in html
    form = client.get(report_url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert_never_shared(form)
    client.cookies[settings.CSRF_COOKIE_NAME] = form.cookies[settings.CSRF_COOKIE_NAME].value
    token = form.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    sent = csrf_client.post(report_url, {"reason": "hurtful", "csrfmiddlewaretoken": token})
    assert sent.status_code == 200 and story.reports.count() == 1
    assert csrf_client.post(report_url, {"reason": "hurtful"}).status_code == 403
