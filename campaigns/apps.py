from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Month of Study Promotion")
    demo_loader = "campaigns.demo.load"

    def ready(self):
        from campaigns import history, signals

        signals.connect()
        history.register()

    def permissions(self):
        from campaigns.permissions import declared

        return declared()

    def officers_area(self):
        from campaigns.officers import area

        return area()

    def history_types(self):
        from campaigns.states import ACTIVITY_HISTORY, ACTIVITY_HISTORY_PUBLIC, CAMPAIGN_HISTORY
        from common.history.types import types_for

        return [
            *types_for("campaigns.activity", ACTIVITY_HISTORY, public=ACTIVITY_HISTORY_PUBLIC),
            *types_for("campaigns.campaign", CAMPAIGN_HISTORY),
        ]
