"""Fault scenarios shared by the fault suite (tests/services/test_faults.py) and
``benchmarks/faults.py``.

A ``Stack`` is the production path with nothing shared: gunicorn serving the site, a
Celery worker with beat, a private Redis for the cache and another for the broker (so
"broker down" and "cache down" are separate faults), all on the given PostgreSQL database.
A burst of visitors (page views and the four kinds of submission: story, event, report,
pack request) runs while a fault is applied; afterwards ``outcome`` checks every accepted
submission against the database: saved, processed, exactly once.
"""

from __future__ import annotations

import http.cookiejar
import itertools
import os
import random
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from tests.services.faults import RedisServer, SiteProcess, site_environment
from tests.services.harness import WorkerProcess


# -- the site the visitors use ------------------------------------------------------------
def build_fault_site():
    """Regions with stories, a calendar taking submissions, a library with packable
    resources, and a published story to report. Returns what the visitors need."""
    from django.utils import translation

    from campaign.events.models import EventCalendarPage
    from campaign.stories.models import StoryPage
    from tests.factories import build_site_tree
    from tests.library.factories import curated_pack, library, resource
    from tests.stories.factories import add_story_sections

    translation.activate("en")
    tree = build_site_tree()
    for user in tree.users.values():
        if not user.email:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
    sections = add_story_sections(tree)
    calendar = EventCalendarPage(title="Events", slug="events", accepts_submissions=True)
    tree.regions["eu"].add_child(instance=calendar)
    calendar.save_revision().publish()
    shelf = library(tree.regions["eu"], "Library", slug="library")
    resources = [
        resource(shelf, {"en": {"title": f"Lesson {n}", "summary": "A lesson"}}, files={"en": os.urandom(2048)})
        for n in range(6)
    ]
    curated_pack(tree.regions["eu"], "Fault pack", resources[:3], slug="fault-pack")
    story = StoryPage(
        title="A published story",
        slug="a-published-story",
        pen_name="Kind Owl",
        age_band="16_17",
        country="BE",
        language="en",
        body="I learnt to keep my passwords to myself and to tell someone I trust.",
    )
    sections["eu"].add_child(instance=story)
    story.save_revision().publish()
    with translation.override("en"):
        pages = [
            tree.home.url,
            tree.regions["eu"].url,
            sections["eu"].url,
            story.url,
            calendar.url,
            calendar.url + "feed/",
            shelf.url,
            sections["eu"].url + "submit/",
            "/en/help/",
            "/en/packs/",
            "/sitemap.xml",
        ]
    return {
        "pages": pages,
        "story_submit": pages[7],
        "event_submit": calendar.url + "submit/",
        "report": f"/en/stories/report/{story.pk}/",
        "pack_request": "/en/packs/request/",
        "resource_ids": [r.pk for r in resources],
        "story_section_id": sections["eu"].pk,
    }


