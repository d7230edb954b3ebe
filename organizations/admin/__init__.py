"""The admin for units (units.py) and for people and their roles (people.py)."""

from . import people, units  # noqa: F401
