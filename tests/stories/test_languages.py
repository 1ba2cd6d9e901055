"""A story in each of the ten languages: form in that language → scan → review → published."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from campaign.stories.models import StoryPage, Submission
from campaign.stories.text import normalise
from translations.core.languages import LANGUAGE_CODES

from .factories import latest_submission, submit, token_from

pytestmark = pytest.mark.django_db

# (region, country, title, story with one piece of personal information, its label, the text)
STORIES = {
    "en": ("eu", "BE", "Blocked him", "A stranger kept writing to me. Call me on 07700 900123 if it happens.", "phone", "07700 900123"),
    "fr": ("eu", "FR", "J'ai bloqué", "Un inconnu m'écrivait tout le temps. Écris-moi à lea.d@exemple.fr si ça t'arrive.", "email", "lea.d@exemple.fr"),
    "es": ("latam", "MX", "Lo bloqueé", "Un desconocido me escribía siempre. Mi WhatsApp es +52 55 1234 5678 si te pasa.", "phone", "+52 55 1234 5678"),
    "pt": ("latam", "BR", "Eu bloqueei", "Um desconhecido me mandava mensagens. Me segue no insta @bia.santos.oficial e fala comigo.", "handle", "@bia.santos.oficial"),
    "de": ("eu", "DE", "Ich habe blockiert", "Ein Fremder hat mir dauernd geschrieben. Ich wohne in der Bahnhofstraße 12, schreib mir.", "address", "Bahnhofstraße 12"),
    "ar": ("apac", "EG", "حظرته", "كان شخص غريب يراسلني دائماً. اتصل بي على 0501234567 إذا حدث لك ذلك.", "phone", "0501234567"),
    "zh-hans": ("apac", "CN", "我屏蔽了他", "一个陌生人一直给我发消息。如果你也遇到，打我的电话 138 0013 8000 吧。", "phone", "138 0013 8000"),
    "ja": ("apac", "JP", "ブロックしました", "知らない人から何度もメッセージが来ました。hana.sato@mail.example に連絡してね。", "email", "hana.sato@mail.example"),
    "hi": ("apac", "IN", "मैंने उसे ब्लॉक किया", "एक अनजान व्यक्ति मुझे संदेश भेजता रहा। मुझे 98765 43210 पर कॉल करो।", "phone", "98765 43210"),
    "sw": ("apac", "KE", "Nilimzuia", "Mtu nisiyemjua aliniandikia kila siku. Nipigie kwa 0712 345 678 kama unahitaji msaada.", "phone", "0712 345 678"),
}  # fmt: skip


def test_every_language_is_covered():
    assert set(STORIES) == set(LANGUAGE_CODES)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_story_in_each_language_goes_from_form_to_publication(
    language, client, stories_tree, django_capture_on_commit_callbacks
):
    region, country, title, body, label, found = STORIES[language]
    response = submit(
        client,
        stories_tree.sections[region],
        django_capture_on_commit_callbacks,
        url_language=language,
        language=language,
        country=country,
        title=title,
        body=body,
        pen_name="Brave Fox",
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    assert response["Location"].startswith(f"/{language}/stories/status/")
    token = token_from(response)
    submission = latest_submission()
    assert submission.status == Submission.Status.IN_REVIEW and submission.language == language
    # The scan found the personal information, in that language's story.
    assert {"label": label, "text": found, "field": "body"}.items() <= {
        key: value for finding in submission.findings if finding["text"] == found for key, value in finding.items()
    }.items(), submission.findings
    page = submission.page.specific
    assert not page.live and page.title == title and page.body == normalise(body).text  # NFKC

    # The region's moderator reviews it: the finding is highlighted; redacts and approves.
    client.force_login(stories_tree.users[f"{region}-moderator"])
    review_url = client.get(reverse("stories_admin:review", args=[submission.pk]))["Location"]
    review = client.get(review_url).content.decode()
    assert f'<mark class="story-finding" data-label="{label}"' in review
    client.post(review_url, {"redact": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        decided = client.post(review_url, {"decision": "approve"})
    assert decided.status_code == 302
    client.logout()

    page = StoryPage.objects.get(pk=page.pk)
    assert page.live
    assert found not in page.body
    with translation.override(language):
        url = page.url
    assert url.startswith(f"/{language}/")
    html = client.get(url).content.decode()
    assert f'<html lang="{language}"' in html
    assert f'<article class="story" lang="{language}">' in html
    assert escape(title) in html and "Brave Fox" in html
    assert found not in html
    with translation.override(language):
        status_url = reverse("stories:status", kwargs={"token": token})
    status = client.get(status_url).content.decode()
    assert f'href="{url}"' in status
