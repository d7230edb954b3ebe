"""Demo data for the campaigns app: see `manage.py load_demo`."""


def load(stdout):
    """The 2024 campaign (Kế hoạch 204/KH-UBND) with its focus areas and activities."""
