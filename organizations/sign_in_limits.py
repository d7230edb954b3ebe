"""Limits on signing in and on asking for a new password, against guessing and flooding.

Signing in is limited by django-axes (settings: the AXES_* block). Five failures within the
cool-off (15 minutes) for one user name, from any address, or from one address, for any user
names, pause signing in for that name or from that address. Tries during the pause are
refused and do not prolong it, so it ends at the time its page gives. The portal's own pieces:

- `client_ip`: which address a request comes from, trusting X-Forwarded-For only as far as
  settings.TRUSTED_PROXY_COUNT says proxies in front of the portal write it;
- `SignInHandler`: axes' database handler, except that a successful sign-in forgets only that
  account's failures, not those its address made on other accounts;
- `lockout_ends` and `lockouts_in`: when a pause ends, for the page and the admin alike;
- `lockout_response`: the page a paused sign-in gets (429, with the time to try again);
- the password-reset limit (`reset_refused_until`, `count_reset`): axes counts failed
  sign-ins only, and a reset request is not one, so these are counted in the cache.
"""

import hashlib
import ipaddress
import logging
import math
from typing import NamedTuple

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

log = logging.getLogger(__name__)

_warned_about_proxy = False


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request):
    """The client's address: the connection's, or the one the trusted proxies recorded.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies
    the client is the N-th entry from the right; entries further left were written by the
    client itself and prove nothing. A header shorter than N, or not an address, means the
    request did not come through the proxies: the connection's address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    remote = remote if _is_ip(remote) else None  # e.g. a Unix socket: no address to count
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0:
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= hops and _is_ip(entries[-hops]):
            return entries[-hops]
    elif forwarded and remote and ipaddress.ip_address(remote).is_loopback:
        _warn_proxy_not_configured(remote)
    return remote


def _warn_proxy_not_configured(remote):
    global _warned_about_proxy
    if not _warned_about_proxy:
        _warned_about_proxy = True
        log.warning(
            "Requests come through a proxy (X-Forwarded-For from %s) but TRUSTED_PROXY_COUNT is "
            "0: the sign-in limits count every client as %s. See docs/operations.md.",
            remote,
            remote,
        )


class SignInHandler(AxesDatabaseHandler):
    """Axes' database handler; a successful sign-in forgets the failures of that account only.

    Axes would also forget every failure of the client's address, so that signing in to one's
    own account every fourth guess would let one client guess at other accounts for ever.
    """

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def _ends(rows):
    """When a pause made of `rows` ((time, failures) of the recent attempts) ends, or None.

    Axes pauses while the failures of the attempts younger than the cool-off reach the limit;
    the attempts age out oldest first, so the pause ends a cool-off after the attempt at which
    the count, from the newest back, reaches the limit.
    """
    total = 0
    for at, failures in sorted(rows, reverse=True):
        total += failures
        if total >= settings.AXES_FAILURE_LIMIT:
            return at + settings.AXES_COOLOFF_TIME
    return None


class Lockouts(NamedTuple):
    """When each paused user name and each paused address may sign in again."""

    accounts: dict
    addresses: dict

    def of(self, attempt):
        """(account paused until, address paused until) for one attempt's name and address."""
        return self.accounts.get(attempt.username), self.addresses.get(attempt.ip_address)


def lockouts_in(*, usernames=(), addresses=()):
    """The pauses of these user names and addresses, read in one query."""
    recent = AccessAttempt.objects.filter(
        Q(username__in=[name for name in usernames if name])
        | Q(ip_address__in=[address for address in addresses if address]),
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).values_list("username", "ip_address", "attempt_time", "failures_since_start")
    by_name, by_address = {}, {}
    for username, address, at, failures in recent:
        by_name.setdefault(username, []).append((at, failures))
        by_address.setdefault(address, []).append((at, failures))
    accounts = {name: _ends(rows) for name, rows in by_name.items() if name in usernames}
    paused_addresses = {ip: _ends(rows) for ip, rows in by_address.items() if ip in addresses}
    return Lockouts(
        {name: end for name, end in accounts.items() if end},
        {ip: end for ip, end in paused_addresses.items() if end},
    )


def lockout_ends(*, username=None, ip_address=None):
    """When signing in with this user name, from this address, is open again (None: it is)."""
    found = lockouts_in(usernames=[username], addresses=[ip_address])
    ends = [end for end in (found.accounts.get(username), found.addresses.get(ip_address)) if end]
    return max(ends) if ends else None


def _wait(until):
    """(HH:MM in Hải Phòng, whole minutes from now, at least one) for the pages below."""
    now = timezone.now()
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return timezone.localtime(until).strftime("%H:%M"), minutes


def _try_again(until):
    time, minutes = _wait(until)
    return ngettext(
        "Please try again after %(time)s, in %(minutes)d minute.",
        "Please try again after %(time)s, in %(minutes)d minutes.",
        minutes,
    ) % {"time": time, "minutes": minutes}


def _too_many(request, template, until):
    response = render(request, template, {"try_again": _try_again(until)}, status=429)
    response["Retry-After"] = str(max(1, math.ceil((until - timezone.now()).total_seconds())))
    return response


def lockout_response(request, original_response=None, credentials=None):
    """The page of a sign-in refused because of too many failures (axes' lockout callable)."""
    username = get_client_username(request, credentials)
    until = lockout_ends(username=username, ip_address=getattr(request, "axes_ip_address", None))
    if until is None:  # the failure that started the pause, not yet seen by a query
        until = timezone.now() + settings.AXES_COOLOFF_TIME
    return _too_many(request, "registration/locked_out.html", until)


def paused_response(request, until):
    """The page of a request refused while the person's sign-in is paused (429)."""
    return _too_many(request, "registration/locked_out.html", until)


# Asking for a new password


def _reset_keys(request, email):
    def key(kind, value):
        return f"password-reset:{kind}:" + hashlib.sha256(value.encode()).hexdigest()

    limits = settings.PASSWORD_RESET_LIMITS
    return [
        (key("address", email.strip().lower()), limits["per_address"]),
        (key("client", client_ip(request) or ""), limits["per_client"]),
    ]


def _window_start(key):
    """When the counting window of `key` began, or None when there is no open window."""
    started = cache.get(key + ":since")
    if started is None or started + settings.PASSWORD_RESET_LIMITS["window"] <= timezone.now():
        return None
    return started


def reset_refused_until(request, email):
    """Until when a new-password mail for `email` from this client is refused, or None.

    The count is kept for every address asked for, known or not, so the answer says nothing
    about which addresses have an account.
    """
    ends = []
    for key, limit in _reset_keys(request, email):
        started = _window_start(key)
        if started is not None and cache.get(key, 0) >= limit:
            ends.append(started + settings.PASSWORD_RESET_LIMITS["window"])
    return max(ends) if ends else None


def count_reset(request, email):
    """Count one request for a new-password mail, for its address and for its client."""
    window = settings.PASSWORD_RESET_LIMITS["window"]
    seconds = int(window.total_seconds())
    for key, _limit in _reset_keys(request, email):
        if _window_start(key) is None:
            cache.set_many({key + ":since": timezone.now(), key: 1}, seconds)
            continue
        try:
            cache.incr(key)
        except ValueError:  # the count expired between the two reads
            cache.set_many({key + ":since": timezone.now(), key: 1}, seconds)


def reset_refused_response(request, until):
    """The page of a new-password request refused because of too many requests."""
    return _too_many(request, "registration/password_reset_limited.html", until)
