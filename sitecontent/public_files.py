"""Which uploaded files the public may get: one rule for documents and images.

A file is public when something the public can see uses it:

- a **page** that is live, public (no privacy restriction) and not below an unpublished
  page (``sitecontent.routing.under_unpublished``, the rule routing, listings, feeds,
  packs and the sitemap use), through a field, a child row (library files) or anything
  Wagtail's reference index records for the page (blocks, rich-text links). The index is
  written from the page's row, which holds the published content of a live page, so a
  file chosen only in a newer draft is not public yet;
- for images, anything that is not a page (the edition's artwork, the site's branding,
  a snippet): those are shown on public pages whatever page is served.

A file nothing public uses (an upload not yet attached, a file of a draft, of a private
page, of a withdrawn page or of a page below an unpublished section) is not public. Its
editors (who may change or choose it) still get it, to preview their drafts.

Served through ``/documents/`` (``before_serve_document`` hook) and the rendition view of
``sid.views.serve_media`` (``/media/images/``); originals are never served.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from modelcluster.fields import ParentalKey
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import GuidePage, ResourceFile
from .routing import under_unpublished

EDITOR_ACTIONS = ["change", "choose"]


def _public_pages(condition: Q) -> bool:
    return Page.objects.filter(condition).live().public().exclude(under_unpublished()).exists()


def _referencing_page_ids(obj) -> list[int]:
    referencing = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return [int(pk) for pk in referencing.values_list("object_id", flat=True).distinct() if pk.isdigit()]


def document_is_public(document) -> bool:
    """True when a live, public page not below an unpublished one uses the document."""
    file_pages = ResourceFile.objects.filter(document_id=document.pk).values("page_id")
    guide_pages = GuidePage.objects.filter(download_id=document.pk).values("pk")
    return _public_pages(Q(pk__in=file_pages) | Q(pk__in=guide_pages) | Q(pk__in=_referencing_page_ids(document)))


def _page_key(model):
    """The ParentalKey of a page's child rows (gallery items, orderables), or None."""
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field
    return None


def _relations_to(model):
    """Every reverse relation to ``model``, those with ``related_name="+"`` included."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and field.auto_created and not field.concrete
    ]


def image_is_public(image) -> bool:
    """True when something public uses the image (see the module's rule).

    Every model pointing at images is asked, so a field added later is covered: pages and
    their child rows count only while the page is public; other models (editions,
    branding settings, snippets) count always; renditions are not uses.
    """
    page_condition = Q(pk__in=_referencing_page_ids(image))
    for relation in _relations_to(type(image)):
        model = relation.related_model
        if issubclass(model, AbstractRendition) or relation.many_to_many:
            continue
        uses = model._default_manager.filter(**{relation.field.name: image})
        if issubclass(model, Page):
            page_condition |= Q(pk__in=uses.values("pk"))
        elif (key := _page_key(model)) is not None:
            page_condition |= Q(pk__in=uses.values(key.attname))
        elif uses.exists():
            return True
    return _public_pages(page_condition)


def editor_may_get(user, obj) -> bool:
    """Editors who may change or choose the file get it even while it is not public."""
    if user is None or not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, obj)


def rendition_for_media_name(name: str):
    """The rendition stored as ``name`` (``images/…``), with its image, or None."""
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model.objects.select_related("image").filter(file=name).first()
