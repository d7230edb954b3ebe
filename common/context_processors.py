from common import officers


def officers_area(request):
    """`officers_nav`: the menu's officers' part, worked out only if a page shows it."""
    computed = []

    def nav():
        if not computed:
            user = getattr(request, "user", None)
            computed.append(officers.nav_for(request) if officers.signed_in(user) else [])
        return computed[0]

    return {"officers_nav": nav}