# -- a visitor ----------------------------------------------------------------------------
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its own cookies (CSRF) and its own address (X-Forwarded-For)."""

    def __init__(self, base: str, address: str):
        self.base = base
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def _open(self, request, timeout):
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            return f"no answer ({type(error).__name__})", b""

    def get(self, path: str, timeout: float = 30):
        request = urllib.request.Request(self.base + path, headers={"X-Forwarded-For": self.address})  # noqa: S310
        return self._open(request, timeout)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def post(self, path: str, data: dict, timeout: float = 30):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 (http to our own server)
            self.base + path,
            data=body,
            headers={"X-Forwarded-For": self.address, "Referer": self.base + path},
        )
        return self._open(request, timeout)


# -- what was sent and how it was answered -----------------------------------------------
@dataclass
class Sent:
    kind: str  # story, event, report, pack
    key: str  # unique title (story, event), reason+address (report), item ids+language (pack)
    status: object


@dataclass
class Tally:
    answers: Counter = field(default_factory=Counter)
    sent: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    samples: dict = field(default_factory=dict)

    def answered(self, status, body: bytes = b""):
        with self.lock:
            self.answers[status] += 1
            if body:
                self.samples.setdefault(status, body)

    @property
    def requests(self) -> int:
        return sum(self.answers.values())

    @property
    def server_errors(self) -> int:
        return (
            sum(n for status, n in self.answers.items() if not isinstance(status, int) or status >= 500)
            - self.answers[503]
        )

    @property
    def accepted(self) -> list:
        return [s for s in self.sent if s.status in (200, 302)]


ACCEPTED = {"story": 302, "event": 302, "report": 200, "pack": 302}
_numbers = itertools.count(1)
_packs = itertools.count(1)


def _submission(site, visitor: Visitor, kind: str, label: str):
    n = next(_numbers)
    if kind == "story":
        title = f"{label} story {n}"
        data = {
            "pen_name": "Brave Fox",
            "age_band": "16_17",
            "country": "BE",
            "language": "en",
            "title": title,
            "body": "Someone kept messaging me on a game. I told my sister and we blocked and reported him.",
            "picture_alt": "",
            "parent_email": "",
            "agree": "on",
            "website": "",
        }
        return title, visitor.post(site["story_submit"], data)
    if kind == "event":
        title = f"{label} event {n}"
        data = {
            "organisation": "École Jean Jaurès",
            "contact_email": "contact@ecole.example",
            "title": title,
            "description": "Un atelier pour parler des réseaux sociaux.",
            "start_date": "2027-02-09",
            "start_time": "14:00",
            "end_date": "2027-02-09",
            "end_time": "16:00",
            "time_zone": "Europe/Brussels",
            "format": "in_person",
            "venue": "Salle des fêtes",
            "address": "Rue de la Loi 16, 1000 Bruxelles",
            "country": "BE",
            "audience": ["parents"],
            "languages": ["fr"],
            "registration_url": "",
        }
        return title, visitor.post(site["event_submit"], data)
    if kind == "report":
        return visitor.address, visitor.post(site["report"], {"reason": "hurtful"})
    # a pack: a selection nobody asked for before (its own build)
    from translations.core.languages import LANGUAGE_CODES

    number = next(_packs)
    ids = site["resource_ids"]
    subset = [pk for bit, pk in enumerate(ids) if (number >> bit) & 1] or ids[:1]
    language = LANGUAGE_CODES[(number // 64) % len(LANGUAGE_CODES)]
    return f"{sorted(subset)}|{language}", visitor.post(site["pack_request"], {"item": subset, "language": language})


def burst(site, base: str, tally: Tally, label: str, seconds: float, visitors: int = 3, stop=None):
    """``visitors`` threads, each: page views with a submission of each kind in turn."""
    deadline = time.monotonic() + seconds
    kinds = ["story", "event", "report", "pack"]

    def visit(number):
        visitor = Visitor(base, f"198.51.{random.randint(0, 255)}.{number + 1}")  # noqa: S311
        tally.answered(*visitor.get(site["story_submit"]))  # a form: the CSRF cookie
        for step in itertools.count():
            if time.monotonic() > deadline or (stop and stop.is_set()):
                return
            if step % 4 == 3:
                kind = kinds[(step // 4 + number) % len(kinds)]
                if kind == "report":  # one report per visitor and story: a new visitor
                    visitor = Visitor(base, f"203.0.{random.randint(0, 255)}.{random.randint(1, 254)}")  # noqa: S311
                    tally.answered(*visitor.get(site["story_submit"]))
                if not visitor.csrf():  # as a browser: a form is sent from a page that showed it
                    tally.answered(*visitor.get(site["story_submit"]))
                    if not visitor.csrf():
                        continue
                key, (status, body) = _submission(site, visitor, kind, label)
                tally.answered(status, body)
                with tally.lock:
                    tally.sent.append(Sent(kind, key, status))
            else:
                tally.answered(*visitor.get(site["pages"][(step + number) % len(site["pages"])]))

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    return threads


# -- the stack ----------------------------------------------------------------------------
def test_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Stack:
    def __init__(self, **extra_env):
        self.cache_redis = RedisServer()
        self.broker_redis: RedisServer | None = None
        self.mail_dir = Path(tempfile.mkdtemp(prefix="sid-fault-mail-"))
        self.extra_env = extra_env

    def env(self) -> dict:
        return site_environment(
            test_database_url(),
            self.cache_redis.url,
            CELERY_BROKER_URL=self.broker_redis.url,
            TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            SID_TRUSTED_PROXY_COUNT="1",
            STORIES_REPORT_HIDE_THRESHOLD="100000",
            STORIES_RATE_LIMIT="100000/h",
            STORIES_ATTEMPT_RATE_LIMIT="100000/h",
            EVENTS_SUBMISSION_RATE="100000/h",
            SID_PACK_REQUESTS_PER_HOUR="100000",
            SID_PACKS_ROOT=str(self.packs_root),
            SID_PACK_SCRATCH_DIR=str(self.pack_scratch),
            DB_CONN_MAX_AGE="60",
            SID_OUTBOX_SWEEP_SECONDS="2",
            SID_OUTBOX_REQUEUE_AFTER="20",
            SID_OUTBOX_RETRY_SECONDS="2",
            SID_TASK_TIME_LIMIT="60",
            **self.extra_env,
        )

    @property
    def packs_root(self) -> Path:
        from campaign.packs.models.builds import packs_storage

        return Path(packs_storage().location)  # the same folder for the site, the worker and the checks

    @property
    def pack_scratch(self) -> Path:
        """Where the worker writes a ZIP before storing it (its partial files)."""
        from campaign.packs.models.builds import scratch_dir

        return scratch_dir()

    def __enter__(self):
        self.site = self.worker = None
        try:
            self.cache_redis.start()
            self.broker_redis = RedisServer()  # the next free port, now that the cache's is taken
            self.broker_redis.start()
            env = self.env()
            self.site = SiteProcess(env)
            self.site.start()
            self.worker = WorkerProcess(env, beat=True)
            self.worker.start(timeout=90)
        except BaseException:
            self.__exit__()  # nothing of a failed start may outlive it (it would share the database)
            raise
        return self

    def __exit__(self, *exc):
        for part in (self.worker, self.site, self.broker_redis, self.cache_redis):
            try:
                if part is not None:
                    part.stop()
            except Exception:  # noqa: BLE001, S110 (tear down the rest)
                pass

    def supervise(self, notes: list[str]) -> None:
        """Start the worker again if it exited, as production's process supervisor does
        (systemd ``Restart=always``, see docs/operations.md): a worker can exit on a broker
        fault (kombu's restore of unacknowledged messages may find the connection already
        closed); the outbox must then hand its work to the restarted one. Each restart is
        noted with the first error the dead worker logged, so the result shows it."""
        if self.worker is None or self.worker.alive:
            return
        notes.append(f"worker exited ({self.worker.process.returncode}) and was restarted: {self.worker.first_error()}")
        self.worker.start(timeout=90)

    def logs(self) -> str:
        return f"--- gunicorn ---\n{self.site.log()}\n--- worker ---\n{self.worker.first_error()}\n{self.worker.log()}"


# -- after the fault: saved, processed, exactly once -------------------------------------
def emails_with_subject(mail_dir: Path, subject: str) -> int:
    """Emails written by the filebased backend whose subject is exactly ``subject``."""
    count = 0
    for path in mail_dir.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.rstrip() == f"Subject: {subject}":
                count += 1
    return count


@dataclass
class Outcome:
    made: int
    saved: int
    processed: int
    problems: list


def check(stack: Stack, tally: Tally) -> Outcome:
    """Every accepted submission: in the database, and processed exactly once."""
    from campaign.events.models import EventSubmission
    from campaign.packs.models import PackBuild
    from campaign.stories.models import StoryPage, StoryReport, Submission
    from outbox.models import OutboxMessage

    problems, saved, processed = [], 0, 0
    accepted = tally.accepted
    reports = [s for s in accepted if s.kind == "report"]
    for sent in accepted:
        if sent.kind == "story":
            row = (
                Submission.objects.filter(page__title=sent.key).first()
                or Submission.objects.filter(title=sent.key).first()
            )
            if row is None:
                problems.append(f"story {sent.key!r} accepted but not saved")
                continue
            saved += 1
            pages = StoryPage.objects.filter(title=sent.key).count()
            if row.status == Submission.Status.IN_REVIEW and pages == 1:
                processed += 1
            else:
                problems.append(f"story {sent.key!r}: status {row.status}, {pages} page(s)")
        elif sent.kind == "event":
            row = EventSubmission.objects.filter(title=sent.key).first()
            if row is None:
                problems.append(f"event {sent.key!r} accepted but not saved")
                continue
            saved += 1
            emails = emails_with_subject(stack.mail_dir, f"We received your event: {sent.key}")
            if emails == 1:
                processed += 1
            else:
                problems.append(f"event {sent.key!r}: {emails} emails")
        elif sent.kind == "report":
            saved += 1  # counted together below
        else:
            ids, language = sent.key.split("|")
            builds = [b for b in PackBuild.objects.filter(language=language) if str(sorted(b.page_ids)) == ids]
            if len(builds) != 1:
                problems.append(f"pack {sent.key}: {len(builds)} builds")
                continue
            saved += 1
            build = builds[0]
            if build.is_ready:
                processed += 1
            else:
                problems.append(f"pack {sent.key}: {build.status} {build.error}")
    if reports:
        rows = StoryReport.objects.count()
        emails = emails_with_subject(stack.mail_dir, "A story was reported")
        saved += 0 if rows >= len(reports) else rows - len(reports)
        if rows < len(reports):
            problems.append(f"{len(reports)} reports accepted, {rows} saved")
        # One email per report and moderator of the region (the eu moderator(s)).
        recipients = _report_recipients()
        if emails == rows * recipients:
            processed += len(reports)
        else:
            problems.append(f"{rows} reports, {emails} report emails for {recipients} recipient(s) each")
    leftovers = list(stack.pack_scratch.glob(".part-*"))
    if leftovers:
        problems.append(f"partial pack files left: {leftovers}")
    failed = OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count()
    if failed:
        problems.append(f"{failed} outbox messages failed")
    return Outcome(made=len(accepted), saved=saved, processed=processed, problems=problems)


def _report_recipients() -> int:
    from campaign.moderation.access import moderator_emails
    from campaign.stories.models import StoryPage

    page = StoryPage.objects.filter(slug="a-published-story").first()
    return len(moderator_emails(page.region)) if page else 0


def all_processed(stack: Stack, tally: Tally) -> bool:
    return not check(stack, tally).problems


def wait_until(predicate, timeout: float, interval: float = 1.0) -> float | None:
    """Seconds until ``predicate()`` held, or None."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(interval)
    return None


