"""Keeping the public register's cache true: a recognition, a commune's yearly count or a
recognised household is on the public pages, so each change raises the public generation
(common.public_cache) inside the transaction that made it. Connected in
LearningModelsConfig.ready(). A bulk write (QuerySet.update, bulk_create) sends no signal:
the service that makes one calls public_cache.bump() itself, as recognise() does."""

from django.db.models.signals import post_delete, post_save

from common import public_cache
from learning_models.models import HouseholdCount, RecognisedHousehold, Recognition


def _changed(sender, **kwargs):
    public_cache.bump()


def connect():
    for signal in (post_save, post_delete):
        for model in (Recognition, HouseholdCount, RecognisedHousehold):
            signal.connect(_changed, sender=model, dispatch_uid=f"public-lm-{model.__name__}")
