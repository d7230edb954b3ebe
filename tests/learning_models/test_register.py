"""The public register at /learning-models/: the recognised bodies with their status, the
filters (title, level, year, area following the tree of the decision's day) and the search
without diacritics, strict page numbers, a fixed number of queries, the communes' counts and
the national targets, and the public cache kept true by the services (a recognition's entry
and a unit's history are test_register_entries.py)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.public_cache import generation
from learning_models.models import HouseholdCount, Recognition
from learning_models.states import Title
from tests.learning_models.public_factories import (
    REFORM_DAY,
    city_2025,
    recognise_through_services,
    recognition,
)
from tests.learning_models.public_factories import page_text as _text
from tests.learning_models.public_factories import register_listing as _listed

REGISTER = "/learning-models/"


# --- rows, status and filters -----------------------------------------------------------


def test_each_row_names_the_unit_title_level_year_decision_validity_and_status(
    anonymous_client, register_rows
):
    page = _text(anonymous_client.get(REGISTER))

    assert "Phường An Biên" in page
    assert "12/QĐ-PGDĐT" in page
    assert "20/03/2025" in page
    assert "31/12/2027" in page
    assert "Learning community, commune level" in page
    assert register_rows["an_bien"].get_absolute_url() in page
    assert "Valid" in page
    assert "Expired" in page  # Bắc Sơn's ended on 31/12/2024


def test_revoked_recognitions_are_left_out_unless_asked_for(anonymous_client, register_rows):
    listed = _listed(anonymous_client.get(REGISTER))
    assert "Phường Nam Sơn" not in listed
    assert set(listed) == {
        "Phường An Biên",
        "Phường Bắc Sơn",
        "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
    }

    revoked = anonymous_client.get(REGISTER, {"status": "revoked"})
    assert _listed(revoked) == ["Phường Nam Sơn"]
    assert "Revoked" in _text(revoked)
    assert _listed(anonymous_client.get(REGISTER, {"status": "expired"})) == ["Phường Bắc Sơn"]
    assert "Phường Bắc Sơn" not in _listed(anonymous_client.get(REGISTER, {"status": "valid"}))


def test_filters_by_title_level_and_year(anonymous_client, register_rows):
    assert _listed(anonymous_client.get(REGISTER, {"title": Title.LEARNING_UNIT})) == [
        "Sở Giáo dục và Đào tạo thành phố Hải Phòng"
    ]
    assert _listed(anonymous_client.get(REGISTER, {"level": "2"})) == [
        "Sở Giáo dục và Đào tạo thành phố Hải Phòng"
    ]
    assert _listed(anonymous_client.get(REGISTER, {"year": "2021"})) == ["Phường Bắc Sơn"]
    both = anonymous_client.get(REGISTER, {"year": "2024", "title": Title.COMMUNITY_COMMUNE})
    assert _listed(both) == ["Phường An Biên"]


def test_search_ignores_diacritics_and_case(anonymous_client, register_rows):
    assert _listed(anonymous_client.get(REGISTER, {"q": "an bien"})) == ["Phường An Biên"]
    assert _listed(anonymous_client.get(REGISTER, {"q": "PHUONG BAC"})) == ["Phường Bắc Sơn"]
    assert _listed(anonymous_client.get(REGISTER, {"q": "sở giáo dục"})) == [
        "Sở Giáo dục và Đào tạo thành phố Hải Phòng"
    ]
    empty = anonymous_client.get(REGISTER, {"q": "khong co"})
    assert _listed(empty) == []
    assert "No recognition matches the filters." in _text(empty)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "Assessment year"),
        ({"year": "9" * 5000}, "Assessment year"),
        ({"level": "3"}, "Level"),
        ({"title": "gia-dinh"}, "Title"),
        ({"area": "²"}, "Area"),
        ({"area": "999999"}, "Area"),
        ({"status": "all"}, "Status"),
        ({"page": "0"}, "Page"),
        ({"page": "a\x00b"}, "Page"),
    ],
)
def test_a_bad_value_is_reported_in_words_and_left_out(
    anonymous_client, register_rows, params, field
):
    response = anonymous_client.get(REGISTER, params)

    page = _text(response)
    assert "Some of what the address asks for could not be used" in page
    assert f"<li>{field}:" in page
    assert "Phường An Biên" in _listed(response)  # the rest of the query still applies


def test_page_numbers_are_strict_and_a_page_too_far_shows_the_last(anonymous_client, units):
    for number in range(55):
        recognition(units.an_bien, decision_number=f"{number}/QĐ", year=2000 + number % 20)

    first = anonymous_client.get(REGISTER)
    assert len(_listed(first)) == 50
    assert "Page 1 of 2" in _text(first)
    assert 'href="?page=2" rel="next"' in _text(first)
    too_far = anonymous_client.get(REGISTER, {"page": "7"})
    assert "there is no page 7; showing page 2, the last" in _text(too_far)
    assert len(_listed(too_far)) == 5


# --- the area filter follows the tree of the decision's day -----------------------------


def test_area_filter_follows_the_tree_on_the_day_of_the_decision(
    anonymous_client, units, moved_ward
):
    before, after = moved_ward  # Lãm Hà: under Lê Chân in 2024, under Kiến An from 2025
    recognition(before, decision_number="1/LC", decision_date=datetime.date(2024, 6, 1))
    recognition(after, decision_number="2/KA", decision_date=datetime.date(2025, 3, 1))
    recognition(units.bac_son, decision_number="3/KA")

    def numbers(area):
        text = _text(anonymous_client.get(REGISTER, {"area": str(area.pk)}))
        return sorted(re.findall(r"No\. (\d/[A-Z]+) of", text))

    assert numbers(units.le_chan) == ["1/LC"]
    assert numbers(units.kien_an) == ["2/KA", "3/KA"]
    assert numbers(units.city) == ["1/LC", "2/KA", "3/KA"]
    assert numbers(after) == ["2/KA"]


def test_area_choices_are_the_city_its_2024_districts_and_the_communes(
    anonymous_client, units, make_unit
):
    _city, ward_2025 = city_2025(units, make_unit)
    page = _text(anonymous_client.get(REGISTER))
    select = page.split('name="area"', 1)[1].split("</select>", 1)[0]

    assert select.count(">Thành phố Hải Phòng</option>") == 1  # one choice for both rows
    assert "Districts (until 30/6/2025)" in select
    assert f'<option value="{units.le_chan.pk}">Quận Lê Chân</option>' in select
    assert '<optgroup label="Quận Lê Chân">' in select
    assert "Wards, communes and special zones from 1/7/2025" in select
    assert f'value="{ward_2025.pk}"' in select
    assert f'value="{units.department.pk}"' not in select  # a body is no area


def test_the_city_choice_covers_both_rows_of_the_city(anonymous_client, units, make_unit):
    city, ward_2025 = city_2025(units, make_unit)
    recognition(units.an_bien, decision_number="1/OLD")
    recognition(ward_2025, year=2025, decision_number="2/NEW", decision_date=REFORM_DAY)

    text = _text(anonymous_client.get(REGISTER, {"area": str(city.pk)}))
    assert "1/OLD" in text
    assert "2/NEW" in text


# --- a fixed number of queries ----------------------------------------------------------


def _queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REGISTER, params)
    assert response.status_code == 200
    return len(queries)


def _add(units, count, year):
    communes = [units.an_bien, units.du_hang_kenh, units.bac_son, units.nam_son]
    for number in range(count):
        recognition(communes[number % 4], decision_number=f"{year}-{number}", year=year)
    for commune in communes[: max(1, count // 10)]:
        for title in (Title.FAMILY, Title.CLAN):
            HouseholdCount.objects.create(
                commune=commune, year=year, title=title, total=100, registered=80, recognised=60
            )


@pytest.mark.parametrize("params", [{}, {"q": "phuong"}, {"area": "le_chan"}])
def test_the_register_runs_a_fixed_number_of_queries(anonymous_client, units, params):
    if params.get("area"):
        params = {"area": str(units.le_chan.pk)}
    _add(units, 3, 2022)
    small = _queries(anonymous_client, {**params, "year": "2022"})
    _add(units, 40, 2023)
    large = _queries(anonymous_client, {**params, "year": "2023"})
    assert small == large
    assert large <= 12


# --- counts and the national targets ----------------------------------------------------


@pytest.fixture
def counts_2024(units):
    def count(commune, title, total, registered, recognised):
        HouseholdCount.objects.create(
            commune=commune,
            year=2024,
            title=title,
            total=total,
            registered=registered,
            recognised=recognised,
        )

    count(units.an_bien, Title.FAMILY, 1000, 900, 800)
    count(units.du_hang_kenh, Title.FAMILY, 1000, 700, 500)
    count(units.bac_son, Title.FAMILY, None, 600, 400)  # no total: counted, not in the share
    count(units.an_bien, Title.CITIZEN, 2000, 900, 700)
    count(units.an_bien, Title.CLAN, 20, 10, 8)


def test_counts_per_commune_and_district_with_shares(anonymous_client, counts_2024):
    page = _text(anonymous_client.get(REGISTER, {"year": "2024"}))
    table = page.split('class="data lm-communes"', 1)[1].split("</table>", 1)[0]

    assert "Phường An Biên" in table
    assert "Phường Bắc Sơn" in table
    assert "Total, Quận Lê Chân" in table
    assert "1300" in table
    assert "(65.0%)" in table
    assert "Total, Quận Kiến An" in table
    assert "Total, Whole city" in table
    assert "1700" in table  # every recognised family of the city


def test_progress_against_the_national_targets_as_a_table_and_a_chart(
    anonymous_client, counts_2024
):
    page = _text(anonymous_client.get(REGISTER, {"year": "2024"}))
    targets = page.split('class="data lm-targets"', 1)[1].split("</table>", 1)[0]

    assert "65.0%" in targets
    assert "70%" in targets
    assert "35.0%" in targets
    assert "40%" in targets
    assert "387/QĐ-TTg" in targets
    assert "677/QĐ-TTg" in targets
    assert "no total reported" in targets  # villages and units
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-title chart-desc"' in svg
    assert "<title" in svg
    assert "<desc" in svg
    assert "Learning family: 65.0%" in svg
    assert svg.count('class="lm-chart__target"') == 3  # families, clans, citizens
    assert "<script" not in page


def test_district_totals_follow_the_tree_of_the_31st_of_december(
    anonymous_client, units, moved_ward
):
    before, after = moved_ward
    HouseholdCount.objects.create(
        commune=before, year=2024, title=Title.FAMILY, registered=50, recognised=40
    )
    HouseholdCount.objects.create(
        commune=after, year=2025, title=Title.FAMILY, registered=50, recognised=30
    )
    HouseholdCount.objects.create(
        commune=units.bac_son, year=2025, title=Title.FAMILY, registered=10, recognised=5
    )

    def communes(year):
        page = _text(anonymous_client.get(REGISTER, {"year": year}))
        return page.split('class="data lm-communes"', 1)[1].split("</table>", 1)[0]

    table_2024 = communes("2024")
    assert "Total, Quận Lê Chân" in table_2024
    assert "Quận Kiến An" not in table_2024
    # On 31/12/2025 the district level is gone: the communes are counted for the city.
    table_2025 = communes("2025")
    assert "Total, Quận" not in table_2025
    assert "Phường Lãm Hà" in table_2025
    assert "Phường Bắc Sơn" in table_2025
    assert "Total, Whole city" in table_2025


# --- the public cache -------------------------------------------------------------------


def test_recognising_bumps_the_public_generation_and_the_register_shows_it(
    anonymous_client, rf, units, make_unit, staff
):
    _city, ward_2025 = city_2025(units, make_unit)
    assert "Phường An Biên" not in _listed(anonymous_client.get(REGISTER))  # now cached
    before = generation(rf.get("/"))

    recognise_through_services(ward_2025, by=staff)

    assert generation(rf.get("/")) > before
    assert _listed(anonymous_client.get(REGISTER)) == ["Phường An Biên"]


def test_a_count_changed_bumps_the_public_generation(anonymous_client, rf, units):
    count = HouseholdCount.objects.create(
        commune=units.an_bien, year=2024, title=Title.FAMILY, registered=10, recognised=4
    )
    assert ">4</td>" in _text(anonymous_client.get(REGISTER)).replace("\n", "")
    before = generation(rf.get("/"))

    count.recognised = 9
    count.save()

    assert generation(rf.get("/")) > before
    page = _text(anonymous_client.get(REGISTER))
    table = page.split('class="data lm-communes"', 1)[1]
    assert ">9</td>" in table.replace("\n", "") or ">9<span" in table


def test_a_revocation_written_directly_still_refreshes_the_entry(anonymous_client, units):
    entry = recognition(units.an_bien)
    assert "This recognition has been revoked." not in _text(
        anonymous_client.get(entry.get_absolute_url())
    )
    Recognition.objects.get(pk=entry.pk).delete()  # a signal, as any save or delete
    assert anonymous_client.get(entry.get_absolute_url()).status_code == 404


# --- Vietnamese ---------------------------------------------------------------------------


def test_the_public_pages_read_in_vietnamese_by_default(client_for, units, make_unit, staff):
    from learning_models.models import RecognisedHousehold
    from tests.test_translated_pages import _english_left, _english_only_words, _visible_chunks

    _city, ward_2025 = city_2025(units, make_unit)
    old = recognition(units.an_bien, year=2024)
    expired = recognition(
        units.bac_son,
        year=2021,
        decision_date=datetime.date(2022, 3, 28),
        valid_until=datetime.date(2024, 12, 31),
    )
    HouseholdCount.objects.create(
        commune=units.an_bien,
        year=2024,
        title=Title.FAMILY,
        total=100,
        registered=90,
        recognised=70,
    )
    RecognisedHousehold.objects.create(
        commune=units.an_bien, year=2024, title=Title.FAMILY, name="Hộ ông A", public_consent=True
    )
    RecognisedHousehold.objects.create(
        commune=units.an_bien, year=2024, title=Title.FAMILY, name="Hộ bà B"
    )
    visitor = client_for(None, language=None)
    english_only = _english_only_words()
    paths = [
        REGISTER,
        REGISTER + "?year=2024",
        REGISTER + "?year=abc&page=9",
        old.get_absolute_url(),
        expired.get_absolute_url(),
        reverse("learning_models:certificate", args=[expired.code]),
        reverse("learning_models:unit", args=[ward_2025.pk]),
        reverse("learning_models:unit", args=[units.an_bien.pk]),
        reverse("learning_models:households", args=[units.an_bien.pk, 2024]),
    ]
    for path in paths:
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert '<html lang="vi">' in response.content.decode(), path
        assert _english_left(_visible_chunks(response), english_only) == [], path