@contextmanager
def database_lock(sql: str, params=()):
    """Hold a lock in another connection (the test's own) while the block runs."""
    import psycopg

    conn = psycopg.connect(test_database_url().replace("postgres://", "postgresql://"), autocommit=False)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
        yield conn
    finally:
        conn.rollback()
        conn.close()


# -- the scenarios ------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    tally: Tally
    outcome: Outcome
    recovery: float | None  # seconds from the service's return to every submission processed
    notes: list = field(default_factory=list)

    def line(self) -> str:
        a = self.tally.answers
        return (
            f"{self.name:<34} requests {self.tally.requests:>4}  200/302 {a[200] + a[302]:>4}  503 {a[503]:>3}  "
            f"500 {self.tally.server_errors:>2}  submissions made {self.outcome.made:>3} saved {self.outcome.saved:>3} "
            f"processed {self.outcome.processed:>3}  recovery "
            + (f"{self.recovery:.1f}s" if self.recovery is not None else "NOT RECOVERED")
        )


def _during_burst(stack: Stack, site: dict, name: str, before: float, fault, during: float, restore, after: float):
    tally = Tally()
    threads = burst(site, stack.site.base, tally, name, before + during + after)
    time.sleep(before)
    fault()
    time.sleep(during)
    restore()
    restored_at = time.monotonic()
    notes: list[str] = []

    def processed():
        stack.supervise(notes)
        return all_processed(stack, tally)

    for thread in threads:
        stack.supervise(notes)
        thread.join()
    done = wait_until(processed, timeout=180)
    # Measured from the service's return (the burst's last seconds included).
    recovery = time.monotonic() - restored_at if done is not None else None
    return Result(name, tally, check(stack, tally), recovery, notes)


