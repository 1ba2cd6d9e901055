"""Events use the platform's one age scheme (sitecontent.library.vocabulary.AGE_BANDS).

Their own bands (under 7, 7–11, 12–15, 16–18, adults) become the bands they overlap, on
live rows and in every revision (a draft published later carries the new codes too).
"""

import campaign.events.fields
from django.db import migrations

#: Old event band → the shared bands it overlaps, youngest first.
OLD_TO_SHARED = {
    "0-6": ["0-4", "5-8"],
    "7-11": ["5-8", "9-12"],
    "12-15": ["9-12", "13-15"],
    "16-18": ["16-18"],
    "adults": ["adults"],
}
ORDER = ["0-4", "5-8", "9-12", "13-15", "16-18", "adults"]


def shared_bands(old):
    """``["7-11", "12-15"]`` → ``["5-8", "9-12", "13-15"]``; codes already shared are kept."""
    found = set()
    for code in old or []:
        found.update(OLD_TO_SHARED.get(code, [code] if code in ORDER else []))
    return [code for code in ORDER if code in found]


def forwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page in EventPage.objects.exclude(age_bands=[]).only("pk", "age_bands"):
        new = shared_bands(page.age_bands)
        if new != page.age_bands:
            EventPage.objects.filter(pk=page.pk).update(age_bands=new)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).only("pk", "content").iterator():
        content = revision.content or {}
        if content.get("age_bands"):
            new = shared_bands(content["age_bands"])
            if new != content["age_bands"]:
                content["age_bands"] = new
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_eventsubmission_region_optional_for_global_team"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventpage",
            name="age_bands",
            field=campaign.events.fields.ChoicesListField(
                blank=True,
                default=list,
                list_choices=[
                    ("0-4", "Under 5"),
                    ("5-8", "Ages 5–8"),
                    ("9-12", "Ages 9–12"),
                    ("13-15", "Ages 13–15"),
                    ("16-18", "Ages 16–18"),
                    ("adults", "Adults"),
                ],
                verbose_name="age bands",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
