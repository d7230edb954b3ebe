"""The Vietnamese catalogue: every string translated, the compiled files matching the sources,
placeholders kept, the portal's terms, and Django's and its packages' own Vietnamese as the
portal shows it. The pages themselves are read in tests/test_translated_pages.py.

The catalogue tests read locale/vi/LC_MESSAGES with polib only, so they need no GNU gettext;
`python tools/i18n.py update` (which does) refreshes and compiles the catalogue.
"""

import json
import re
from collections import Counter
from pathlib import Path

import django
import import_export
import polib
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests import catalogue as vi


def _label(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


# --- the catalogue ----------------------------------------------------------------------


def test_catalogue_django_domain_exists():
    assert "django" in vi.CATALOGUES


@pytest.mark.parametrize("domain", vi.CATALOGUES)
def test_catalogue_every_entry_translated_and_not_fuzzy(domain):
    entries = vi.entries(domain)
    assert entries
    fuzzy = [_label(entry) for entry in entries if "fuzzy" in entry.flags]
    untranslated = [_label(entry) for entry in entries if not entry.translated()]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("domain", vi.CATALOGUES)
def test_catalogue_header_declares_vietnamese_with_one_plural_form(domain):
    catalogue = vi.po(domain)
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "vi"
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    plurals = [entry for entry in catalogue if entry.msgid_plural and not entry.obsolete]
    assert all(set(entry.msgstr_plural) == {0} for entry in plurals)


def _translations(entries):
    found = {}
    for entry in entries:
        if entry.msgid == "" or getattr(entry, "obsolete", False):
            continue
        key = (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            found[key] = tuple(text for _n, text in sorted(entry.msgstr_plural.items()))
        else:
            found[key] = entry.msgstr
    return found


@pytest.mark.parametrize("domain", vi.CATALOGUES)
def test_compiled_catalogue_holds_exactly_the_po_translations(domain):
    compiled = vi.LOCALE / f"{domain}.mo"
    assert compiled.exists(), f"{compiled.name} is missing: run tools/i18n.py update"
    mo = polib.mofile(str(compiled))
    assert mo.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    in_mo, in_po = _translations(mo), _translations(vi.entries(domain))
    stale = {key: value for key, value in in_mo.items() if in_po.get(key) != value}
    missing = {key: value for key, value in in_po.items() if in_mo.get(key) != value}
    assert stale == {}, "django.mo is older than django.po: run tools/i18n.py update"
    assert missing == {}, "django.mo is older than django.po: run tools/i18n.py update"


_POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_BRACES = re.compile(r"\{[^{}]*\}")


def _placeholders(text, *, python_format):
    found = Counter(f"%({name})" for name in vi.NAMED.findall(text))
    if python_format:
        found.update(_POSITIONAL.findall(vi.NAMED.sub("", text.replace("%%", ""))))
    found.update(_BRACES.findall(text))
    found.update(vi.TAGS.findall(text))
    return found


def _edges(text):
    """The spaces and line breaks a translation must keep at its ends (“ By %s ”)."""
    return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :])


@pytest.mark.parametrize("domain", vi.CATALOGUES)
def test_catalogue_translations_keep_placeholders_tags_and_edges(domain):
    wrong = []
    for entry in vi.entries(domain):
        python_format = "python-format" in entry.flags
        # Vietnamese has one plural form: it serves every count, like the English plural.
        source = entry.msgid_plural or entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = _placeholders(source, python_format=python_format)
        for text in translations:
            if _placeholders(text, python_format=python_format) != expected:
                wrong.append(f"placeholders: {_label(entry)!r} → {text!r}")
            if _edges(text) != _edges(source):
                wrong.append(f"leading/trailing space: {_label(entry)!r} → {text!r}")
    assert wrong == []


