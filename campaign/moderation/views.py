"""The moderators' queue and review, for everything the public sends.

One queue per region (stories, partner events, reports on published stories), oldest first,
with filters, search and paging at a constant number of queries. One review page per item
shows what will be published and takes the decision: "approve and next", "reject and next"
(a reason from the shared list, shown to the sender in their language), redactions and
edits. Opening an item claims it for a few minutes so two moderators never read the same
thing. Who may decide is the workflow task's permission check, applied by each kind's
adapter; what a moderator sees is scoped by ``queue.visible_items``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django_countries import countries
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowActionView as PageWorkflowActionView
from wagtail.models import Page

from sitecontent.params import as_id
from sitecontent.policy import page_permission_tester

from . import queue
from .models import Flag, ItemKind
from .reasons import RejectionReason, reason_label

PER_PAGE = 50
FILTER_NAMES = ("kind", "flag", "language", "country", "older_than", "q", "unflagged")


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    flag = forms.ChoiceField(label=gettext_lazy("Safety flag"), required=False)
    unflagged = forms.BooleanField(label=gettext_lazy("Only items without flags"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    older_than = forms.IntegerField(
        label=gettext_lazy("Waiting longer than (hours)"), required=False, min_value=1, max_value=24 * 365
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(ItemKind.choices)
        self.fields["flag"].choices = anything + list(Flag.choices)
        self.fields["language"].choices = anything + list(settings.LANGUAGES)
        self.fields["country"].choices = anything + list(countries)

    def filters(self) -> queue.QueueFilters:
        if not self.is_valid():
            return queue.QueueFilters()
        data = self.cleaned_data
        return queue.QueueFilters(
            kind=data.get("kind") or "",
            flag=data.get("flag") or "",
            language=data.get("language") or "",
            country=data.get("country") or "",
            older_than_hours=data.get("older_than"),
            q=(data.get("q") or "").strip(),
            unflagged=bool(data.get("unflagged")),
        )


def filter_query(request) -> str:
    """The queue's filters, to carry from the queue to each review and on to the next."""
    kept = [(name, request.GET[name]) for name in FILTER_NAMES if request.GET.get(name)]
    return urlencode(kept)


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


