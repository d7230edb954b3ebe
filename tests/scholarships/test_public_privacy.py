"""The fund's public pages never show what is private: the name of a donor who chose to stay
anonymous, any donor's address, phone or e-mail, the treasurers who keep the books, the
descriptions of entries (a gift's names its donor, a spend may name a pupil) and the
reasons of corrections.

Every URL of the `scholarships` namespace is requested, enumerated from the URLconf and
filled with every real fund, year and pledge token, in both languages, with the home page
and the disclosure's own variants: a page added later is checked too. Spreadsheets are read
cell by cell."""

import datetime
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from campaigns.models import Campaign
from scholarships import services
from scholarships.models import Fund, Method, Pledge
from scholarships.urls import public as public_urls
from tests.campaigns.factories import make_campaign

pytestmark = pytest.mark.django_db

PUPIL = "Nguyễn Văn Bímật"
REASON = "Lý do đính chính Bảomật"


@pytest.fixture
def private_books(fund, district_fund, donor, named_donor, treasurer, district_treasurer):
    """Gifts of an anonymous donor (with an address, a phone and an e-mail) and of a named
    one (with theirs), in money and in kind, a pledge of each, a reversal with its reason,
    a spend naming a pupil; recorded by the city's and Lê Chân's treasurers."""
    campaign = make_campaign()
    day = datetime.date(2024, 9, 12)
    for fund_, by in ((fund, treasurer), (district_fund, district_treasurer)):
        for giver, amount in ((donor, 3_000_000), (named_donor, 20_000_000)):
            services.donate(
                fund_,
                donor=giver,
                amount=amount,
                method=Method.TRANSFER,
                by=by,
                occurred_on=day,
                campaign=campaign,
            )
        services.donate(
            fund_,
            donor=donor,
            amount=5_000_000,
            method=Method.IN_KIND,
            in_kind="10 bộ sách giáo khoa",
            by=by,
            occurred_on=datetime.date(2023, 6, 1),
        )
        wrong = services.donate(
            fund_, donor=donor, amount=700_000, method=Method.CASH, by=by, occurred_on=day
        )
        services.reverse(wrong.entry, by=by, reason=REASON)
        services.spend(
            fund_,
            amount=1_500_000,
            description=f"Học bổng vượt khó cho em {PUPIL}",
            by=by,
            occurred_on=datetime.date(2024, 10, 1),
        )
        for giver in (donor, named_donor):
            services.pledge(
                fund_,
                donor=giver,
                amount=10_000_000,
                due_on=datetime.date(2024, 12, 31),
                by=by,
                note=f"Ghi chú cam kết {REASON}",
            )


def private_values(donor, named_donor, treasurer, district_treasurer):
    values = [donor.name, PUPIL, REASON]
    for person in (donor, named_donor):
        values += [person.address, person.phone, person.email]
    for officer in (treasurer, district_treasurer):
        values += [officer.full_name, officer.email]
    # The sign-in name where it is not a plain word the pages use ("treasurer").
    values.append(district_treasurer.username)
    values += ["0912345678", "0225 3859 945".replace(" ", "")]  # phones as digits only
    return [value for value in values if value]


def _routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else public_urls.urlpatterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + str(entry.pattern)


_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _addresses(values):
    """Every address of the namespace with its parameters filled with every real value."""
    mount = reverse("scholarships:disclosure")
    addresses = []
    for route in _routes():
        names = [match["name"] for match in _PARAM.finditer(route)]
        combinations = [{}]
        for name in names:
            assert name in values, f"the privacy test has no values for <{name}> ({route})"
            combinations = [{**c, name: value} for c in combinations for value in values[name]]
        for combination in combinations:
            addresses.append(mount + _PARAM.sub(lambda m, c=combination: str(c[m["name"]]), route))
    return addresses


def _text(response):
    """What a response shows: its HTML, or every cell of a spreadsheet."""
    if "spreadsheetml" in response.get("Content-Type", ""):
        workbook = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()


def test_every_route_of_the_namespace_is_enumerated():
    _prefix, namespace = get_resolver().namespace_dict["scholarships"]
    mounted = {name for name in namespace.reverse_dict if isinstance(name, str)}
    enumerated = {entry.name for entry in public_urls.urlpatterns}
    assert mounted == enumerated
    routes = list(_routes())
    assert len(routes) == len(public_urls.urlpatterns) >= 5
    for param in ("<id:pk>", "<int:year>", "<str:token>"):
        assert any(param in route for route in routes), param


@pytest.mark.parametrize("language", ["en", "vi"])
def test_no_public_page_shows_a_private_value(
    client_for,
    private_books,
    donor,
    named_donor,
    treasurer,
    district_treasurer,
    language,
):
    assert Campaign.objects.exists()
    visitor = client_for(None, language=language)
    funds = list(Fund.objects.values_list("pk", flat=True))
    values = {
        "pk": [*funds, 999999],
        "year": [2023, 2024, datetime.date.today().year],
        "token": [pledge.token for pledge in Pledge.objects.all()],
        # Routes added later (receipts checked by donors) fill these from the same books.
        "label": ["2024/000001", "2024/000002"],
        "code": ["ABCDEF"],
    }
    addresses = _addresses(values)
    disclosure = reverse("scholarships:disclosure")
    addresses += [
        "/",
        disclosure,
        disclosure + "?year=2023",
        disclosure + "?year=2024",
        reverse("scholarships:fund", args=[funds[0]]) + "?amount=500.000",
        reverse("scholarships:fund", args=[funds[0]]) + "?amount=bad",
    ]
    private = private_values(donor, named_donor, treasurer, district_treasurer)
    seen = 0
    for address in addresses:
        response = visitor.get(address)
        assert response.status_code in (200, 301, 302, 404), address
        if response.status_code != 200:
            continue
        seen += 1
        text = _text(response)
        for value in private:
            assert value not in text, (address, value)
    assert seen >= 15


def test_the_anonymous_donors_gifts_are_there_without_a_name(client_for, private_books, donor):
    """The check above is not empty: the anonymous gifts are on the page, as such."""
    for language, shown in (("en", "Anonymous donor"), ("vi", "Nhà hảo tâm giấu tên")):
        page = client_for(None, language=language).get("/fund/").content.decode()
        assert shown in page
        assert "Công ty Cổ phần Cảng Hải Phòng" in page
        assert donor.name not in page
