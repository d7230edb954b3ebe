"""Malformed values in every address and every form of the portal get no server error, and
a refused form changes nothing.

Nothing here is listed by hand: the URLs come from the URLconf (get_resolver(), the admin's
included), their path parameters are filled with real ids of the fixtures' rows and with
malformed ones; the query parameters and forms come from the pages themselves (the HTML's
<form> elements, read with html.parser). A new page is fuzzed without anyone remembering;
a URL pattern that cannot be (a new converter) fails test_every_url_pattern_is_fuzzed.

Each persona (anonymous, officers of Lê Chân and Kiến An, staff, treasurer, reviewer) asks
for every URL; the malformed values are sent as the persona who gets furthest into each
part of the portal (staff for the admin, the officer of Lê Chân for /portal/). The pages
reached only with a row's id (an activity, a unit, a learning-model dossier, a recognition's
code) are read with each of them, and their forms posted. The requests are bounded (a few
thousand) so that the suite stays within its time budget.
"""

import datetime
import hashlib
import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from campaigns.models import ActivityState

HUGE = "9" * 5000
LONG = "x" * 100_000
THOUSAND_WORDS = " ".join(f"từ{n}" for n in range(1000))
# The values sent in place of every query parameter and form field.
MALFORMED = [
    "²",
    "٣",
    HUGE,
    str(2**63),
    "-1",
    LONG,
    "a\x00b",
    "\x01\x08\x1b\x7f",
    "1.5e3",
    THOUSAND_WORDS,
]
# The budget: every value in every query parameter and form field would be thousands of
# requests; these are the ones that broke pages before (each names a different cause).
QUERY_VALUES = ["²", HUGE, str(2**63), "a\x00b\x01", THOUSAND_WORDS]
FORM_VALUES = ["٣", HUGE, str(2**63), "a\x00b\x1b", "x" * 5000]
# Sent in place of path parameters (after the real ids).
MALFORMED_PATH = {
    "id": ["0", "9" * 19],
    "int": ["0", "9" * 19],
    "str": ["abc", "²", "9" * 30, "-1", "a%00b"],
    "path": ["abc", "²", "9" * 30, "-1", "a%00b"],
}
# Query parameters tried on every page besides those its forms name.
COMMON_PARAMS = ["q", "page", "p", "o", "e", "unit", "area", "campaign", "month", "next"]

# URL patterns not fuzzed, and why. Their forms are not posted either.
SKIPPED = {
    "accounts/logout/": "signs the persona out; it takes no values",
    "admin/logout/": "signs the persona out; it takes no values",
}
PERSONAS = [
    "anonymous",
    "officer_le_chan",
    "officer_kien_an",
    "staff",
    "treasurer",
    "reviewer",
]
# Tables that a refused request may still write to: sign-in attempts are recorded on
# purpose (django-axes), sessions are the persona's own.
UNCHECKED_TABLES = {"sessions", "axes"}


# --- the URLconf ------------------------------------------------------------------------


def _text(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    assert isinstance(pattern, RegexPattern)
    return pattern._regex.lstrip("^").rstrip("$")


def url_patterns(patterns=None, prefix=""):
    """Every routed pattern of the site, as its whole route text."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + _text(entry.pattern))
        else:
            yield prefix + _text(entry.pattern)


_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
# Regular-expression groups of the admin's URLs, with a value each.
_GROUPS = {
    "app_label": ["campaigns", "organizations", "learning_models", "scholarships"],
    "url": ["no-such-page/"],
}


def _value(match, index, ids, malformed):
    if match["group"]:
        choices = _GROUPS[match["group"]]
    elif malformed:
        choices = MALFORMED_PATH[match["converter"] or "str"]
    else:
        choices = [str(number) for number in ids]
    return choices[index] if index < len(choices) else None


def fill(route: str, ids: list, *, malformed: bool) -> list[str]:
    """Addresses for `route`: its parameters filled with each of the real ids (or, with
    `malformed`, each malformed value). Raises KeyError for a converter it does not know."""
    params = list(_PARAM.finditer(route))
    if not params:
        return ["/" + route] if not malformed else []
    addresses = []
    for index in range(max(len(ids), *(len(values) for values in MALFORMED_PATH.values()))):
        parts = [_value(match, index, ids, malformed) for match in params]
        if any(part is None for part in parts):
            continue
        address = route
        for match, part in zip(reversed(params), reversed(parts), strict=True):
            address = address[: match.start()] + part + address[match.end() :]
        addresses.append("/" + address)
    return addresses


def _area(address: str) -> str:
    if address.startswith("/admin/"):
        return "staff"
    if address.startswith("/portal/fund/"):
        return "treasurer"
    if address.startswith(("/portal/", "/accounts/password/change")):
        return "officer_le_chan"
    return "anonymous"


# --- what the pages offer ---------------------------------------------------------------


class _Forms(HTMLParser):
    """The <form>s of a page: method, action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": [],
                }
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self.forms[-1]["fields"]:
                self.forms[-1]["fields"].append(name)


