from ._lockouts import LockoutCommand


class Command(LockoutCommand):
    help = "Lift the sign-in lockout of the given addresses (for every user name), with history."

    def add_arguments(self, parser):
        parser.add_argument("ip", nargs="+", type=str)
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.lift([(None, address) for address in options["ip"]], options["reason"])
