from ._lockouts import LockoutCommand


class Command(LockoutCommand):
    help = "Lift the sign-in lockout of the given user names (from every address), with history."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="+", type=str)
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.lift([(name, None) for name in options["username"]], options["reason"])
