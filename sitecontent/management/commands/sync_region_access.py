from django.core.management.base import BaseCommand

from sitecontent.models import RegionPage
from sitecontent.regions import ensure_region_access


class Command(BaseCommand):
    help = "Create or repair each region's coordinators and moderators groups (safe to re-run)."

    def handle(self, *args, **options):
        for region in RegionPage.objects.order_by("path"):
            access = ensure_region_access(region)
            self.stdout.write(
                f"{region.short_code}: {access.coordinators.name}, {access.moderators.name}, "
                f"collection {access.collection.name}"
            )
