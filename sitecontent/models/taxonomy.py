"""The topic taxonomy of the resource library: a coordinator-managed, translatable snippet."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from translations.core.fields import SourceLanguageField
from translations.core.snippet_forms import SourceLanguageModelForm
from translations.core.source import WrittenInSourceLanguage


class Topic(WrittenInSourceLanguage, index.Indexed, models.Model):
    """A subject teachers look for (grooming, sextortion, cyberbullying, …).

    The slug is what the library's query string carries (``?topic=grooming``), so a filtered
    link keeps working in every language; the name is translated.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in library links, e.g. ?topic=grooming. Keep it stable once published."),
    )
    description = models.TextField(_("description"), blank=True, max_length=400)
    #: Topics are shared by every region: the editor says which language they write it in.
    source_language = SourceLanguageField()

    base_form_class = SourceLanguageModelForm
    panels = [FieldPanel("source_language"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def own_source_language(self) -> str:
        return self.source_language
