"""Demo data for the unit tree and the people: see `manage.py load_demo`."""


def load(stdout):
    """Filled in with the official unit files and one account per role."""
