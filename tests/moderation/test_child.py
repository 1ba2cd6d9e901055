"""The young person's side: short code, fix and send again, pen names, parent email, countries, age."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from campaign.moderation import decisions
from campaign.moderation.reasons import reason_label
from campaign.stories import pipeline
from campaign.stories.consent import AGE_PHRASES, AgeBand, needs_parental_consent
from campaign.stories.forms import StoryForm, country_choices
from campaign.stories.models import StoryPage, Submission
from campaign.stories.text import poses_as_staff
from campaign.stories.tokens import CODE_ALPHABET, normalise_code, status_code_for
from translations.core.languages import LANGUAGE_CODES

from .helpers import send_story, story_item

pytestmark = pytest.mark.django_db


def _code_on(html: str) -> str:
    match = re.search(r'id="story-code"[^>]*>([^<]+)<', html)
    assert match, "no story code on the page"
    return match.group(1)


# -- short status code --------------------------------------------------------------------------
def test_short_code_shown_with_the_link_and_opens_the_status(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks)
    html = client.get(f"/en/stories/status/{submission.token}/?new=1").content.decode()
    code = _code_on(html)
    assert re.fullmatch(rf"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}", code)
    assert f"/en/stories/status/{submission.token}/" in html
    assert 'data-copy-target="story-code"' in html and 'data-copy-target="story-link"' in html
    assert code.replace("-", "") not in Submission.objects.values_list("status_code_hash", flat=True)[0]
    # Typed back as a child would: lower case, a space, full-width letters.
    typed = code.lower().replace("-", " ")
    response = client.get(reverse("stories:code_lookup"), {"code": typed})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "A moderator is checking your story." in page and _code_on(page) == code
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch != "-" else ch for ch in code)
    assert normalise_code(full_width) == code.replace("-", "")


def test_short_codes_are_unique_and_readable():
    codes = {status_code_for(f"token-{number}") for number in range(20_000)}
    assert len(codes) == 20_000
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set(CODE_ALPHABET) & set("01ILO")


@override_settings(STORIES_CODE_LOOKUP_RATE="5/h")
def test_code_lookup_is_rate_limited(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks)
    code = status_code_for(submission.token)
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"):
        response = client.get(reverse("stories:code_lookup"), {"code": guess})
        assert response.status_code == 404
        assert "We found no story with this code" in response.content.decode()
    # Past the limit even the right code is refused, with the rate-limit page (not a 500).
    assert client.get(reverse("stories:code_lookup"), {"code": code}).status_code == 429
    assert client.get(reverse("stories:code_status", kwargs={"code": code})).status_code == 429


# -- fix and send again -------------------------------------------------------------------------
def test_rejected_child_fixes_and_sends_again(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(
        client,
        stories_tree,
        django_capture_on_commit_callbacks,
        url_language="fr",
        language="fr",
        body="Je m'appelle Jess Tanaka et quelqu'un m'a harcelée sur un jeu en ligne.",
    )
    moderator = stories_tree.users["eu-moderator"]
    decisions.reject(submission.page.specific, moderator, "personal_information")
    status_url = f"/fr/stories/status/{submission.token}/"
    html = client.get(status_url).content.decode()
    assert escape(reason_label("personal_information", "fr")) in html
    assert "Jess Tanaka" in html  # the text is kept in the form, to fix
    fixed = "Quelqu'un m'a harcelée sur un jeu en ligne. J'en ai parlé à ma sœur et nous l'avons bloqué."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            status_url + "resend/", {"pen_name": "Étoile", "title": "Un jeu en ligne", "body": fixed}
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.IN_REVIEW and submission.rejection_reason == ""
    item = story_item(submission)
    assert item.is_open and item.title == "Un jeu en ligne"
    assert "pii" not in item.flag_list  # scanned again: nothing left
    html = client.get(status_url).content.decode()
    assert "resend/" not in html  # no second resend while in review
    decisions.approve(StoryPage.objects.get(pk=submission.page_id), moderator)
    page = StoryPage.objects.get(pk=submission.page_id)
    assert page.live and page.body == fixed and "Jess" not in page.body


def test_resend_refuses_bad_input_and_keeps_it(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks)
    decisions.reject(submission.page.specific, stories_tree.users["eu-moderator"], "off_topic")
    url = f"/en/stories/status/{submission.token}/resend/"
    response = client.post(url, {"pen_name": "Brave Fox", "title": "Kept title", "body": "short"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kept title" in html and "at least 20 characters" in html
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.REJECTED


# -- pen names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, flagged",
    [
        ("Ａｄｍｉｎ", True),
        ("A.d.m.i.n", True),
        ("SID_Moderator", True),
        ("Modérateur", True),
        ("管理员", True),
        ("مشرف الموقع", True),
        ("Brave Fox", False),
        ("さくら", False),
    ],
)
def test_pen_names_posing_as_staff_are_flagged(name, flagged):
    assert poses_as_staff(name) is flagged


def test_full_width_pen_name_is_normalised_flagged_and_published_plainly(
    client, stories_tree, django_capture_on_commit_callbacks
):
    index = stories_tree.sections["eu"]
    cleaned = {
        "pen_name": "Ａｄｍｉｎ",  # as a script or an import would send it, past the form
        "title": "Hello",
        "body": "Someone kept messaging me on a game. I told my sister.",
        "age_band": "16_17",
        "country": "BE",
        "language": "en",
    }
    with django_capture_on_commit_callbacks(execute=True):
        submission, _token = pipeline.receive(index, cleaned)
    submission.refresh_from_db()
    page = submission.page.specific
    assert page.pen_name == "Admin"
    assert "staff_name:pen_name" in submission.text_flags
    assert "pen_name" in story_item(submission).flag_list
    client.force_login(stories_tree.users["eu-moderator"])
    review = client.get(reverse("moderation:review", args=[story_item(submission).pk])).content.decode()
    assert "It looks like the name of staff, an admin or a moderator" in review
    decisions.approve(page, stories_tree.users["eu-moderator"])
    public = client.get(StoryPage.objects.get(pk=page.pk).url).content.decode()
    assert "Ａｄｍｉｎ" not in public and "By Admin" in public


# -- parent email -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "band, country, needed",
    [
        ("11_12", "BE", True),
        ("13", "BE", False),
        ("14", "FR", True),
        ("15", "FR", False),
        ("15", "DE", True),
        ("16_17", "DE", False),
        ("up_to_10", "MX", True),
        ("13", "MX", False),
    ],
)
def test_parent_email_needed_by_age_and_country(band, country, needed, stories_tree):
    data = {
        "pen_name": "Fox",
        "age_band": band,
        "country": country,
        "language": "en",
        "title": "T",
        "body": "x" * 30,
        "agree": "on",
    }
    form = StoryForm(data, region=stories_tree.regions["eu"])
    assert form.is_valid() is not needed
    assert ("parent_email" in form.errors) is needed
    assert needs_parental_consent(band, country) is needed
    with_email = StoryForm(data | {"parent_email": "carer@example.org"}, region=stories_tree.regions["eu"])
    assert with_email.is_valid()
    assert with_email.cleaned_data["parent_email"] == ("carer@example.org" if needed else "")


def test_form_says_who_needs_a_parent_before_sending(client, stories_tree):
    html = client.get(stories_tree.sections["eu"].url + "submit/").content.decode()
    box = html[html.index("data-parent-email") : html.index("</details>", html.index("data-parent-email"))]
    assert "Are you younger than 13?" in box
    assert re.search(r"Younger than 15:[^<]*France", box) and re.search(r"Younger than 16:[^<]*Germany", box)
    assert "(you can skip this)" not in box
    assert "data-consent-ages=" in box and "&quot;FR&quot;: 15" in box
    # Progressive disclosure keeps every field: the picture is behind a <details>.
    assert re.search(r"<details class=\"story-form__more\"[^>]*>\s*<summary>", html)
    for name in ("pen_name", "age_band", "country", "parent_email", "title", "body", "picture", "picture_alt"):
        assert f'name="{name}"' in html


# -- countries ----------------------------------------------------------------------------------
def _names(choices):
    flat = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            flat.extend(str(name) for _code, name in label)
        elif value:
            flat.append(str(label))
    return flat


def _before(names, first, second):
    assert names.index(first) < names.index(second), (first, second)


def test_region_countries_come_first(stories_tree):
    region = stories_tree.regions["eu"]
    with translation.override("en"):
        choices = country_choices(region)
    assert choices[1][0] == region.title
    own = [str(name) for _code, name in choices[1][1]]
    assert "Belgium" in own and "Mexico" not in own
    assert own == sorted(own)


@pytest.mark.parametrize(
    "language, earlier, later",
    [
        # Arabic: alef with hamza is alef; Ethiopia (ا ث) before Albania (أ ل), unlike code points.
        ("ar", "ET", "AL"),
        # Japanese: ガーナ (Ghana, ga-a) before カナダ (Canada, ka-na) in the kana order.
        ("ja", "GH", "CA"),
        # Simplified Chinese: pinyin, 阿尔巴尼亚 (Ā) before 巴西 (Bā) before 中国 (Zhōng).
        ("zh-hans", "AL", "BR"),
        ("zh-hans", "BR", "CN"),
    ],
)
def test_country_names_sorted_by_the_languages_collation(language, earlier, later):
    from django_countries import countries

    with translation.override(language):
        names = _names(country_choices(None))
        first, second = str(dict(countries)[earlier]), str(dict(countries)[later])
    _before(names, first, second)
    assert sorted([first, second]) != [first, second] or language == "ja"  # code points get it wrong


def test_hindi_collation_keeps_nukta_letters_with_their_base():
    from translations.core.collation import collated

    # क़लम (qalam, with the precomposed क़) belongs with क, before ख (code points put it last).
    assert collated(["खाना", "क़लम", "कमल"], "hi") == ["कमल", "क़लम", "खाना"]
    with translation.override("hi"):
        names = _names(country_choices(None))
    assert len(names) > 240 and names[0]


# -- the age in every language ------------------------------------------------------------------
AGE_WORDS = ("さい", "歳", "岁", "साल", "سنة", "سنوات", "Jahre", "ans", "años", "anos", "miaka", "age", "years")


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_byline_says_the_age_once(language, stories_tree, client, django_capture_on_commit_callbacks):
    from django.template.loader import render_to_string

    story = StoryPage(pen_name="Fox", age_band=AgeBand.AGE_14, country="JP", language="ja")
    with translation.override(language):
        phrase = str(AGE_PHRASES[AgeBand.AGE_14])
        byline = render_to_string("themes/default/stories/includes/byline.html", {"story": story})
        frame = byline.replace(phrase, "").replace("Fox", "")
    assert byline.count(phrase) == 1
    assert not [word for word in AGE_WORDS if word in frame], (language, byline)
    assert "さいさい" not in byline and "岁 岁" not in byline
