from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholarshipsConfig(AppConfig):
    name = "scholarships"
    verbose_name = _("Study Promotion Fund")
    demo_loader = "scholarships.demo.load"

    def ready(self):
        from scholarships import history, signals

        history.register()
        signals.connect()

    def permissions(self):
        from scholarships.permissions import declared

        return declared()

    def officers_area(self):
        from scholarships.officers import area

        return area()

    def history_types(self):
        from common.history.types import types_for
        from scholarships.states import DONOR_HISTORY, FUND_HISTORY, PLEDGE_HISTORY

        return [
            *types_for("scholarships.pledge", PLEDGE_HISTORY),
            *types_for("scholarships.donor", DONOR_HISTORY),
            *types_for("scholarships.fund", FUND_HISTORY),
        ]
