"""Keeping the public pages' cache true: whatever they show raises the public generation
when it changes (common.public_cache). Connected in CampaignsConfig.ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from campaigns.models import Activity, ActivityResult, Campaign, FocusArea, KeyDate
from campaigns.states import ACTIVITY_PUBLIC
from common import public_cache


def _activity_changed(sender, instance, **kwargs):
    # A draft or a submission is not on any public page: its changes leave the cache be.
    if instance.state in ACTIVITY_PUBLIC:
        public_cache.bump()


def _result_changed(sender, instance, **kwargs):
    if instance.activity.state in ACTIVITY_PUBLIC:
        public_cache.bump()


def _co_organizers_changed(sender, instance, action, **kwargs):
    if not action.startswith("post_"):
        return
    if not isinstance(instance, Activity) or instance.state in ACTIVITY_PUBLIC:
        public_cache.bump()


def _always(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        public_cache.bump()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(_activity_changed, sender=Activity, dispatch_uid="public-activity")
        signal.connect(_result_changed, sender=ActivityResult, dispatch_uid="public-result")
        for model in (Campaign, FocusArea, KeyDate):
            signal.connect(_always, sender=model, dispatch_uid=f"public-{model.__name__}")
    m2m_changed.connect(
        _co_organizers_changed,
        sender=Activity.co_organizers.through,
        dispatch_uid="public-coorg",
    )
    m2m_changed.connect(
        _always, sender=Campaign.participants.through, dispatch_uid="public-participants"
    )
