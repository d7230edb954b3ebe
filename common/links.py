"""Absolute links to the portal: its public address (settings.PORTAL_BASE_URL) + a path.

A link that leaves the portal is followed later and elsewhere: an officer opens the mail the
next morning, a calendar app shows an event's page months after it polled the feed. So it
carries the address the public reaches the portal at, never the host of the request that
happened to build it or of the machine it runs on. Every such link is built here.
"""

from django.conf import settings
from django.urls import reverse


def public_url(path: str = "/") -> str:
    """The public address followed by `path`, an absolute path such as reverse() gives."""
    if not path.startswith("/"):
        raise ValueError(f"public_url() needs an absolute path, not {path!r}.")
    return settings.PORTAL_BASE_URL + path


def public_reverse(viewname: str, *, args=None, kwargs=None) -> str:
    """reverse() as an absolute link on the public address."""
    return public_url(reverse(viewname, args=args, kwargs=kwargs))
