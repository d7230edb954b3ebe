"""The admin for units (units.py), for people and their roles (people.py), and for the pauses
on signing in (sign_in.py)."""

from . import people, sign_in, units  # noqa: F401
