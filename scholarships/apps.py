from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholarshipsConfig(AppConfig):
    name = "scholarships"
    verbose_name = _("Study Promotion Fund")

    def permissions(self):
        from scholarships.permissions import declared

        return declared()