def redis_stopped(stack: Stack, site: dict, seconds: float = 15) -> Result:
    """Redis (cache and broker: one service in production) killed, then started empty."""

    def fault():
        stack.cache_redis.stop()
        stack.broker_redis.stop()

    def restore():
        stack.cache_redis.start()
        stack.broker_redis.start()

    return _during_burst(stack, site, "Redis stopped", 4, fault, seconds, restore, 4)


def redis_slow(stack: Stack, site: dict, seconds: float = 10) -> Result:
    """Redis blocked (SIGSTOP): connections accepted, nothing answered."""

    def fault():
        stack.cache_redis.pause()
        stack.broker_redis.pause()

    def restore():
        stack.cache_redis.resume()
        stack.broker_redis.resume()

    return _during_burst(stack, site, "Redis blocked (slow)", 4, fault, seconds, restore, 4)


def broker_down(stack: Stack, site: dict, seconds: float = 15) -> Result:
    """The broker alone gone (the cache still answers)."""
    return _during_burst(stack, site, "Broker down", 4, stack.broker_redis.stop, seconds, stack.broker_redis.start, 4)


def postgres_terminated(stack: Stack, site: dict, seconds: float = 12, every: float = 1.5) -> Result:
    """Every connection of the site and the worker to the database terminated, repeatedly
    (not this test's own: it checks the outcome)."""
    stop = threading.Event()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]

    def terminate():
        import psycopg

        with psycopg.connect(test_database_url().replace("postgres://", "postgresql://"), autocommit=True) as conn:
            while not stop.is_set():
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
                    [own],
                )
                stop.wait(every)

    killer = threading.Thread(target=terminate)

    def restore():
        stop.set()
        killer.join()
        connection.close()  # this test's connection: a fresh one for the checks

    return _during_burst(stack, site, "PostgreSQL connections killed", 3, killer.start, seconds, restore, 3)


