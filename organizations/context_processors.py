from django.conf import settings

from organizations import permissions


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_languages": settings.LANGUAGES,
        "portal_demo": settings.DEMO_MODE,
        "can_use_admin": permissions.may_use_admin(user) if user else False,
    }
