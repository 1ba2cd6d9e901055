"""Every modeltranslation registration (``TranslationOptions``) of the platform, one module per
app whose models have translated fields. Listed in ``MODELTRANSLATION_TRANSLATION_FILES``
(sid/settings/base.py); modeltranslation imports them when it starts, which adds the
per-language columns to those models.
"""
