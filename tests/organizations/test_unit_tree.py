"""The official unit tree as the portal ships it: the right tree on each day, and the admin
that browses it. Loaded once for this module from organizations/data (the `official_tree`
fixture of tests/conftest.py)."""

import datetime

import pytest
from django.urls import reverse

from common.models import HistoryEntry
from common.text import same_name
from organizations.importing import load_official_units
from organizations.models import (
    Unit,
    UnitAncestry,
    UnitKind,
    UnitLevel,
    UnitPredecessor,
)
from organizations.selectors import (
    city_on,
    city_tree_on,
    descendants_on,
    in_city_on,
    tree_changes_between,
    tree_on,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_tree")]

CAMPAIGN_DAY_2024 = datetime.date(2024, 9, 15)
AFTER_FIRST_REFORM = datetime.date(2025, 3, 1)
LAST_DAY_BEFORE_MERGER = datetime.date(2025, 6, 30)
MERGER_DAY = datetime.date(2025, 7, 1)


def administrative_children(tree, unit):
    return [child for child in tree.children(unit) if child.is_administrative]


def test_tree_on_campaign_day_2024_has_15_districts_and_217_communes():
    tree = tree_on(CAMPAIGN_DAY_2024)
    city = city_on(CAMPAIGN_DAY_2024)
    assert city.name == "Thành phố Hải Phòng"
    districts = tree.of_level(UnitLevel.DISTRICT, under=city)
    assert len(districts) == 15
    assert len(administrative_children(tree, city)) == 15
    assert len(tree.of_level(UnitLevel.COMMUNE, under=city)) == 217
    kinds = sorted(district.kind for district in districts)
    assert kinds.count(UnitKind.URBAN_DISTRICT) == 7
    assert kinds.count(UnitKind.RURAL_DISTRICT) == 8
    # Every commune hangs under a district, none directly under the city.
    for district in districts:
        for commune in tree.children(district):
            assert commune.level == UnitLevel.COMMUNE


def test_tree_on_1_march_2025_has_167_communes_and_thuy_nguyen_is_a_city():
    tree = tree_on(AFTER_FIRST_REFORM)
    city = city_on(AFTER_FIRST_REFORM)
    assert len(tree.of_level(UnitLevel.COMMUNE, under=city)) == 167
    thuy_nguyen = next(unit for unit in tree.children(city) if unit.code == "311")
    assert thuy_nguyen.kind == UnitKind.CITY_UNDER_CITY
    assert same_name(thuy_nguyen.name, "Thành phố Thủy Nguyên")
    communes = tree.children(thuy_nguyen)
    assert len(communes) == 21  # 17 phường and 4 xã, as the press reported
    assert all(tree.parent(commune) == thuy_nguyen for commune in communes)
    an_duong = next(unit for unit in tree.children(city) if unit.code == "312")
    assert an_duong.kind == UnitKind.URBAN_DISTRICT


def test_thuy_nguyen_communes_sit_under_the_huyen_in_2024_and_the_city_in_2025():
    before = tree_on(CAMPAIGN_DAY_2024)
    huyen = next(unit for unit in before.children(city_on(CAMPAIGN_DAY_2024)) if unit.code == "311")
    assert huyen.kind == UnitKind.RURAL_DISTRICT
    assert same_name(huyen.name, "Huyện Thủy Nguyên")
    assert len(before.children(huyen)) == 37
    after = tree_on(AFTER_FIRST_REFORM)
    ward = Unit.objects.get(code="11557", valid_from=datetime.date(2025, 1, 1))
    assert ward.name == "Phường Thiên Hương"
    assert after.parent(ward).name == "Thành phố Thuỷ Nguyên"
    assert Unit.objects.get(code="11557", valid_from=None).name == "Xã Thiên Hương"


def test_tree_on_1_july_2025_has_114_units_under_the_city_and_no_district_level():
    tree = tree_on(MERGER_DAY)
    city = city_on(MERGER_DAY)
    assert city.valid_from == MERGER_DAY
    under_city = administrative_children(tree, city)
    assert len(under_city) == 114
    assert tree.of_level(UnitLevel.DISTRICT) == []
    kinds = [unit.kind for unit in under_city]
    assert (kinds.count("phuong"), kinds.count("xa"), kinds.count("dac_khu")) == (45, 67, 2)
    # Hải Dương no longer exists as a province that day.
    assert not Unit.objects.valid_on(MERGER_DAY).filter(code="30").exists()


def test_every_2025_unit_resolves_its_predecessors_to_units_of_30_june_2025():
    new_units = Unit.objects.filter(valid_from=MERGER_DAY).exclude(kind=UnitKind.CITY)
    assert new_units.count() == 114
    links = UnitPredecessor.objects.filter(unit__in=new_units).select_related("predecessor")
    assert links.count() == 451
    assert {link.unit_id for link in links} == set(new_units.values_list("pk", flat=True))
    for link in links:
        assert link.predecessor.is_valid_on(LAST_DAY_BEFORE_MERGER), link
        assert not link.predecessor.is_valid_on(MERGER_DAY), link
    city_links = UnitPredecessor.objects.filter(unit=city_on(MERGER_DAY))
    assert sorted(link.predecessor.name for link in city_links) == [
        "Thành phố Hải Phòng",
        "Tỉnh Hải Dương",
    ]


def test_every_unit_of_30_june_2025_went_into_the_new_city():
    old_units = Unit.objects.valid_on(LAST_DAY_BEFORE_MERGER).administrative()
    communes = old_units.of_level(UnitLevel.COMMUNE)
    assert communes.count() == 167 + 207
    used = set(UnitPredecessor.objects.values_list("predecessor_id", flat=True))
    assert set(communes.values_list("pk", flat=True)) <= used


def test_code_11341_names_lac_vien_in_2024_and_gia_vien_in_2025():
    assert Unit.objects.valid_on(CAMPAIGN_DAY_2024).get(code="11341").name == "Phường Lạc Viên"
    assert Unit.objects.valid_on(AFTER_FIRST_REFORM).get(code="11341").name == "Phường Gia Viên"
    assert not Unit.objects.valid_on(MERGER_DAY).filter(code="11341").exists()


def test_hai_duong_communes_sit_under_the_province_until_the_merger():
    province = Unit.objects.get(code="30")
    assert province.kind == UnitKind.PROVINCE
    communes = descendants_on(province, LAST_DAY_BEFORE_MERGER)
    assert communes.count() == 207
    assert set(communes.values_list("kind", flat=True)) == {"phuong", "xa", "thi_tran"}


def test_bodies_sit_under_the_city_before_and_after_the_merger():
    association = Unit.objects.get(code="HKH-HP")
    assert association.kind == UnitKind.ASSOCIATION
    assert association.name == "Hội Khuyến học thành phố Hải Phòng"
    for day in (CAMPAIGN_DAY_2024, MERGER_DAY):
        tree = tree_on(day)
        bodies = [unit for unit in tree.children(city_on(day)) if not unit.is_administrative]
        assert {unit.code for unit in bodies} >= {"HKH-HP", "SGDDT-HP", "BQLKKT-HP", "CA-HP"}
        assert len(bodies) == 15


def test_official_tree_load_again_duplicates_nothing(official_tree):
    counts = (
        Unit.objects.count(),
        UnitPredecessor.objects.count(),
        UnitAncestry.objects.count(),
        HistoryEntry.objects.count(),
    )
    assert sum(report.created for report in official_tree.values()) == counts[0] == 618

    reports = load_official_units()

    assert all(report.created == report.updated == 0 for report in reports.values())
    assert sum(report.unchanged for report in reports.values()) == 618
    assert (
        Unit.objects.count(),
        UnitPredecessor.objects.count(),
        UnitAncestry.objects.count(),
        HistoryEntry.objects.count(),
    ) == counts


def test_official_tree_load_writes_one_history_entry_per_unit():
    entries = HistoryEntry.objects.filter(action="imported")
    assert entries.count() == Unit.objects.count()
    entry = entries.get(object_id=str(Unit.objects.get(code="11341", valid_from=None).pk))
    assert entry.reason.endswith("units-hai-phong-2024.csv")
    assert entry.changes["name"] == [None, "Phường Lạc Viên"]
    assert entry.actor is None


# The admin's list of units


@pytest.fixture
def admin_client(make_person, client_for):
    return client_for(make_person("admin", is_superuser=True))


def changelist(client, **params):
    return client.get(reverse("admin:organizations_unit_changelist"), params)


def test_admin_search_finds_names_without_diacritics(admin_client):
    response = changelist(admin_client, q="hong bang")
    assert response.status_code == 200
    names = {unit.name for unit in response.context["cl"].result_list}
    assert names == {"Quận Hồng Bàng", "Phường Hồng Bàng"}
    by_code = changelist(admin_client, q="sgddt-hp").context["cl"].result_list
    assert [unit.code for unit in by_code] == ["SGDDT-HP"]


def test_admin_filters_units_valid_on_a_day_by_level(admin_client):
    response = changelist(admin_client, valid_on="2024-09-15", level=UnitLevel.COMMUNE)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 217 + 207
    response = changelist(admin_client, valid_on="01/07/2025", level=UnitLevel.DISTRICT)
    assert response.context["cl"].result_count == 0
    response = changelist(admin_client, valid_on="01/07/2025", kind=UnitKind.SPECIAL_ZONE)
    assert response.context["cl"].result_count == 2
    # The day's form keeps the other filters.
    page = response.content.decode()
    day_form = page[page.index('class="valid-on-filter"') :].split("</form>")[0]
    assert '<input type="hidden" name="kind" value="dac_khu">' in day_form
    assert 'name="valid_on" value="2025-07-01"' in day_form


def test_admin_unit_page_shows_where_it_stood_in_the_tree(admin_client):
    ward = Unit.objects.get(code="11557", valid_from=datetime.date(2025, 1, 1))
    response = admin_client.get(reverse("admin:organizations_unit_change", args=[ward.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thành phố Thuỷ Nguyên" in page  # above it, 1/1 – 30/6/2025
    assert "Thành phố Hải Phòng" in page
    assert "Phường Thiên Hương (11557, whole unit)" in page  # the 1/7/2025 ward formed from it


# The city's part of the tree (the table also holds Hải Dương's units until 30/6/2025)


def test_city_tree_on_2024_leaves_out_hai_duong():
    tree = city_tree_on(CAMPAIGN_DAY_2024)

    city = city_on(CAMPAIGN_DAY_2024)
    assert tree.roots == [city]
    assert len(tree.of_level(UnitLevel.COMMUNE)) == 217
    assert len(tree.of_level(UnitLevel.DISTRICT)) == 15
    assert len(tree.of_level(UnitLevel.BODY)) == 15
    assert not any(unit.parent_code == "30" for unit in tree.units.values())
    assert len(tree_on(CAMPAIGN_DAY_2024).units) == len(tree.units) + 208  # Hải Dương's


def test_city_tree_from_the_merger_has_114_communes_under_the_city():
    tree = city_tree_on(MERGER_DAY)

    city = city_on(MERGER_DAY)
    assert tree.roots == [city]
    assert {unit.level for unit in tree.children(city)} == {UnitLevel.COMMUNE, UnitLevel.BODY}
    assert len(tree.of_level(UnitLevel.COMMUNE)) == 114
    assert not tree.of_level(UnitLevel.DISTRICT)


def test_in_city_on_tells_the_citys_units_from_hai_duongs():
    hai_duong_ward = Unit.objects.valid_on(CAMPAIGN_DAY_2024).get(code="10507")  # Cẩm Thượng
    le_chan = Unit.objects.valid_on(CAMPAIGN_DAY_2024).get(code="305")
    association = Unit.objects.get(code="HKH-HP")

    inside = in_city_on([hai_duong_ward, le_chan, association], CAMPAIGN_DAY_2024)

    assert inside == {le_chan.pk, association.pk}
    assert in_city_on([le_chan, association], MERGER_DAY) == {association.pk}


def test_tree_changes_between_finds_the_days_the_city_changed():
    summer = (datetime.date(2025, 6, 15), datetime.date(2025, 7, 15))
    winter = (datetime.date(2024, 12, 15), datetime.date(2025, 1, 15))
    month_2024 = (datetime.date(2024, 9, 5), datetime.date(2024, 10, 5))

    assert tree_changes_between(*summer) == [summer[0], MERGER_DAY]
    assert tree_changes_between(*winter) == [winter[0], datetime.date(2025, 1, 1)]
    assert tree_changes_between(*month_2024) == [month_2024[0]]
