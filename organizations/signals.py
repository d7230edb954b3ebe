"""Unit names and the tree appear on public pages: a change raises the public generation
(common.public_cache). Connected in OrganizationsConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from common import public_cache
from organizations.models import Unit


def _unit_changed(sender, **kwargs):
    public_cache.bump()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(_unit_changed, sender=Unit, dispatch_uid="public-unit")
