"""The moderation queue at Safer Internet Day volume.

python benchmarks/moderation_queue.py [items]      (default 200; "0" skips the browser part)

1. The queue page: SQL queries and median time at 20 and 2,000 waiting items (must not grow).
2. In headless Chromium (Debian's /usr/bin/chromium), a moderator clears ``items`` mixed
   items with the keyboard (clean stories, stories to redact, stories to reject, partner
   events, a reader's report): actions (key presses) per item by kind, against the goal of
   at most 2 for a clean story and 4 with a redaction, and the time per item excluding
   reading (from the first key press to the next item on screen).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from support import setup_django

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from campaign.moderation.models import ModerationItem  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.moderation.helpers import fill_queue  # noqa: E402
from tests.stories.factories import add_story_sections  # noqa: E402


def queue_queries(tree):
    region = tree.regions["eu"]
    client = Client()
    client.force_login(tree.users["eu-moderator"])
    url = reverse("moderation:queue")
    print(f"{'waiting items':>14} {'queries':>8} {'median ms':>10}")
    for total in (20, 2000):
        have = ModerationItem.objects.count()
        fill_queue(region, total - have, start=have, first_id=50_000_000, title="Queued story")
        client.get(url)
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, log=queries: log.append(sql) or execute(sql, *args)
        ):
            response = client.get(url, {"flag": "pii"})
        assert response.status_code == 200, response.status_code
        times = []
        for _run in range(5):
            started = time.perf_counter()
            client.get(url, {"flag": "pii"})
            times.append((time.perf_counter() - started) * 1000)
        print(f"{total:>14} {len(queries):>8} {statistics.median(times):>10.1f}")
    ModerationItem.objects.filter(object_id__gte=50_000_000).delete()


def browser_run(tree, size):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
    from tests.factories import PASSWORD
    from tests.moderation.test_keyboard_browser import REASONS, build_batch

    started = time.perf_counter()
    plan, _tokens = build_batch(tree, size)
    print(f"\n{size} mixed items queued in {time.perf_counter() - started:.0f} s")
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={})
    server.daemon = True
    server.start()
    server.is_ready.wait()
    base = f"http://127.0.0.1:{server.port}"
    per_kind: dict[str, list[tuple[int, float]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base, viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto("/admin/login/")
        page.fill("input[name=username]", "eu-moderator")
        page.fill("input[name=password]", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/admin/")
        page.goto("/admin/moderation/")
        with page.expect_navigation():
            page.keyboard.press("n")
        for _step in range(size):
            title = page.locator("[data-published-text] h3").first.inner_text().strip()
            decision, reason = plan[title]
            presses = 0
            began = time.perf_counter()
            if decision == "redact+approve":
                with page.expect_navigation():
                    page.keyboard.press("s")
                presses += 1
            if decision.endswith("approve"):
                with page.expect_navigation():
                    page.keyboard.press("a")
                presses += 1
            else:
                keys = ["r", "Space"] + ["ArrowDown"] * REASONS.index(reason) + ["Tab"]
                for key in keys:
                    page.keyboard.press(key)
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                presses += len(keys) + 1
            kind = "event" if title.startswith("event") else "report" if title == "clean story 0" else decision
            per_kind.setdefault(kind, []).append((presses, time.perf_counter() - began))
        browser.close()
    server.terminate()
    print(f"{'kind':<16} {'items':>6} {'actions max':>12} {'goal':>5} {'s/item median':>14}")
    goals = {"approve": 2, "redact+approve": 4, "event": 2, "report": 2}
    for kind, rows in sorted(per_kind.items()):
        actions = max(count for count, _seconds in rows)
        seconds = statistics.median(seconds for _count, seconds in rows)
        goal = goals.get(kind, "")
        print(f"{kind:<16} {len(rows):>6} {actions:>12} {goal!s:>5} {seconds:>14.2f}")
    left = ModerationItem.objects.filter(is_open=True).count()
    print(f"items still open afterwards: {left}")


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    tree = build_site_tree()
    tree.sections = add_story_sections(tree)
    queue_queries(tree)
    if size:
        browser_run(tree, size)


if __name__ == "__main__":
    main()
