"""The one answer to "may this person do this to this page?" for every admin path.

Wagtail 8 asks two objects, and both are ours:

- the page permission policy (``RegionPagePermissionPolicy``, registered for ``Page`` in
  ``sitecontent.apps``): querysets and model-wide checks (explorer, admin API, choosers,
  reports, dashboard panels, "can publish anywhere");
- the page permission tester (``RegionPagePermissionTester``, returned by
  ``SidPage.permissions_for_user``): one page (editor, action menu, bulk actions,
  workflow actions, revisions, previews, moves, deletes, ``publish``/``unpublish``).

Region scope comes from Wagtail page permissions on each region's subtree
(``sitecontent.regions``); this module adds the roles' rules on top:

- **What the public sent** (youth stories, partner events) goes live only through its
  region's workflow approval (``campaign.moderation.finish.publish_approved``, the
  ``WAGTAIL_FINISH_WORKFLOW_ACTION``). Nobody gets "publish" on such a page, and nobody gets
  "publish" on any page while a workflow is in progress on it, superusers included.
- **A child's text** (a story page's drafts and revisions) is opened by the region's
  moderators (through their workflow task) and administrators only; coordinators cannot
  edit, preview, copy, move or delete story pages, and do not see unpublished ones listed.
- **Case cards** (``stories.CaseCardPage``) are made from a live story only by a moderator
  or coordinator of the story's region (``can_make_case_card``), only while its author
  consents to reuse; a card whose author withdrew cannot be published by anyone (and the
  model refuses to save it: ``CaseCardPage.check_consent``).
- **Moderators moderate**: they hold no page permission; they act on what their workflow
  task gives them, and may take down (unpublish) a live story of their region (a reported
  story). They never publish, unpublish, move or delete anything else.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from campaign.events.models import EventSubmission
from campaign.stories.consent import may_reuse
from campaign.stories.models.cards import story_consent

from .models import RegionPage
from .models.base import REGION_MIN_DEPTH
from .regions import COORDINATORS, MODERATORS, group_name

#: The (app_label, model) of pages whose content is written by the public.
STORY_MODEL = ("stories", "storypage")
STORY_INDEX_MODEL = ("stories", "storyindexpage")
CASE_CARD_MODEL = ("stories", "casecardpage")


def _model_key(page_class) -> tuple[str, str] | None:
    if page_class is None:
        return None
    return page_class._meta.app_label, page_class._meta.model_name


def is_superuser(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def is_story(page) -> bool:
    return _model_key(page.specific_class) == STORY_MODEL


def is_public_submission(page) -> bool:
    """A youth story, or an event a partner sent (it has an ``EventSubmission``)."""
    key = _model_key(page.specific_class)
    if key == STORY_MODEL:
        return True
    if key == ("events", "eventpage"):
        return EventSubmission.objects.filter(page_id=page.pk).exists()
    return False


def page_region_code(page) -> str | None:
    """The short code of the region ``page`` belongs to (one indexed query), or None."""
    step = page.steplen
    paths = [page.path[: step * depth] for depth in range(REGION_MIN_DEPTH, page.depth + 1)]
    if not paths:
        return None
    return RegionPage.objects.filter(path__in=paths).values_list("short_code", flat=True).first()


def moderates_page(user, page) -> bool:
    """True for a member of the moderators group of ``page``'s region (or a superuser)."""
    if not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    code = page_region_code(page)
    return code is not None and user.groups.filter(name=group_name(code, MODERATORS)).exists()


def works_in_region(user, page, roles=(COORDINATORS, MODERATORS)) -> bool:
    """True for a member of one of ``roles``' groups of ``page``'s region (or a superuser)."""
    if not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    code = page_region_code(page)
    if code is None:
        return False
    return user.groups.filter(name__in=[group_name(code, role) for role in roles]).exists()


def can_make_case_card(user, story) -> bool:
    """May ``user`` turn ``story`` (a StoryPage) into a case card? Its region's moderators and
    coordinators may, once the story is live and while its author consents to reuse."""
    if not story.live or not may_reuse(story_consent(story.pk)):
        return False
    return works_in_region(user, story)


