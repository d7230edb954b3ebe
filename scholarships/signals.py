"""Keeping the fund's public pages true: the disclosure, the giving pages and the yearly
statements show the ledger, the donations, the donors' public choice and the funds' names
and accounts, so a save of any of them raises the public generation (common.public_cache)
inside the transaction that made it. Connected in ScholarshipsConfig.ready(). A bulk write
(bulk_create, QuerySet.update) sends no signal: whoever makes one calls public_cache.bump()
itself (bench/fund.py does)."""

from django.db.models.signals import post_delete, post_save

from common import public_cache
from scholarships.models import Donation, Donor, Fund, LedgerEntry


def _changed(sender, **kwargs):
    public_cache.bump()


def connect():
    for signal in (post_save, post_delete):
        for model in (LedgerEntry, Donation, Donor, Fund):
            signal.connect(_changed, sender=model, dispatch_uid=f"public-fund-{model.__name__}")
