"""The portal's own wording of strings that Django and its packages show untranslated, or word
against the portal's terms (django_catalogue_gaps.py), kept beside the catalogue in locale/
that `tools/i18n.py update` collects them into. Nothing imports it; makemessages reads it.
"""
