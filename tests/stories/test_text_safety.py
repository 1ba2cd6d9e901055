"""Hostile text: XSS payloads in every field, on every page that shows them; unicode tricks."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from campaign.moderation import decisions
from campaign.stories.text import mixed_script_words, normalise, spreadsheet_safe
from tests.fixtures import hostile_text, xss_payloads

from .factories import latest_submission, status_url, submit, token_from, upload

PAYLOADS = xss_payloads()
UNICODE = hostile_text.by_id()


def unmark(html: str) -> str:
    """The review page without the site's own highlighting of findings."""
    html = re.sub(r'<span class="visually-hidden"> \([^)<]*\)</span></mark>', "", html)
    return re.sub(r'<mark class="story-finding"[^>]*>', "", html)


def assert_escaped(html: str, value: str):
    """``value`` is on the page only as text: escaped, never as markup."""
    assert escape(value) in html, value
    if "<" in value or '"' in value:
        assert value not in html, value


@pytest.mark.django_db
def test_xss_payloads_in_every_field_stay_text(client, stories_tree, django_capture_on_commit_callbacks):
    """Every payload in pen name, title, story and picture description: review, status, public page."""
    client.force_login(stories_tree.users["eu-moderator"])
    for number, payload in enumerate(PAYLOADS):
        fields = {
            "pen_name": payload[:40],
            "title": payload[:120],
            "body": f"{payload} story number {number}, long enough",
            "picture_alt": payload[:200],
        }
        response = submit(
            client,
            stories_tree.sections["eu"],
            django_capture_on_commit_callbacks,
            files={"picture": upload("animated.gif")},
            **fields,
        )
        assert response.status_code == 302, (payload, response.content.decode()[:500])
        submission = latest_submission()
        page = submission.page.specific
        review = unmark(client.get(reverse("stories_admin:review", args=[submission.pk]), follow=True).content.decode())
        status = client.get(status_url(token_from(response))).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            decisions.approve(page, stories_tree.users["eu-moderator"])
        page.refresh_from_db()
        public = client.get(page.url).content.decode()
        expected = {name: normalise(value).text for name, value in fields.items()}
        for name in ("pen_name", "title", "body", "picture_alt"):
            assert_escaped(review, expected[name])
            assert_escaped(public, expected[name])
        assert_escaped(status, expected["title"])
        assert_escaped(status, expected["pen_name"])
        # User text is never evaluated: no "49" as text (random media paths may contain the digits).
        main = re.sub(r'(?:src|srcset|href)="[^"]*"', "", public.split("<main", 1)[1])
        assert not re.search(r"(?<![\w/.-])49(?![\w/.-])", main) or "7*7" not in payload
    listing = client.get(stories_tree.sections["eu"].url).content.decode()
    assert "<script>alert" not in listing and "<img src=x" not in listing


class TestNormalise:
    def test_bidi_override_removed(self):
        assert normalise(UNICODE["bidi_override_name"]).text == "Samevil.exe"
        assert "bidi" in normalise(UNICODE["bidi_override_name"]).changes

    def test_bidi_isolates_removed(self):
        assert normalise(UNICODE["bidi_isolate"]).text == "Anahidden"

    def test_zero_width_removed(self):
        assert normalise(UNICODE["zero_width_in_word"]).text == "grooming"
        assert normalise(UNICODE["zero_width_joiner_name"]).text == "Lily"

    def test_fullwidth_folded(self):
        assert normalise(UNICODE["fullwidth"]).text == "Admin"

    def test_combining_marks_capped(self):
        result = normalise(UNICODE["combining_overload"])
        assert len(result.text) <= 4 and "combining" in result.changes

    def test_ok_entries_kept_as_written(self):
        assert normalise(UNICODE["emoji_ok"]).text == UNICODE["emoji_ok"]
        assert normalise(UNICODE["rtl_ok"]).text == UNICODE["rtl_ok"]
        family = "👩\u200d👩\u200d👧"
        assert normalise(family).text == family  # joiners inside emoji survive
        hindi = "क्\u200dष"
        assert normalise(hindi).text == hindi  # and inside Devanagari

    def test_mixed_scripts_flagged(self):
        assert mixed_script_words(UNICODE["mixed_script_homoglyph"])
        assert mixed_script_words(UNICODE["cyrillic_lookalike_name"])
        assert not mixed_script_words("Admin")
        assert not mixed_script_words("東京タワーへ行く")
        assert not mixed_script_words(UNICODE["rtl_ok"])

    def test_formulas_neutralised_for_export(self):
        assert spreadsheet_safe(UNICODE["formula_csv"]).startswith("'=")
        assert spreadsheet_safe(UNICODE["formula_plus"]).startswith("'+")
        assert spreadsheet_safe("Brave Fox") == "Brave Fox"


