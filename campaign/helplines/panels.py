"""A warning at the top of a help entry's edit form while it is still demo data."""

from wagtail.admin.panels import Panel


class DemoDataNoticePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "helplines/admin/demo_data_notice.html"

        def is_shown(self):
            return bool(getattr(self.instance, "is_demo_data", False))