def hidden_from(user):
    """Pages ``user`` may not see listed anywhere in the admin (a Q to exclude), or None.

    Unpublished youth stories hold a child's text as sent: only their region's moderators
    (through the moderation queue and their workflow task) and administrators read them.
    """
    if is_superuser(user):
        return None

    story_type = ContentType.objects.get_by_natural_key(*STORY_MODEL)
    return Q(content_type=story_type, live=False)


class RegionPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with unpublished stories out of every listing and
    nothing publishable anywhere for someone who only moderates."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        hidden = hidden_from(user)
        return pages if hidden is None else pages.exclude(hidden)

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        hidden = hidden_from(user)
        return pages if hidden is None else pages.exclude(hidden)

    def tester(self, user, page) -> RegionPagePermissionTester:
        """One page's tester: what ``SidPage.permissions_for_user`` asks this policy for."""
        return RegionPagePermissionTester(user, page)


class RegionPagePermissionTester(PagePermissionTester):
    """Wagtail's tester for one page, with the rules of this module's docstring."""

    @cached_property
    def _superuser(self) -> bool:
        return is_superuser(self.user)

    @cached_property
    def _public_submission(self) -> bool:
        return is_public_submission(self.page)

    @cached_property
    def _story(self) -> bool:
        return is_story(self.page)

    @cached_property
    def _in_workflow(self) -> bool:
        return bool(self.page.pk and self.page.workflow_in_progress)

    @cached_property
    def _reserved_for_moderators(self) -> bool:
        """A story page: its drafts carry a child's text as sent."""
        return self._story and not self._superuser

    # -- reading and editing -------------------------------------------------------------
    def can_edit(self):
        if self._reserved_for_moderators:
            # Only through the region's workflow task (GroupApprovalTask: its moderators).
            task = self.page.current_workflow_task
            return bool(self.user.is_active and task and task.user_can_access_editor(self.page, self.user))
        return super().can_edit()

    def can_copy(self):
        return not self._reserved_for_moderators and super().can_copy()

    def can_delete(self, ignore_bulk=False):
        return not self._reserved_for_moderators and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self._reserved_for_moderators and super().can_move()

    def can_add_subpage(self):
        if not self._superuser and _model_key(self.page.specific_class) == STORY_INDEX_MODEL:
            return False  # stories are sent by young people, never written in the admin
        return super().can_add_subpage()

    # -- going live ----------------------------------------------------------------------
    def can_publish(self):
        if self._in_workflow:
            return False  # only the workflow's approval publishes a page in moderation
        if _model_key(self.page.specific_class) == CASE_CARD_MODEL:
            if not may_reuse(story_consent(self.page.specific.story_id)):
                return False  # its author said no: never live again
        if self._public_submission and not self._superuser:
            return False
        return super().can_publish()

    def can_publish_subpage(self):
        if not self._superuser and _model_key(self.page.specific_class) == STORY_INDEX_MODEL:
            return False
        return super().can_publish_subpage()

    def can_set_view_restrictions(self):
        if self._reserved_for_moderators:
            return False
        return super().can_publish() and not self._in_workflow

    def can_unpublish(self):
        if self._story and self.page.live and self.user.is_active and not self.page_locked():
            # Taking down a reported story is moderation: the region's moderators.
            if moderates_page(self.user, self.page):
                return True
        if self._reserved_for_moderators:
            return False
        return super().can_unpublish()


def page_permission_tester(user, page) -> RegionPagePermissionTester:
    return RegionPagePermissionTester(user, page)


# -- the impact dashboard (campaign.reach) -------------------------------------------------
def dashboard_regions(user):
    """The region short codes whose figures ``user`` may see in the impact dashboard.

    Administrators: every region (``None`` means all, the global rows included);
    coordinators: the regions whose coordinators group they belong to; moderators and
    everyone else: none (an empty tuple). Figures are aggregates, yet a region's numbers
    are its coordinators' business, and moderators moderate: they get no dashboard.
    """
    if not user.is_active or user.is_anonymous:
        return ()
    if user.is_superuser:
        return None
    suffix = f" {COORDINATORS}"
    names = user.groups.filter(name__endswith=suffix).values_list("name", flat=True)
    return tuple(sorted(name[: -len(suffix)] for name in names))
