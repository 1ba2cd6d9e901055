"""The site under its own services failing: answers and submissions per fault scenario.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/sid_faults_bench python benchmarks/faults.py [scenario ...]

Needs PostgreSQL (the database is created if missing, migrated, and emptied before each
scenario: use a throwaway one) and the redis-server binary. Each scenario starts its own
stack (gunicorn, a Celery worker with beat, two private Redis servers on free ports: the
machine's shared Redis is never touched), sends visitors (page views, stories, events,
reports, pack requests) while the fault lasts, then waits for the work to finish. Printed:
requests made / answered 200 or 302 / 503 / 500 or no answer (must be 0), submissions
accepted / saved / processed exactly once, and the recovery time after the service
returned (until every accepted submission was processed).

Scenarios: redis_stopped, redis_slow, broker_down, worker_killed_mid_story,
worker_killed_mid_pack, postgres_terminated (all by default).
"""

import os
import sys

from support import ROOT, postgres_database

sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.test")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("benchmarks/faults.py needs PostgreSQL: set DATABASE_URL=postgres://…/a_throwaway_database")
os.environ.setdefault("REDIS_URL", "")  # the stack brings its own Redis servers
postgres_database(os.environ["DATABASE_URL"], fresh=False)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from tests.services import fault_scenarios as scenarios  # noqa: E402


def main(names):
    call_command("migrate", verbosity=0, interactive=False)
    results = []
    for name in names:
        call_command("flush", verbosity=0, interactive=False)
        site = scenarios.build_fault_site()
        with scenarios.Stack() as stack:
            result = scenarios.SCENARIOS[name](stack, site)
        results.append(result)
        print(result.line(), flush=True)
        for problem in result.outcome.problems + result.notes:
            print(f"    {problem}")
    lost = sum(r.outcome.made - r.outcome.processed for r in results)
    errors = sum(r.tally.server_errors for r in results)
    print(f"\nserver errors: {errors} (must be 0); submissions not processed exactly once: {lost} (must be 0)")
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or list(scenarios.SCENARIOS)))
