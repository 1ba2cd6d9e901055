"""The personal-information scan on the labelled corpus (tests/fixtures/pii/corpus), and the
guarantee that an accepted redaction leaves no finding behind.

The goal is the issue's, per language, on the held-out part the scanner's lists were not
tuned on: recall >= 0.97, precision >= 0.9, at most 10% of clean stories flagged. Scoring
(tests/stories/pii_corpus.py) counts a label found only when the finding covers the whole
labelled span, so a number without its bracket or a handle without its "#1234" is a miss.
"""

import pytest
from django.urls import reverse

from campaign.stories import pii
from campaign.stories.models import StoryPage

from . import pii_corpus
from .factories import latest_submission, submit

ALL_STORIES = [story for part in pii_corpus.PARTS for story in pii_corpus.stories(part)]


def scan(text, language, country):
    return pii.scan(text, language=language, country=country)


@pytest.mark.parametrize("language", pii_corpus.LANGUAGES)
def test_corpus_has_twenty_stories_per_language_half_with_personal_data(language):
    stories = pii_corpus.stories("tuning", language) + pii_corpus.stories("held_out", language)
    assert len(stories) >= 20
    with_pii = sum(bool(story["pii"]) for story in stories)
    assert abs(with_pii - len(stories) / 2) <= 1
    for story in stories:
        assert story["lang"] == language
        for label, texts in story["pii"].items():
            assert label in pii.LABELS
            assert all(text in story["text"] for text in texts)


@pytest.mark.parametrize("part", pii_corpus.PARTS)
@pytest.mark.parametrize("language", pii_corpus.LANGUAGES)
def test_goal_is_met_in_every_language(part, language):
    score = pii_corpus.score(pii_corpus.stories(part, language), scan)
    misses = [(kind, label, story["id"], found) for kind, label, story, found in score.misses]
    assert score.recall() >= 0.97, misses
    assert score.precision() >= 0.9, misses
    assert score.clean_flagged_share() <= 0.10, misses


@pytest.mark.parametrize("story", ALL_STORIES, ids=lambda story: story["id"])
def test_every_accepted_redaction_leaves_no_finding(story):
    context = {"language": story["lang"], "country": story["country"]}
    findings = pii.scan(story["text"], **context)
    redacted = pii.redact(story["text"], findings)
    assert pii.scan(redacted, **context) == []
    for texts in story["pii"].values():
        for text in texts:
            assert text not in redacted
    assert pii.redact_until_clean(story["text"], findings, **context) == redacted


WHOLE_SPANS = [
    # (language, country, text, label, the exact finding a moderator must see)
    ("en", "GB", "call me on (020) 7946 0958 tonight", "phone", "(020) 7946 0958"),
    ("pt", "BR", "meu zap é (11) 98765-4321 ok", "phone", "(11) 98765-4321"),
    ("zh-hans", "CN", "我的手机号是13912345678有事找我", "phone", "13912345678"),
    ("ja", "JP", "電話は０９０ー９８７６ー５４３２です", "phone", "０９０ー９８７６ー５４３２"),
    ("ar", "EG", "رقمي ٠١٢٢٣٤٥٦٧٨٩ كلمني", "phone", "٠١٢٢٣٤٥٦٧٨٩"),
    ("hi", "IN", "मेरा नंबर ९१२३४५६७८० है", "phone", "९१२३४५६७८०"),
    ("en", "GB", "add me on discord its nightowl#4821 ok", "handle", "nightowl#4821"),
    ("en", "GB", "mail me kim.b [at] gmail [dot] com", "email", "kim.b [at] gmail [dot] com"),
    ("de", "DE", "schreib an kim.b (ät) gmx (punkt) de bitte", "email", "kim.b (ät) gmx (punkt) de"),
    ("zh-hans", "CN", "邮箱 kimkim＠qq．com 谢谢", "email", "kimkim＠qq．com"),
]


@pytest.mark.parametrize(("language", "country", "text", "label", "expected"), WHOLE_SPANS)
def test_finding_and_redaction_cover_the_whole_span(language, country, text, label, expected):
    findings = pii.scan(text, language=language, country=country)
    assert expected in [finding.text for finding in findings if finding.label == label], findings
    redacted = pii.redact(text, findings)
    assert pii.REDACTIONS[label] in redacted
    assert not any(part in redacted for part in ("#4821", "(020", "(11", "[dot]", "(punkt)", "．com"))


def test_redaction_that_leaves_a_finding_is_refused():
    # One round, and the stored findings missed the number: the re-scan still finds it.
    with pytest.raises(pii.RedactionIncomplete) as refused:
        pii.redact_until_clean("text me on 07700 900123", [], language="en", country="GB", rounds=1)
    assert [finding.label for finding in refused.value.findings] == ["phone"]
    # With the re-scan's own round, it is removed.
    assert pii.redact_until_clean("text me on 07700 900123", [], language="en", country="GB") == (
        "text me on [phone number removed]"
    )


@pytest.mark.django_db
def test_accepting_redactions_rescans_the_draft_as_it_is_now(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        language="en",
        country="GB",
        body="add me on discord its nightowl#4821 and we can talk",
    )
    submission = latest_submission()
    page = submission.page.specific
    # The draft changed after the scan (an editor added a sentence before the finding).
    page.body = "Thanks for reading. Call 07700 900456 if u want. " + page.body
    page.save_revision()
    moderator = stories_tree.users["eu-moderator"]
    client.force_login(moderator)
    # The stories' review link leads to the region's moderation review of this story.
    review_url = client.get(reverse("stories_admin:review", args=[submission.pk]))["Location"]
    client.post(review_url, {"redact": "1"})
    draft = StoryPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert "nightowl" not in draft.body and "#4821" not in draft.body and "07700" not in draft.body
    assert pii.scan(draft.body, language="en", country="GB") == []
    assert "[username removed]" in draft.body and "[phone number removed]" in draft.body


@pytest.mark.django_db
def test_redaction_is_refused_and_nothing_saved_while_a_finding_remains(
    client, stories_tree, django_capture_on_commit_callbacks, monkeypatch
):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        language="en",
        country="GB",
        body="text me on 07700 900123 if it happens to u",
    )
    submission = latest_submission()
    revisions = submission.page.revisions.count()
    # A redaction that removes nothing (as a broken suggestion would).
    monkeypatch.setattr(pii, "redact", lambda text, findings: text)
    client.force_login(stories_tree.users["eu-moderator"])
    # The stories' review link leads to the region's moderation review of this story.
    review_url = client.get(reverse("stories_admin:review", args=[submission.pk]))["Location"]
    response = client.post(review_url, {"redact": "1"}, follow=True)
    assert "could not be removed automatically" in response.content.decode()
    submission.refresh_from_db()
    assert submission.page.revisions.count() == revisions
    assert any(finding["label"] == "phone" for finding in submission.findings)
    assert "redacted" not in (submission.text_flags or [])