def test_catalogue_uses_the_portal_terms_for_states():
    """The state words the officers' area, the admin and the public calendar share."""
    states = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in vi.entries("django")
        if entry.msgctxt in {"activity state", "campaign state"}
    }
    assert states[("activity state", "draft")] == "bản nháp"
    assert states[("activity state", "submitted for review")] == "chờ duyệt"
    assert states[("activity state", "returned for changes")] == "bị trả lại để sửa"
    assert states[("activity state", "published")] == "đã công bố"
    assert states[("activity state", "cancelled")] == "đã hủy"
    assert states[("campaign state", "open")] == "đang mở"


# --- Django's own Vietnamese --------------------------------------------------------------

# A space before a full stop, a comma, a colon or a closing bracket ("bằng với 0 .").
_SPACE_BEFORE_MARK = re.compile(r"\s[.,:;!?)](?=\s|$)")
_PACKAGE_CATALOGUES = [
    *Path(django.__file__).parent.glob("**/locale/vi/LC_MESSAGES/django.po"),
    *Path(import_export.__file__).parent.glob("**/locale/vi/LC_MESSAGES/django.po"),
]


def test_number_below_its_minimum_is_refused_in_vietnamese_without_a_stray_space():
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            forms.IntegerField(min_value=0).clean("-1")
        # Read while Vietnamese is active: the messages are lazy.
        messages = refused.value.messages

    assert messages == ["Giá trị phải lớn hơn hoặc bằng 0."]


def test_django_messages_read_in_vietnamese_without_a_space_before_punctuation():
    """Every message of Django's and django-import-export's Vietnamese catalogues, as the
    portal shows it (its own catalogue first): Django's writes "lớn hơn hoặc bằng với
    %(limit_value)s ." and a few more like it, which i18n/django_catalogue_gaps.py words
    again."""
    assert _PACKAGE_CATALOGUES
    flawed = []
    with translation.override("vi"):
        for path in _PACKAGE_CATALOGUES:
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.translated():
                    continue
                if entry.msgid_plural:
                    shown = (
                        translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                        if entry.msgctxt
                        else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                    )
                elif entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                if _SPACE_BEFORE_MARK.search(shown):
                    flawed.append(f"{entry.msgid!r} → {shown!r}")
    assert flawed == []


def test_admin_scripts_read_in_vietnamese_without_a_space_before_punctuation(client_for, staff):
    script = client_for(staff, language=None).get(reverse("admin:jsi18n"))

    assert script.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", script.content.decode(), re.S)
    assert found is not None
    catalogue = json.loads(found.group(1))
    shown = [text for value in catalogue.values() for text in _texts(value)]
    assert "Chọn tất cả %s" in shown
    assert [text for text in shown if _SPACE_BEFORE_MARK.search(text)] == []


def _texts(value):
    return value if isinstance(value, list) else [value]


# --- the models' own words ------------------------------------------------------------------

# Columns nobody reads on a page: the tree's closure table, search helpers, counters and
# tokens, and the generic link of the history.
UNSHOWN_FIELDS = {
    "organizations.UnitAncestry.unit",
    "organizations.UnitAncestry.ancestor",
    "organizations.UnitAncestry.depth",
    "organizations.UnitAncestry.valid_from",
    "organizations.UnitAncestry.valid_until",
    "campaigns.Activity.search_text",
    "campaigns.ActivityToReview.search_text",
    "scholarships.ReceiptCounter.fund",
    "scholarships.ReceiptCounter.year",
    "scholarships.ReceiptCounter.last",
    "scholarships.Pledge.token",
    "common.HistoryEntry.content_type",
    "common.HistoryEntry.object_id",
}


def test_every_field_an_officer_may_see_is_named_in_vietnamese():
    """A field without a translated verbose_name shows its English attribute name in the
    admin's columns, filters and forms ("Theo fund")."""
    from django.apps import apps
    from django.utils.functional import Promise

    untranslated = {
        f"{model._meta.label}.{field.name}"
        for app in ("organizations", "campaigns", "learning_models", "scholarships", "common")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and not isinstance(field.verbose_name, Promise)
    }
    assert untranslated - UNSHOWN_FIELDS == set()
    assert UNSHOWN_FIELDS - untranslated == set()  # a field named since leaves the list
