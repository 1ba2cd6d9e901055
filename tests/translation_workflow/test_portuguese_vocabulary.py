"""Portuguese is written for Latin America (Brazil): our catalogue uses Brazilian terms, and
Wagtail's admin reads in Wagtail's own Brazilian catalogue rather than Portugal's.

The independent source for Wagtail is its pt_BR catalogue, read with polib; the site's text
is what gettext gives under ``translation.override("pt")``.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext

from translations.core.interface import locale_dir, po_path

#: Words used in Portugal where Brazil says otherwise (Brazilian word in the comment).
EUROPEAN_ONLY = {
    "ficheiro": "arquivo",
    "ficheiros": "arquivos",
    "transferência": "download",
    "transferências": "downloads",
    "descarregar": "baixar",
    "equipa": "equipe",
    "contacto": "contato",
    "ligação": "link",
    "morada": "endereço",
    "ecrã": "tela",
    "utilizador": "usuário",
    "partilhar": "compartilhar",
    "secção": "seção",
    "guardar": "salvar",
    "telemóvel": "celular",
    "registo": "registro",
    "à espera": "aguardando",
}


def test_our_portuguese_uses_brazilian_terms():
    catalogue = polib.pofile(str(po_path(locale_dir(), "pt")))
    found = {}
    for entry in catalogue:
        for text in [entry.msgstr, *(entry.msgstr_plural or {}).values()]:
            for word in EUROPEAN_ONLY:
                if re.search(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", text):
                    found.setdefault(word, []).append(text[:80])
    assert found == {}


def _wagtail_brazilian():
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale" / "pt_BR" / "LC_MESSAGES" / "django.po"
        if config.name.startswith("wagtail") and path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgctxt and not entry.msgid_plural and not entry.fuzzy:
                    found.setdefault(entry.msgid, entry.msgstr)
    return found


@pytest.mark.parametrize("msgid", ["Dashboard", "Save draft", "Documents", "Images", "Publish"])
def test_wagtail_reads_in_brazilian_portuguese(msgid):
    brazilian = _wagtail_brazilian()
    with translation.override("pt"):
        assert gettext(msgid) == brazilian[msgid]
