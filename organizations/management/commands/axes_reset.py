from axes.models import AccessAttempt

from ._lockouts import LockoutCommand


class Command(LockoutCommand):
    help = "Lift every sign-in lockout, with a history entry on each account concerned."

    def handle(self, *args, **options):
        pairs = AccessAttempt.objects.values_list("username", "ip_address").distinct()
        self.lift(
            [(username or None, address or None) for username, address in pairs],
            options["reason"],
        )