@pytest.mark.django_db
class TestUnicodeThroughTheForm:
    def post(self, client, tree, capture, **fields):
        return submit(client, tree.sections["eu"], capture, **fields)

    def test_nul_is_refused_with_a_message(self, client, stories_tree, django_capture_on_commit_callbacks):
        response = self.post(client, stories_tree, django_capture_on_commit_callbacks, pen_name=UNICODE["nul_byte"])
        assert response.status_code == 400
        assert "hidden characters are not allowed" in response.content.decode()

    def test_very_long_is_bounded(self, client, stories_tree, django_capture_on_commit_callbacks):
        response = self.post(
            client,
            stories_tree,
            django_capture_on_commit_callbacks,
            body=UNICODE["very_long"],
            title=UNICODE["very_long"],
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "at most 4000 characters" in html or "4000" in html
        assert "at most 120 characters" in html or "120" in html

    def test_bidi_and_homoglyph_names_are_cleaned_and_flagged(
        self, client, stories_tree, django_capture_on_commit_callbacks
    ):
        response = self.post(
            client,
            stories_tree,
            django_capture_on_commit_callbacks,
            pen_name=UNICODE["bidi_override_name"],
            title=UNICODE["cyrillic_lookalike_name"] + " story",
        )
        assert response.status_code == 302
        submission = latest_submission()
        page = submission.page.specific
        assert page.pen_name == "Samevil.exe"
        assert "bidi:pen_name" in submission.text_flags
        assert "mixed_script:title" in submission.text_flags

    def test_formula_pen_name_is_safe_in_the_export(self, client, stories_tree, django_capture_on_commit_callbacks):
        self.post(
            client,
            stories_tree,
            django_capture_on_commit_callbacks,
            pen_name=UNICODE["formula_csv"][:40],
            title=UNICODE["formula_plus"],
        )
        client.force_login(stories_tree.users["eu-moderator"])
        csv = client.get(reverse("stories_admin:export")).content.decode()
        assert "'=HYPERLINK" in csv and "'+cmd" in csv
        assert ",=HYPERLINK" not in csv and ',"=HYPERLINK' not in csv

    @pytest.mark.parametrize("case", ["emoji_ok", "rtl_ok"])
    def test_ok_names_published_as_written(self, case, client, stories_tree, django_capture_on_commit_callbacks):
        self.post(client, stories_tree, django_capture_on_commit_callbacks, pen_name=UNICODE[case])
        assert latest_submission().page.specific.pen_name == UNICODE[case]


@pytest.mark.django_db
def test_moderator_reads_the_text_warnings_in_words(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        pen_name=UNICODE["bidi_override_name"],
        title=UNICODE["cyrillic_lookalike_name"] + " story",
    )
    submission = latest_submission()
    client.force_login(stories_tree.users["eu-moderator"])
    for url in (
        reverse("stories_admin:review", args=[submission.pk]),
        reverse("wagtailadmin_pages:edit", args=[submission.page_id]),
    ):
        html = client.get(url, follow=True).content.decode()
        assert "<strong>Pen name</strong>: Hidden characters that change the reading direction were removed" in html
        assert "<strong>Title</strong>: Letters from different alphabets that look alike" in html
        assert "bidi:pen_name" not in html and "mixed_script:title" not in html
