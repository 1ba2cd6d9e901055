from django.db import models
from django.utils.translation import gettext_lazy as _


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


class AgeBand(models.TextChoices):
    UNDER_7 = "0-6", _("Under 7")
    AGE_7_11 = "7-11", _("7 to 11")
    AGE_12_15 = "12-15", _("12 to 15")
    AGE_16_18 = "16-18", _("16 to 18")
    ADULTS = "adults", _("Adults")
