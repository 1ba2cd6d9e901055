"""The site survives its own services failing: nothing lost, nothing down.

Each scenario runs the production path with nothing shared: gunicorn, a real Celery worker
with beat, PostgreSQL (the test database), and two Redis servers this test starts itself
(cache, broker) on free ports, never the machine's shared one. Visitors read pages and
send stories, events, reports and pack requests while the fault lasts. Then:

- every answer was a page (200/302) or, only while PostgreSQL was gone, the translated
  503 page with helplines; never a 500 or no answer;
- every submission the site accepted is in the database and was processed exactly once
  (one draft page per story, one email per event, one email per report and moderator,
  one finished ZIP per pack and no partial file left).
"""

import pytest

from . import fault_scenarios as scenarios

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stack():
    site = scenarios.build_fault_site()
    with scenarios.Stack() as running:
        running.fault_site = site
        yield running


def assert_survived(result, stack, allowed=frozenset({200, 302})):
    answers = dict(result.tally.answers)
    # What an unexpected answer said comes first: CI keeps only the head of a long report.
    unexpected = "\n".join(
        f"--- a {status} said ---\n{result.tally.samples[status][:1500]!r}"
        for status in answers
        if status not in allowed and status in result.tally.samples
    )
    context = (
        f"{result.line()}\nanswers: {answers}\nproblems: {result.outcome.problems}\n{unexpected}\n"
        f"{result.notes}\n{stack.logs()}"
    )
    assert set(answers) <= set(allowed), context
    assert result.tally.server_errors == 0, context
    assert result.outcome.made > 0, context
    assert not result.outcome.problems, context
    assert result.outcome.saved == result.outcome.processed == result.outcome.made, context
    assert result.recovery is not None, context


def test_redis_stopped_during_a_burst(stack):
    result = scenarios.redis_stopped(stack, stack.fault_site)
    assert_survived(result, stack)
    kinds = {sent.kind for sent in result.tally.accepted}
    assert kinds == {"story", "event", "report", "pack"}, kinds


def test_redis_blocked(stack):
    assert_survived(scenarios.redis_slow(stack, stack.fault_site), stack)


def test_broker_down(stack):
    assert_survived(scenarios.broker_down(stack, stack.fault_site), stack)


def test_worker_killed_mid_story_processes_it_once(stack):
    from campaign.stories.models import StoryPage
    from outbox.models import OutboxMessage

    result = scenarios.worker_killed_mid_story(stack, stack.fault_site)
    assert_survived(result, stack)
    assert "claimed by the worker" in result.notes[0], result.notes
    story = OutboxMessage.objects.filter(task="campaign.stories.tasks.process_submission").order_by("pk").first()
    assert story.state == OutboxMessage.State.DONE and story.attempts >= 2  # interrupted, then run again
    assert StoryPage.objects.filter(title__startswith="Worker killed story").count() == 1


def test_worker_killed_mid_pack_removes_the_partial_file_and_builds_once(stack):
    import zipfile

    from campaign.packs.models import PackBuild

    result = scenarios.worker_killed_mid_pack(stack, stack.fault_site)
    assert result.notes[0] == "pack requested: 302", result.notes
    assert result.notes[1].startswith("partial file after"), result.notes
    assert result.notes[2] != "partial files left by the killed worker: 0", result.notes
    assert_survived(result, stack)
    build = PackBuild.objects.get(pack__slug="fault-pack", language="en")
    assert build.attempts >= 2
    with zipfile.ZipFile(build.open()) as archive:
        assert archive.testzip() is None and "index.html" in archive.namelist()


def test_postgres_connections_terminated_mid_request(stack):
    result = scenarios.postgres_terminated(stack, stack.fault_site)
    assert_survived(result, stack, allowed={200, 302, 503})
    if 503 in result.tally.samples:  # the help page, not a bare error
        page = result.tally.samples[503].decode()
        assert 'lang="en"' in page and "childhelplineinternational.org" in page, page


def test_postgres_gone_answers_the_503_page_in_the_visitors_language(transactional_db):
    """The site started against a database that does not answer at all."""
    from .faults import RedisServer, SiteProcess, free_port, site_environment

    with RedisServer() as redis:
        site = SiteProcess(site_environment(f"postgres://postgres@127.0.0.1:{free_port(15432)}/gone", redis.url))
        site.start()
        try:
            for language, direction in (("fr", "ltr"), ("ar", "rtl")):
                visitor = scenarios.Visitor(site.base, "192.0.2.1")
                status, body = visitor.get(f"/{language}/")
                page = body.decode()
                assert status == 503, (status, page[:500], site.log())
                assert f'lang="{language}" dir="{direction}"' in page
                assert "childhelplineinternational.org" in page and "inhope.org" in page
            assert scenarios.Visitor(site.base, "192.0.2.1").get("/healthz")[0] == 200
            status, body = scenarios.Visitor(site.base, "192.0.2.1").get("/readyz")
            assert status == 503 and b'"database": "unavailable"' in body
        finally:
            site.stop()