class BulkForm(forms.Form):
    """A decision for several items. Nothing is chosen in advance, and nothing happens
    before the moderator has seen the list of what will happen and confirmed it."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision for the selected items"),
        choices=[("approve", gettext_lazy("Approve (publish)")), ("reject", gettext_lazy("Reject with a reason"))],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose approve or reject.")},
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (shown to the sender in their language)"),
        choices=[("", gettext_lazy("Choose a reason"))] + list(RejectionReason.choices),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", _("Choose the reason to show to the sender."))
        if cleaned.get("decision") == "approve":
            cleaned["reason"] = ""
        return cleaned


class ModerationView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        # The page's own title, not Wagtail's default "Home", heads the page.
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class QueueView(ModerationView):
    template_name = "moderation/queue.html"
    page_title = gettext_lazy("Moderation queue")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        filter_form = FilterForm(request.GET or None)
        filters = filter_form.filters()
        items = queue.open_queue(request.user, filters).select_related("region", "claimed_by")
        paginator = Paginator(items, PER_PAGE)
        page = paginator.get_page(request.GET.get("p"))
        query = filter_query(request)
        page_query = urlencode([(k, v) for k, v in request.GET.items() if k != "p"])
        context.update(
            filter_form=filter_form,
            items=page,
            paginator=paginator,
            query=query,
            page_query=page_query,
            bulk_form=kwargs.get("bulk_form") or BulkForm(),
            select_all=request.GET.get("select") == "all",
            age_bands=queue.age_band_labels(),
            languages=dict(settings.LANGUAGES),
            next_url=_with_query(reverse("moderation:next"), query),
            figures=queue.waiting_figures(request.user),
        )
        return context

    def post(self, request):
        """Bulk decision: first the confirmation (the list of what will happen), then the decision."""
        ids = [number for value in request.POST.getlist("item") if (number := as_id(value)) is not None]
        form = BulkForm(request.POST)
        if not ids:
            messages.error(request, _("Choose at least one item."))
        if not ids or not form.is_valid():
            return self.render_to_response(self.get_context_data(bulk_form=form), status=400)
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        items = list(queue.visible_items(request.user).filter(pk__in=ids, is_open=True).order_by("waiting_since"))
        if request.POST.get("confirm") != "yes":
            return BulkConfirmView.as_view()(request, items=items, decision=decision, reason=reason)
        done = failed = 0
        for item in items:
            kind = queue.adapter(item.kind)
            obj = kind.load(item)
            if (
                obj is None
                or queue.claimed_by_other(item, request.user)
                or decision not in kind.allowed(obj, request.user)
            ):
                failed += 1
                continue
            try:
                kind.approve(obj, request.user) if decision == "approve" else kind.reject(obj, request.user, reason)
                done += 1
            except PermissionDenied:
                failed += 1
        messages.success(
            request, ngettext("%(count)d item decided.", "%(count)d items decided.", done) % {"count": done}
        )
        if failed:
            messages.warning(
                request,
                ngettext(
                    "%(count)d item was not decided (decided already, being reviewed by someone else, or not yours).",
                    "%(count)d items were not decided (decided already, being reviewed by someone else, or not yours).",
                    failed,
                )
                % {"count": failed},
            )
        return redirect(_with_query(reverse("moderation:queue"), filter_query(request)))


class BulkConfirmView(ModerationView):
    template_name = "moderation/bulk_confirm.html"
    page_title = gettext_lazy("Confirm the decisions")

    def post(self, request, items, decision, reason):
        rows = []
        for item in items:
            kind = queue.adapter(item.kind)
            obj = kind.load(item)
            possible = obj is not None and decision in kind.allowed(obj, request.user)
            rows.append(
                {
                    "item": item,
                    "possible": possible and not queue.claimed_by_other(item, request.user),
                    "claimed": queue.claimed_by_other(item, request.user),
                    "sender_reason": reason_label(reason, item.language or None) if reason else "",
                }
            )
        context = self.get_context_data(
            rows=rows,
            decision=decision,
            reason=reason,
            reason_text=reason_label(reason) if reason else "",
            query=filter_query(request),
            filters=[(name, request.GET[name]) for name in FILTER_NAMES if request.GET.get(name)],
        )
        return self.render_to_response(context)


def next_item(request):
    """Open the oldest item nobody else is reviewing (within the queue's filters)."""
    filters = FilterForm(request.GET or None).filters()
    after = queue.visible_items(request.user).filter(pk=as_id(request.GET.get("after", "")) or 0).first()
    item = queue.next_item(request.user, filters, after=after)
    query = filter_query(request)
    if item is None:
        messages.success(request, _("Nothing else is waiting here. Well done!"))
        return redirect(_with_query(reverse("moderation:queue"), query))
    return redirect(_with_query(reverse("moderation:review", args=[item.pk]), query))


class ReviewForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (shown to the sender in their language)"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class StoryEditForm(forms.Form):
    pen_name = forms.CharField(label=gettext_lazy("Pen name"), max_length=40)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    body = forms.CharField(label=gettext_lazy("Story"), max_length=4000, widget=forms.Textarea(attrs={"rows": 12}))
    picture_alt = forms.CharField(label=gettext_lazy("Picture description"), max_length=200, required=False)


class ReviewView(ModerationView):
    template_name = "moderation/review.html"

    def get_page_title(self):
        item = getattr(self, "item", None)
        if item is None:
            return _("Review")
        return _("Review: %(title)s") % {"title": item.title or item.get_kind_display()}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.item = get_object_or_404(queue.visible_items(request.user).select_related("claimed_by"), pk=kwargs["pk"])
        self.kind = queue.adapter(self.item.kind)
        self.obj = self.kind.load(self.item)
        if self.obj is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        item, obj = self.item, self.obj
        claimed_by_other = queue.claimed_by_other(item, user)
        if item.is_open and not claimed_by_other:
            queue.claim(item, user)
        actions = self.kind.allowed(obj, user) if item.is_open else set()
        query = filter_query(self.request)
        detail = self.kind.context(obj, user)
        edit_form = kwargs.get("edit_form")
        if edit_form is None and self.kind.editable and "published" in detail:
            edit_form = StoryEditForm(initial=detail["published"])
        context.update(
            item=item,
            detail=detail,
            kind_template=self.kind.template,
            actions=actions,
            can_decide=bool(actions) and not claimed_by_other,
            claimed_by_other=claimed_by_other,
            review_form=kwargs.get("review_form") or ReviewForm(),
            edit_form=edit_form if self.kind.editable else None,
            age_bands=queue.age_band_labels(),
            languages=dict(settings.LANGUAGES),
            query=query,
            queue_url=_with_query(reverse("moderation:queue"), query),
            skip_url=_with_query(reverse("moderation:next"), "&".join(p for p in (query, f"after={item.pk}") if p)),
            approve_label=self._approve_label(),
            reject_label=_("Take down and next") if item.kind == ItemKind.REPORT else _("Reject and next"),
        )
        return context

    def _approve_label(self):
        if self.item.kind == ItemKind.REPORT:
            return _("Keep published and next")
        return _("Approve and next")

    def post(self, request, pk):
        user, item, obj = request.user, self.item, self.obj
        query = filter_query(request)
        here = _with_query(reverse("moderation:review", args=[item.pk]), query)
        if request.POST.get("take_over") == "1":
            queue.claim(item, user, force=True)
            return redirect(here)
        if queue.claimed_by_other(item, user):
            messages.error(request, _("Someone else is reviewing this item. Take it over first if they have left."))
            return redirect(here)
        if request.POST.get("redact") == "1" and self.kind.editable:
            if not self.kind.redact(obj, user):
                messages.error(
                    request,
                    _(
                        "Some personal information could not be removed automatically. Nothing was changed: "
                        "edit the text by hand, then check it again."
                    ),
                )
                return redirect(here)
            messages.success(request, _("The suggested redactions were applied. The text was checked again."))
            return redirect(here)
        if request.POST.get("edit") == "1" and self.kind.editable:
            form = StoryEditForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(edit_form=form), status=400)
            self.kind.edit(obj, user, form.cleaned_data)
            messages.success(request, _("Your changes were saved. The text was checked again."))
            return redirect(here)
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            return redirect(here)
        if decision not in self.kind.allowed(obj, user):
            messages.error(request, _("This item cannot be decided now (it may have been decided already)."))
            return redirect(_with_query(reverse("moderation:queue"), query))
        form = ReviewForm(request.POST)
        if decision == "reject" and not (form.is_valid() and form.cleaned_data.get("reason")):
            form.is_valid()
            form.add_error("reason", _("Choose the reason to show to the sender."))
            return self.render_to_response(self.get_context_data(review_form=form), status=400)
        if decision == "approve":
            self.kind.approve(obj, user)
            messages.success(request, _("Approved: %(title)s") % {"title": item.title})
        else:
            self.kind.reject(obj, user, form.cleaned_data["reason"])
            messages.success(request, _("Rejected: %(title)s") % {"title": item.title})
        target = reverse("moderation:next")
        return redirect(_with_query(target, "&".join(p for p in (query, f"after={item.pk}") if p)))


class WorkflowActionView(PageWorkflowActionView):
    """Wagtail's workflow action (approve, request changes, ...) for pages, leaving for a
    screen the person may open. Wagtail always leaves for the page's edit view, which a
    moderator may no longer open once the page has left their task (approved, or sent back
    to its author): they land on their dashboard, where the decision's message is shown,
    instead of a refusal. Whoever may still edit the page stays on it, as in Wagtail.
    Routed at Wagtail's own path, matched before it (sid/urls.py)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        edit_url = reverse("wagtailadmin_pages:edit", args=(self.object.pk,))
        if self.redirect_url != edit_url:
            return response
        page = Page.objects.get(pk=self.object.pk).specific
        if page_permission_tester(request.user, page).can_edit():
            return response
        self.redirect_url = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            if json.loads(response.content).get("step") != "success":
                return response
            return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
        return redirect(self.redirect_url)
