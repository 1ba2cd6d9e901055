"""Interface message catalogues: ``update``, ``check`` (for CI) and ``coverage``.

    manage.py interface_catalogues update     # makemessages (10 languages) + compile .mo
                                              # (and compile translations/wagtail_locale/)
    manage.py interface_catalogues check      # exit 1 when catalogues are out of date
    manage.py interface_catalogues coverage   # untranslated messages per language
    manage.py interface_catalogues coverage --fail-under 100   # exit 1 below 100 %

Needs GNU gettext (apt-get install gettext).
"""

from django.core.management.base import BaseCommand, CommandError

from translations.core.interface import (
    catalogue_coverage,
    compile_messages,
    locale_dir,
    make_messages,
    stale_catalogues,
    stale_wagtail_catalogues,
    wagtail_locale_dir,
)


class Command(BaseCommand):
    help = "Update, check or count the interface message catalogues in translations/locale/."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "check", "coverage"])
        parser.add_argument("--locale-dir", default=None, help="Catalogue directory (default: translations/locale).")
        parser.add_argument(
            "--fail-under", type=int, default=None, help="coverage: fail if a language is below this percentage."
        )

    def handle(self, *args, action, locale_dir=None, fail_under=None, **options):
        directory = locale_dir
        if action == "update":
            make_messages(directory, verbosity=options["verbosity"])
            compiled = compile_messages(directory)
            self.stdout.write(f"Updated and compiled {len(compiled)} catalogues in {directory or _default()}.")
            if directory is None:
                compiled = compile_messages(wagtail_locale_dir())
                self.stdout.write(f"Compiled {len(compiled)} catalogues of Wagtail's missing messages.")
        elif action == "check":
            problems = stale_catalogues(directory)
            if directory is None:
                problems += stale_wagtail_catalogues()
            if problems:
                raise CommandError(
                    "Interface catalogues are out of date; run `manage.py interface_catalogues update` and commit:\n  "
                    + "\n  ".join(problems)
                )
            self.stdout.write("Interface catalogues are up to date.")
        else:
            failing = []
            self.stdout.write(f"{'language':<10}{'messages':>10}{'translated':>12}{'untranslated':>14}{'fuzzy':>8}")
            for row in catalogue_coverage(directory):
                if not row.exists:
                    self.stdout.write(f"{row.locale:<10}{'no catalogue: everything falls back to English':>44}")
                else:
                    self.stdout.write(
                        f"{row.locale:<10}{row.total:>10}{row.translated:>12}{row.untranslated:>14}{row.fuzzy:>8}"
                    )
                if fail_under is not None and (not row.exists or row.percent < fail_under):
                    failing.append(row.locale)
            if failing:
                raise CommandError(f"Below {fail_under} % translated: {', '.join(failing)}")


def _default():
    return locale_dir()
