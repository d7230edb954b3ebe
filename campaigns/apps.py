from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Month of Study Promotion")
    demo_loader = "campaigns.demo.load"

    def ready(self):
        from campaigns.states import HISTORY_ACTIONS
        from organizations.audit import register_actions

        register_actions(HISTORY_ACTIONS)

        from campaigns import signals

        signals.connect()
