from django.db import models
from django.utils.translation import gettext_lazy as _

from sitecontent.library.vocabulary import AGE_BANDS as _AGE_BANDS


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUNG_PEOPLE = "young_people", _("Young people")
    PARENTS = "parents", _("Parents and carers")
    TEACHERS = "teachers", _("Teachers and educators")
    PROFESSIONALS = "professionals", _("Professionals")
    EVERYONE = "everyone", _("Everyone")


#: Events use the platform's one age scheme (the library's), not one of their own.
AGE_BANDS = _AGE_BANDS
