"""Every text field of the portal refuses control characters (a vertical tab pasted from
Word, a \\x01 in a unit code): one validator, common.text.refuse_control_characters,
on every CharField and TextField that people fill in, so a new field is covered too."""

import pytest
from django.apps import apps
from django.db import models

from common.text import refuse_control_characters

PORTAL_APPS = ("organizations", "campaigns", "learning_models", "scholarships")
# Django's own: a user name allows letters, digits and @.+-_ only; a password is hashed.
CHECKED_ELSEWHERE = {"organizations.User.username", "organizations.User.password"}


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, (models.CharField, models.TextField))
                and field.editable
                and not field.choices
                and field.model is model
            ):
                yield f"{model._meta.label}.{field.name}", field


def test_every_text_field_of_the_portal_refuses_control_characters():
    missing = [
        name
        for name, field in text_fields()
        if refuse_control_characters not in field.validators and name not in CHECKED_ELSEWHERE
    ]
    assert not missing


@pytest.mark.parametrize("text", ["Lễ\x0bphát động", "305\x01", "a\x7fb", "\x00"])
def test_the_validator_refuses_control_characters(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        refuse_control_characters(text)


def test_the_validator_accepts_tabs_and_line_breaks():
    refuse_control_characters("Dòng một\r\nDòng hai\tcột")