def worker_killed_mid_story(stack: Stack, site: dict) -> Result:
    """The worker SIGKILLed while it writes a story's draft page (held there by a lock on
    the stories section's row), then started again."""
    from outbox.models import OutboxMessage

    tally = Tally()
    visitor = Visitor(stack.site.base, "192.0.2.10")
    tally.answered(*visitor.get(site["story_submit"]))
    with database_lock("SELECT id FROM wagtailcore_page WHERE id = %s FOR NO KEY UPDATE", [site["story_section_id"]]):
        title, (status, _body) = _submission(site, visitor, "story", "Worker killed")
        tally.answered(status)
        tally.sent.append(Sent("story", title, status))
        running = wait_until(
            lambda: OutboxMessage.objects.filter(
                task="campaign.stories.tasks.process_submission", state=OutboxMessage.State.RUNNING
            ).exists(),
            timeout=60,
            interval=0.2,
        )
        notes = [f"claimed by the worker after {running}s" if running is not None else "never claimed"]
        time.sleep(1)  # it is now waiting for the section's row, inside its transaction
        stack.worker.kill()
    # A story sent while no worker runs waits for it.
    title, (status, _body) = _submission(site, visitor, "story", "Worker dead")
    tally.answered(status)
    tally.sent.append(Sent("story", title, status))
    restarted = time.monotonic()
    stack.worker.start(timeout=90)
    wait_until(lambda: all_processed(stack, tally), timeout=180)
    result = Result("Worker SIGKILLed mid-story", tally, check(stack, tally), None, notes)
    if not result.outcome.problems:
        result.recovery = time.monotonic() - restarted
    return result


def worker_killed_mid_pack(stack: Stack, site: dict) -> Result:
    """The worker SIGKILLed while it writes a pack's ZIP (held before the index by a lock on
    the curated packs table), leaving its partial file; started again."""
    from campaign.packs.models import PackBuild

    tally = Tally()
    visitor = Visitor(stack.site.base, "192.0.2.11")
    tally.answered(*visitor.get(site["story_submit"]))  # a page with a form: the CSRF cookie
    stack.worker.stop()
    status, _body = visitor.post(site["pack_request"], {"pack": "fault-pack", "language": "en"})
    tally.answered(status)
    build = PackBuild.objects.filter(pack__slug="fault-pack", language="en").first()
    ids = str(sorted(build.page_ids)) if build else "?"
    tally.sent.append(Sent("pack", f"{ids}|en", status))
    notes = [f"pack requested: {status}"]
    with database_lock("LOCK TABLE packs_curatedpack IN ACCESS EXCLUSIVE MODE"):
        stack.worker.start(timeout=90)
        partial = wait_until(lambda: bool(list(stack.pack_scratch.glob(".part-*"))), timeout=60, interval=0.2)
        notes.append(f"partial file after {partial}s" if partial is not None else "no partial file seen")
        time.sleep(0.5)
        stack.worker.kill()
        notes.append(f"partial files left by the killed worker: {len(list(stack.pack_scratch.glob('.part-*')))}")
    restarted = time.monotonic()
    stack.worker.start(timeout=90)
    wait_until(lambda: all_processed(stack, tally), timeout=180)
    result = Result("Worker SIGKILLed mid-pack", tally, check(stack, tally), None, notes)
    if not result.outcome.problems:
        result.recovery = time.monotonic() - restarted
    return result


SCENARIOS = {
    "redis_stopped": redis_stopped,
    "redis_slow": redis_slow,
    "broker_down": broker_down,
    "worker_killed_mid_story": worker_killed_mid_story,
    "worker_killed_mid_pack": worker_killed_mid_pack,
    "postgres_terminated": postgres_terminated,
}
