"""Fields and clicks for a Spanish-only coordinator to create and publish a resource.

    python benchmarks/source_language_form.py

Method. A temporary SQLite database (or DATABASE_URL) gets the standard test tree; the Latin
American coordinator (admin in Spanish) opens the real "add resource" form in the admin.

* Fields to fill are read from the form the admin renders (fields with ``required``).
  "Before" adds the English columns that wagtail-modeltranslation required of every
  coordinator (the default language's column of each required field), which is what the
  form asked for before the source-language rule; "after" is the form as it is now.
* Clicks count the language picker and the publish action: before, the picker opened on
  English only, so a Spanish coordinator clicked once to show Spanish; now it opens on the
  source language. Publishing is two clicks (the actions menu, then "Publish") both times.
* The form is then posted with only the "after" fields filled, and the script reports
  whether the resource was published with no English text.
"""

from __future__ import annotations

from support import setup_django


def main() -> None:
    setup_django()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client then keeps each response's template context
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.users.models import UserProfile

    from sitecontent.models import ResourceIndexPage, ResourcePage
    from tests.factories import build_site_tree
    from tests.translation_workflow.test_source_language import form_data
    from translations.core.languages import DEFAULT_LANGUAGE
    from translations.core.source import source_required_fields

    tree = build_site_tree()
    region = tree.regions["latam"]
    with translation.override("en"):
        library = ResourceIndexPage(title="Library", slug="library")
        region.add_child(instance=library)
    user = tree.users["latam-coordinator"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    client = Client()
    client.force_login(user)

    url = reverse("wagtailadmin_pages:add", args=("sitecontent", "resourcepage", library.pk))
    response = client.get(url)
    form = response.context["form"]
    after = sorted(name for name, field in form.fields.items() if field.required)
    english = [build_localized_fieldname(name, DEFAULT_LANGUAGE) for name in source_required_fields(ResourcePage)]
    before = sorted(set(after) | set(english))
    publish_clicks = 2
    clicks_before = 1 + publish_clicks  # show Spanish in the picker, then publish
    clicks_after = publish_clicks

    # Everything the rendered form would send, with only the "after" text fields typed.
    data = form_data(response.content.decode(), ResourcePage)
    data.update({name: "Texto de prueba" for name in after if name.startswith(("title_", "summary_"))})
    data["action-publish"] = "action-publish"
    posted = client.post(url, data)
    if posted.status_code != 302:
        print("  form errors:", posted.context["form"].errors.as_json())
    created = ResourcePage.objects.child_of(library).filter(title_es="Texto de prueba").first()
    english_empty = created is not None and not getattr(created, build_localized_fieldname("title", "en"))

    print("Create and publish a resource as a Spanish-only coordinator (admin in Spanish)")
    print(f"  fields to fill before: {len(before)} ({', '.join(before)})")
    print(f"  fields to fill after:  {len(after)} ({', '.join(after)})")
    print(f"  clicks before: {clicks_before} (picker 1 + publish {publish_clicks})")
    print(f"  clicks after:  {clicks_after} (publish {publish_clicks})")
    print(
        f"  posted with only the 'after' fields: HTTP {posted.status_code}, published: {bool(created and created.live)}"
    )
    print(f"  English title left empty: {english_empty}")


if __name__ == "__main__":
    main()
