from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholarshipsConfig(AppConfig):
    name = "scholarships"
    verbose_name = _("Study Promotion Fund")

    def ready(self):
        from scholarships import signals

        signals.connect()

    def permissions(self):
        from scholarships.permissions import declared

        return declared()

    def history_types(self):
        from common.history.types import types_for
        from scholarships.states import DONOR_HISTORY, FUND_HISTORY, PLEDGE_HISTORY

        return [
            *types_for("scholarships.pledge", PLEDGE_HISTORY),
            *types_for("scholarships.donor", DONOR_HISTORY),
            *types_for("scholarships.fund", FUND_HISTORY),
        ]
