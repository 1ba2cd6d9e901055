"""Render time and query count of public pages, one of each kind, on the demo content.

DATABASE_URL=sqlite:////tmp/perf.sqlite3 python benchmarks/page_render.py [--profile]

Uses the development settings (demo content allowed) with DEBUG off, migrates, loads the
demo content when the database has none, then requests the home page, a region, a standard
page, a library resource, an event, a story and the help page in English and in Arabic
(Arabic exercises the fallback chains and right-to-left layout). Prints the median of
``REPEAT`` warm requests, in wall-clock time and in this process's CPU time (the machine
is shared: CPU time moves far less with other people's load), and the query count of one
request. ``--profile`` prints the
cProfile top functions over all requests instead.
"""

import io
import os
import statistics
import sys
import time

from support import count_queries, setup_django

os.environ.setdefault("DJANGO_DEBUG", "False")
setup_django("sid.settings.dev")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "15"))
LANGUAGES = ("en", "ar")


def page_of(model_path):
    from django.apps import apps

    model = apps.get_model(model_path)
    page = model.objects.live().public().order_by("path").first()
    assert page is not None, f"no live {model_path} in the demo content"
    return page


def targets():
    from sitecontent.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    pages = {
        "home": page_of("sitecontent.HomePage"),
        "region": page_of("sitecontent.RegionPage"),
        "standard page": page_of("sitecontent.StandardPage"),
        "library resource": page_of("sitecontent.ResourcePage"),
        "event": page_of("events.EventPage"),
        "story": page_of("stories.StoryPage"),
    }
    for language in LANGUAGES:
        with translation.override(language):
            for kind, page in pages.items():
                yield kind, language, page.get_url()
            yield "help page", language, f"/{language}/help/"


def measure(callable_, repeat):
    """Median (wall ms, CPU ms) over ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        callable_()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main():
    client = Client()
    rows = list(targets())
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        for _kind, _language, url in rows:
            client.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            for _kind, _language, url in rows:
                client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(60)
        if os.environ.get("PROFILE_GREP"):
            stats.print_stats(os.environ["PROFILE_GREP"])
        stats.sort_stats("tottime").print_stats(40)
        return
    print(f"{'page':<18} {'lang':<5} {'queries':>8} {'wall ms':>8} {'CPU ms':>8}  url")
    for kind, language, url in rows:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries, response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        wall, cpu = measure(lambda url=url: client.get(url), REPEAT)
        print(f"{kind:<18} {language:<5} {queries:>8} {wall:>8.1f} {cpu:>8.1f}  {url}")


if __name__ == "__main__":
    main()
