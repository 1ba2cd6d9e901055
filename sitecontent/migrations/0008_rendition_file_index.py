"""An index on the renditions' file name: ``/media/images/<file>`` finds its rendition (and
so its image, to check it is public: sitecontent.public_files) in one indexed query."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sitecontent", "0007_library_format_case_card"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS sid_rendition_file ON wagtailimages_rendition (file)",
            "DROP INDEX IF EXISTS sid_rendition_file",
        )
    ]
