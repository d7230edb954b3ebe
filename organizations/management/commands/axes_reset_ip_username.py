from ._lockouts import LockoutCommand


class Command(LockoutCommand):
    help = "Lift the sign-in lockout of one user name from one address, with history."

    def add_arguments(self, parser):
        parser.add_argument("ip", type=str)
        parser.add_argument("username", type=str)
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.lift([(options["username"], options["ip"])], options["reason"])
