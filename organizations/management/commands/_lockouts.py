"""django-axes' reset commands, taken over so that a lockout lifted from the command line
goes through organizations.services.lift_lockout like one lifted in the admin: each account
gets a history entry (by the portal itself, with the reason given) and a log line."""

from django.core.management.base import BaseCommand

from organizations import services

DEFAULT_REASON = "Lifted from the command line."


class LockoutCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--reason", default=DEFAULT_REASON, help="Why, for the history.")

    def lift(self, pairs, reason):
        forgotten = sum(
            services.lift_lockout(username=username, ip_address=address, reason=reason)
            for username, address in pairs
        )
        if forgotten:
            self.stdout.write(f"{forgotten} failed sign-ins forgotten.")
        else:
            self.stdout.write("No failed sign-ins found.")
