"""The learning models in the staff's admin: the criteria catalogue and its versions
(catalogue.py), dossiers and recognitions (dossiers.py), and the communes' yearly counts
and lists of recognised households, imported from their spreadsheets (households.py)."""

from . import catalogue, dossiers, households  # noqa: F401
