"""Requests per second through Varnish (deploy/varnish/default.vcl) vs gunicorn directly,
against a whitenoise static file, and purge latency after a publish.

    .venv/bin/python benchmarks/traffic.py [--seconds 5] [--clients 4]

Starts its own gunicorn (2 workers) and its own varnishd on free ports (Debian's
``varnish``), on a temporary SQLite database with the demo content. The load comes from
``--clients`` Python processes with keep-alive connections on the same machine, so the
figures are bounded by the client and the machine's cores, not by Varnish alone.
Goal: cached pages >= 50% of the static file's throughput.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import statistics
import time

from support import ROOT, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Site  # noqa: E402

from campaign.events.models import EventPage  # noqa: E402
from sitecontent.models import HomePage, ResourceIndexPage  # noqa: E402
from tests.traffic.stack import AppServer, Varnish, fetch  # noqa: E402


def _client(port, path, seconds, queue):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}", "Accept-Encoding": "identity"}
    count, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        count += 1
    queue.put(count)


def requests_per_second(port, path, seconds, clients):
    queue = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_client, args=(port, path, seconds, queue)) for _ in range(clients)]
    for worker in workers:
        worker.start()
    total = sum(queue.get() for _ in workers)
    for worker in workers:
        worker.join()
    return total / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("SID_ALLOW_DEMO_CONTENT", "1")
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    call_command("collectstatic", verbosity=0, interactive=False)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="sid.settings.test", STATIC_ROOT=str(settings.STATIC_ROOT))
    app = AppServer(env, workers=2, threads=1).start()
    cache = Varnish(app.port).start()
    try:
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "127.0.0.1", cache.port
        site.save()
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "sid.purging.HTTPBackend", "LOCATION": f"http://127.0.0.1:{cache.port}"}
        }
        home = HomePage.objects.live().first()
        library = next(page for page in ResourceIndexPage.objects.live() if page.is_global)
        event = EventPage.objects.live().public().order_by("path").first()
        static_path = settings.STATIC_URL + "stories/css/stories.css"
        assert finders.find("stories/css/stories.css")
        with translation.override("en"):
            pages = {"home": home.url, "library": library.url, "event": event.url}
        print(f"Throughput: {args.clients} keep-alive clients x {args.seconds:.0f} s, gunicorn 2 sync workers")
        static = requests_per_second(app.port, static_path, args.seconds, args.clients)
        print(f"{'static file (whitenoise, direct)':40} {static:9.0f} req/s")
        for name, path in pages.items():
            fetch(cache.port, path)
            assert fetch(cache.port, path).cache == "HIT", path
            cached = requests_per_second(cache.port, path, args.seconds, args.clients)
            direct = requests_per_second(app.port, path, args.seconds, args.clients)
            print(
                f"{name + ' through Varnish':40} {cached:9.0f} req/s  ({cached / static:.0%} of static)\n"
                f"{name + ' direct (uncached)':40} {direct:9.0f} req/s"
            )
        # Purge latency: from the publish call to the new title through Varnish, every language.
        latencies = []
        for round_ in range(5):
            fetch(cache.port, pages["home"])
            title = f"Safer Internet Day {round_}"
            start = time.perf_counter()
            with translation.override("en"):
                page = HomePage.objects.get(pk=home.pk)
                page.title = title
                page.save_revision().publish()
            while title not in fetch(cache.port, pages["home"]).text:
                time.sleep(0.005)
            latencies.append(time.perf_counter() - start)
        print(f"publish -> fresh through Varnish: median {statistics.median(latencies) * 1000:.0f} ms (5 publishes)")
    finally:
        cache.stop()
        app.stop()


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
