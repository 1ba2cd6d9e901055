"""A young person submits in Spanish with a picture; the region's moderator approves it in the
admin; the story appears with a picture that carries no metadata; another region's moderator
never sees it."""

import io

import pytest
from django.conf import settings
from PIL import Image

from campaign.stories.models import Submission
from tests.factories import PASSWORD, build_site_tree
from tests.fixtures.uploads import upload_dir

from .factories import add_story_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tree(transactional_db):
    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    return tree


def log_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def test_spanish_story_with_picture_submitted_approved_published(tree, browser_page, browser, live_server, axe_check):
    page = browser_page
    page.goto("/es/europa/historias/submit/")
    assert page.locator("html").get_attribute("lang") == "es"
    axe_check(page)
    page.fill("#id_pen_name", "Zorro Valiente")
    page.check("input[name=age_band][value='16_17']")
    page.select_option("#id_country", "ES")
    page.select_option("#id_language", "es")
    page.fill("#id_title", "Cómo bloqueé a un desconocido")
    page.fill("#id_body", "Alguien me escribía en un juego. Se lo conté a mi hermana y lo bloqueamos y denunciamos.")
    # The picture is optional and folded away (a shorter form on phones): opened as a child would.
    assert not page.locator("#id_picture_alt").is_visible()
    page.click("details.story-form__more summary")
    page.set_input_files("#id_picture", str(upload_dir() / "photo_with_gps.jpg"))
    page.fill("#id_picture_alt", "Un dibujo de un candado")
    page.check("#id_agree")
    with page.expect_navigation(timeout=60_000):
        page.click("button.button[type=submit]")
    if "/stories/status/" not in page.url:
        summary = page.locator(".error-summary")
        pytest.fail(f"not sent: {page.url} {summary.inner_text() if summary.count() else page.content()[:3000]}")
    assert "/es/" in page.url
    axe_check(page)
    status_page = page.url.split("?")[0]
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.IN_REVIEW

    # Another region's moderator sees nothing of it.
    other_context, other = log_in(browser, live_server, "latam-moderator")
    other.goto("/admin/youth-stories/")
    assert "Cómo bloqueé" not in other.content()
    other.goto(f"/admin/youth-stories/{submission.pk}/")
    assert "Cómo bloqueé" not in other.content()
    other_context.close()

    # The region's moderator approves it in the admin.
    mod_context, moderator = log_in(browser, live_server, "eu-moderator")
    # Through the region's moderation queue (campaign.moderation): open the item, approve it.
    moderator.goto("/admin/moderation/")
    with moderator.expect_navigation():
        moderator.click("a:has-text('Cómo bloqueé a un desconocido')")
    assert "Cómo bloqueé a un desconocido" in moderator.locator("[data-published-text]").inner_text()
    with moderator.expect_navigation():
        moderator.click("button[name=decision][value=approve]")
    mod_context.close()

    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    story = submission.page.specific
    page.goto(f"/es/europa/historias/{story.slug}/")
    assert page.locator("h1").inner_text() == "Cómo bloqueé a un desconocido"
    assert page.locator("article").get_attribute("lang") == "es"
    image = page.locator("img.story__picture")
    src = image.get_attribute("src")
    assert src.startswith(settings.MEDIA_URL + "stories/")
    assert image.get_attribute("alt") == "Un dibujo de un candado"
    axe_check(page)
    data = (settings.MEDIA_ROOT / src[len(settings.MEDIA_URL) :]).read_bytes()
    picture = Image.open(io.BytesIO(data))
    assert not picture.getexif() and b"GPS" not in data and b"PhoneMaker" not in data
    assert "exif" not in picture.info and "icc_profile" not in picture.info

    # A reader reports it (works without JavaScript: a link to a plain form, kept off the
    # story page so that the story page stays cacheable).
    with page.expect_navigation():
        page.click(".story-report a")
    axe_check(page)
    page.check("input[name=reason][value='hurtful']")
    with page.expect_navigation():
        page.click(".story-report button[type=submit]")
    assert page.locator("h1").count() == 1 and "/stories/report/" in page.url
    assert page.locator("main").inner_text().strip()

    # The author withdraws it from the private status page: story and picture are gone.
    page.goto(status_page)
    page.check("#id_confirm")
    with page.expect_navigation():
        page.click(".story-withdraw button[type=submit]")
    assert page.locator(".story-status__state--withdrawn").count() == 1
    assert not (settings.MEDIA_ROOT / src[len(settings.MEDIA_URL) :]).exists()
    response = page.request.get(f"/es/europa/historias/{story.slug}/")
    assert response.status == 404
