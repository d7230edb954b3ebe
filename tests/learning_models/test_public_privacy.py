"""The public side of the learning models never shows a private person's name unless they
agreed on record to be named (DOMAIN.md §5), nor anything else private: the assessment
team, the notes of the self-assessment and the appraisal, the reasons of staff, the files
and the names of the officers who did the work.

Every URL of the `learning_models` namespace is requested, enumerated from the URLconf and
filled with every real code, unit and year, so a page added later is checked too."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from learning_models.models import Dossier, DossierFile, RecognisedHousehold, Recognition
from learning_models.states import Title
from learning_models.urls import public as public_urls
from tests.learning_models.public_factories import (
    city_2025,
    recognise_through_services,
    recognition,
)

CONSENTING = "Nguyễn Thị Đồngý Côngkhai"
PRIVATE_VALUES = [
    # Households without consent: their names, places and decisions.
    "Trần Văn Bímật",
    "Lê Thị Riêngtư",
    "Dòng họ Kínđáo",
    "Tổ dân phố Ẩndanh",
    "77/QĐ-KÍN",
    # Where a consent is kept is the commune's business, even for those who consented.
    "Tủ hồ sơ số 7 Kínđáo",
    # The dossier: team, notes, reasons, files.
    "Phạm Văn Tổtrưởng",
    "Ghi chú nội bộ Bảomật",
    "Ghi chú thẩm định Bảomật",
    "Lý do thu hồi Bảomật",
    "Hồ sơ nộp bổ sung theo đề nghị.",
    "bao-cao-rieng.pdf",
    "/media/",
]


@pytest.fixture
def private_world(units, make_unit, staff):
    """Recognitions (through the services, with a team, notes and files; and written
    directly, one of them revoked with a reason), households with and without consent."""
    _city, ward = city_2025(units, make_unit)
    made = recognise_through_services(
        ward,
        by=staff,
        team="Phạm Văn Tổtrưởng, Chủ tịch UBND phường, tổ trưởng",
        note="Ghi chú nội bộ Bảomật",
    )
    dossier = Dossier.objects.get(pk=made.dossier_id)
    dossier.values.update(appraisal_note="Ghi chú thẩm định Bảomật")
    DossierFile.objects.filter(dossier=dossier).update(original_name="bao-cao-rieng.pdf")
    old = recognition(units.an_bien, year=2024)
    revoked = recognition(
        units.bac_son,
        revoked_at=datetime.datetime(2025, 9, 1, 3, 0, tzinfo=datetime.UTC),
        revoked_reason="Lý do thu hồi Bảomật",
    )
    households = [
        (units.an_bien, 2024, Title.FAMILY, CONSENTING, "Tổ dân phố 3", True),
        (units.an_bien, 2024, Title.FAMILY, "Trần Văn Bímật", "Tổ dân phố Ẩndanh", False),
        (units.an_bien, 2024, Title.CITIZEN, "Lê Thị Riêngtư", "", False),
        (ward, 2025, Title.CLAN, "Dòng họ Kínđáo", "", False),
        (ward, 2025, Title.FAMILY, "Lê Thị Riêngtư", "Tổ dân phố Ẩndanh", False),
    ]
    for commune, year, title, name, place, consent in households:
        RecognisedHousehold.objects.create(
            commune=commune,
            year=year,
            title=title,
            name=name,
            place=place,
            decision_number="5/QĐ-UBND" if consent else "77/QĐ-KÍN",
            public_consent=consent,
            consent_note="Tủ hồ sơ số 7 Kínđáo" if consent else "",
        )
    return {"made": made, "old": old, "revoked": revoked, "ward": ward}


def _routes(patterns=None, prefix=""):
    """Every route of the public URLconf of the learning models, as its whole text."""
    for entry in patterns if patterns is not None else public_urls.urlpatterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + str(entry.pattern)


_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _addresses(values):
    """Every address of the namespace with its parameters filled with every real value."""
    mount = reverse("learning_models:register")
    addresses = []
    for route in _routes():
        names = [match["name"] for match in _PARAM.finditer(route)]
        combinations = [{}]
        for name in names:
            combinations = [{**c, name: value} for c in combinations for value in values[name]]
        for combination in combinations:
            addresses.append(mount + _PARAM.sub(lambda m, c=combination: str(c[m["name"]]), route))
    return addresses


def test_every_route_of_the_namespace_is_enumerated():
    _prefix, namespace = get_resolver().namespace_dict["learning_models"]
    mounted = {name for name in namespace.reverse_dict if isinstance(name, str)}
    enumerated = {entry.name for entry in public_urls.urlpatterns}
    assert mounted == enumerated
    routes = list(_routes())
    assert len(routes) == len(public_urls.urlpatterns) >= 5
    for param in ("<str:code>", "<id:pk>", "<int:year>"):
        assert any(param in route for route in routes), param


@pytest.mark.parametrize("language", ["en", None])
def test_no_public_page_shows_a_private_value(client_for, units, private_world, staff, language):
    visitor = client_for(None, language=language)
    units_ever = [u.pk for u in type(units.city).objects.all()]
    values = {
        "code": [r.code for r in Recognition.objects.all()],
        "pk": units_ever,
        "year": [2024, 2025],
    }
    addresses = _addresses(values)
    register = reverse("learning_models:register")
    addresses += [
        register + "?year=2024",
        register + "?year=2025",
        register + "?status=revoked",
        register + f"?area={units.le_chan.pk}&year=2024",
        register + "?q=an+bien",
    ]
    officers = [staff.full_name, staff.username, staff.email]
    seen = 0
    for address in addresses:
        response = visitor.get(address)
        assert response.status_code in (200, 301, 404), address
        if response.status_code != 200:
            continue
        seen += 1
        page = response.content.decode()
        for value in PRIVATE_VALUES + officers:
            assert value not in page, (address, value)
    assert seen >= 10


def test_a_consenting_name_is_listed_where_names_are_and_the_others_counted(
    anonymous_client, units, private_world
):
    page = anonymous_client.get(
        reverse("learning_models:households", args=[units.an_bien.pk, 2024])
    ).content.decode()

    assert CONSENTING in page
    assert "Tổ dân phố 3" in page
    assert "5/QĐ-UBND" in page
    assert "1 more recognised, not named: no consent to be named in public on record." in page
    assert "Trần Văn Bímật" not in page
    assert "Lê Thị Riêngtư" not in page

    ward_page = anonymous_client.get(
        reverse("learning_models:households", args=[private_world["ward"].pk, 2025])
    ).content.decode()
    assert "Dòng họ Kínđáo" not in ward_page
    assert ward_page.count("1 more recognised, not named") == 2  # a clan and a family


def test_the_households_page_only_for_a_commune_and_a_plausible_year(
    anonymous_client, units, private_world
):
    def status(pk, year):
        return anonymous_client.get(f"/learning-models/households/{pk}/{year}/").status_code

    assert status(units.an_bien.pk, 2024) == 200
    assert status(units.le_chan.pk, 2024) == 404  # a district lists no households
    assert status(units.an_bien.pk, 1999) == 404
    assert status(units.an_bien.pk, 99999) == 404
    assert status(999999, 2024) == 404


def test_a_unit_page_links_its_years_of_households(anonymous_client, units, private_world):
    page = anonymous_client.get(
        reverse("learning_models:unit", args=[units.an_bien.pk])
    ).content.decode()
    assert reverse("learning_models:households", args=[units.an_bien.pk, 2024]) in page
    assert CONSENTING not in page  # names only on the households page