def forms_of(response) -> list[dict]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


def _skipped(address: str) -> bool:
    path = urlsplit(address).path
    return any(re.fullmatch(_PARAM.sub(".+", "/" + route), path) for route in SKIPPED)


# --- checks -----------------------------------------------------------------------------


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(f"{record.getMessage()} ({record.exc_info and record.exc_info[1]!r})")


@pytest.fixture
def server_errors():
    """The ERROR records of django.request (every 5xx is logged there, and mailed in
    production)."""
    handler = _Errors()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def checksum() -> str:
    """A digest of every row of every table a request may change."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in UNCHECKED_TABLES or model._meta.proxy:
            continue
        digest.update(model._meta.label.encode())
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


class Fuzzer:
    def __init__(self, clients, server_errors):
        self.clients = clients
        self.server_errors = server_errors
        self.failures = []
        self.requests = 0
        self.pages = {}  # persona -> {address: forms}

    def send(self, persona, method, address, data=None):
        client = self.clients[persona]
        self.requests += 1
        before = len(self.server_errors)
        response = getattr(client, method)(address, data or {})
        if response.status_code >= 500 or len(self.server_errors) > before:
            shown = {key: str(value)[:40] for key, value in (data or {}).items()}
            self.failures.append(
                f"{persona} {method.upper()} {address[:120]} {shown} -> {response.status_code} "
                f"{self.server_errors[before:]}"
            )
        return response


def _learning_models(units, officer):
    """A registered dossier of Phường An Biên (its forms are the officer's), and a
    recognition of Phường Bắc Sơn (its public entry and certificate)."""
    from learning_models import services
    from learning_models.models import Recognition

    services.load_catalogue()
    dossier = services.register(
        unit=units.an_bien,
        title="community_commune",
        level=1,
        year=2024,
        by=officer,
        on=datetime.date(2025, 1, 10),
    )
    recognition = Recognition.objects.create(
        unit=units.bac_son,
        title="community_commune",
        level=1,
        year=2024,
        decision_number="98/QĐ-PGDĐT",
        decision_date=datetime.date(2025, 3, 20),
        signed_by="Trưởng phòng Giáo dục và Đào tạo quận Kiến An",
        authority="Phòng Giáo dục và Đào tạo quận Kiến An",
        valid_until=datetime.date(2027, 12, 31),
    )
    return dossier, recognition


def _fund(units, treasurer):
    """The city's fund with a gift (its entry and receipt) that pays a pledge."""
    from scholarships import services
    from scholarships.models import Donor, DonorKind, Fund, Method

    fund = Fund.objects.create(
        unit=units.association,
        name="Quỹ Khuyến học thành phố",
        bank_name="Vietcombank",
        bank_bin="970436",
        account_number="0031000123456",
        account_name="HOI KHUYEN HOC TP HAI PHONG",
    )
    donor = Donor.objects.create(kind=DonorKind.INDIVIDUAL, name="Nguyễn Văn An")
    pledge = services.pledge(
        fund, donor=donor, amount=5_000_000, due_on=datetime.date(2024, 10, 5), by=treasurer
    )
    donation = services.donate(
        fund, donor=donor, amount=2_000_000, method=Method.CASH, by=treasurer, pledge=pledge
    )
    return fund, donation, pledge


@pytest.fixture
def fuzzer(
    client_for,
    units,
    server_errors,
    activity,
    officer_le_chan,
    officer_kien_an,
    staff,
    treasurer,
    reviewer,
):
    people = {
        "anonymous": None,
        "officer_le_chan": officer_le_chan,
        "officer_kien_an": officer_kien_an,
        "staff": staff,
        "treasurer": treasurer,
        "reviewer": reviewer,
    }
    clients = {}
    for persona, user in people.items():
        clients[persona] = client_for(user)
        clients[persona].raise_request_exception = False
    draft = activity(ActivityState.DRAFT, title="Ngày hội đọc sách phường An Biên")
    published = activity(ActivityState.PUBLISHED, title="Trao học bổng Hoa Phượng Đỏ")
    dossier, recognition = _learning_models(units, officer_le_chan)
    fund, donation, pledge = _fund(units, treasurer)
    fuzz = Fuzzer(clients, server_errors)
    # Each path parameter takes each of these in turn: the rows' ids, and a recognition's
    # code (the register's entries are addressed by it).
    fuzz.ids = [
        draft.pk,
        published.pk,
        draft.organizer_id,
        dossier.pk,
        recognition.code,
        fund.pk,
        donation.pk,
        donation.entry_id,
        pledge.pk,
        pledge.token,
    ]
    fuzz.fund = fund
    fuzz.dossier, fuzz.recognition = dossier, recognition
    return fuzz


def _report(fuzz):
    assert not fuzz.failures, f"{len(fuzz.failures)} server errors:\n" + "\n".join(
        fuzz.failures[:30]
    )


# --- the tests --------------------------------------------------------------------------


def test_every_url_pattern_is_fuzzed_or_skipped():
    for route in url_patterns():
        if route in SKIPPED:
            continue
        # A KeyError here: a converter or regex group the fuzzer cannot fill yet.
        assert fill(route, [1], malformed=False), route


def test_every_address_answers_every_persona_without_a_server_error(fuzzer):
    routes = [route for route in url_patterns() if route not in SKIPPED]
    for route in routes:
        for address in fill(route, fuzzer.ids[:1], malformed=False):
            for persona in PERSONAS:
                fuzzer.send(persona, "get", address)
        deep = fill(route, fuzzer.ids[1:], malformed=False) + fill(route, [], malformed=True)
        for address in deep:
            fuzzer.send(_area(address), "get", address)
    assert fuzzer.requests > len(routes)
    _report(fuzzer)


def _pages(fuzzer):
    """The pages (with their forms) each part's persona reaches, filled with real ids."""
    for route in url_patterns():
        if route in SKIPPED:
            continue
        for address in fill(route, fuzzer.ids, malformed=False):
            persona = _area(address)
            response = fuzzer.send(persona, "get", address)
            if response.status_code == 200:
                yield persona, address, forms_of(response)


def test_malformed_query_parameters_get_no_server_error(fuzzer):
    pages = list(_pages(fuzzer))
    reached = {address for _persona, address, _forms in pages}
    assert {
        "/admin/campaigns/activity/",
        "/portal/activities/",
        "/calendar/",
        "/portal/learning-models/",
        "/learning-models/",
        f"/learning-models/{fuzzer.recognition.code}/certificate/",
        "/fund/",
        f"/portal/fund/{fuzzer.fund.pk}/",
    } <= reached
    for persona, address, forms in pages:
        names = {name for form in forms if form["method"] == "get" for name in form["fields"]}
        names.update(COMMON_PARAMS)
        for value in QUERY_VALUES:
            fuzzer.send(persona, "get", address, dict.fromkeys(names, value))
        # Repeated parameters, a good value beside a bad one; a very long search.
        fuzzer.send(persona, "get", address, {name: ["1", "-1"] for name in names})
        fuzzer.send(persona, "get", address, {"q": LONG})
    _report(fuzzer)


def test_malformed_forms_get_no_server_error_and_change_nothing_when_refused(fuzzer):
    posted = set()
    fuzzer.posted_to = []
    for persona, address, forms in list(_pages(fuzzer)):
        for form in forms:
            target = form["action"] or address
            if form["method"] != "post" or _skipped(target) or (persona, target) in posted:
                continue
            posted.add((persona, target))
            fuzzer.posted_to.append(target)
            fields = form["fields"]
            before = checksum()
            for value in [*FORM_VALUES, None]:
                data = dict.fromkeys(fields, value) if value is not None else {}
                response = fuzzer.send(persona, "post", target, data)
                refused = 400 <= response.status_code < 500 or response.status_code == 200
                after = checksum()
                if refused and after != before:
                    fuzzer.failures.append(
                        f"{persona} POST {target} with {str(value)[:20]!r} was refused "
                        f"({response.status_code}) but changed the database"
                    )
                before = after
    assert posted
    # The forms of a page reached only with a row's id are posted too (a dossier's own).
    assert f"/portal/learning-models/{fuzzer.dossier.pk}/self-assessment/" in fuzzer.posted_to
    # And the fund's: a gift recorded by its treasurer.
    assert f"/portal/fund/{fuzzer.fund.pk}/donations/new/" in fuzzer.posted_to
    _report(fuzzer)
