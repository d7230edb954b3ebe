"""Donations, like ledger entries, are never changed or deleted: the database refuses it
(the same triggers as migration 0002). A mistake is corrected by reversing the entry."""

import importlib

from django.db import migrations

_ledger = importlib.import_module("scholarships.migrations.0002_ledger_is_append_only")
FORWARD, BACKWARD = _ledger.append_only(
    "scholarships_donation",
    "donations are never changed or deleted; reverse the entry of the donation",
)


class Migration(migrations.Migration):
    dependencies = [("scholarships", "0003_donors_and_donations")]

    operations = [migrations.RunPython(_ledger._run(FORWARD), _ledger._run(BACKWARD))]
