"""Deploy checks (`manage.py check --deploy`) about the portal's own data.

The demo accounts (organizations.demo) have a password printed in the README and on the
demo's sign-in page: a production database that still holds them, able to sign in, would
let anyone in as an officer or as the association's staff.
"""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security, deploy=True)
def demo_accounts_cannot_sign_in(app_configs=None, **kwargs):
    from organizations.demo import DEMO_ACCOUNTS
    from organizations.models import User

    names = [account.username for account in DEMO_ACCOUNTS]
    try:
        found = sorted(
            user.username
            for user in User.objects.filter(username__in=names, is_active=True)
            if user.has_usable_password()
        )
    except DatabaseError:  # no database yet, or not migrated: there is no account either
        return []
    if not found:
        return []
    return [
        checks.Error(
            "The database holds demo accounts that can sign in, whose user names and "
            f"password are published: {', '.join(found)}.",
            hint="Delete these users in the admin (or mark them inactive) before the portal "
            "goes into production, or use a database without the demo data.",
            id="organizations.E001",
        )
    ]
