"""The criteria catalogue as data: the shipped file loads, versioned by legal text, with
the procedure's calendar and authority, and what is still to check marked; loading is all
or nothing and never changes a version already loaded."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from common.models import HistoryEntry
from learning_models import catalogue, services
from learning_models.models import CriteriaSet, Indicator
from learning_models.states import SetState, Title

pytestmark = pytest.mark.django_db


def test_the_shipped_catalogue_loads_every_title_by_its_legal_text():
    out = StringIO()
    call_command("load_criteria", stdout=out)
    assert "15 set(s) loaded, 0 already there." in out.getvalue()
    assert set(CriteriaSet.objects.values_list("state", flat=True)) == {SetState.PUBLISHED}
    assert set(CriteriaSet.objects.values_list("title", flat=True)) == set(Title.values)
    tt25 = CriteriaSet.objects.get(code="tt25-commune-1", version=1)
    assert (tt25.legal_text, tt25.legal_date) == ("25/2023/TT-BGDĐT", datetime.date(2023, 12, 27))
    assert tt25.criteria.count() == 5
    assert (tt25.file_by_day, tt25.file_by_month, tt25.decide_by_day, tt25.decide_by_month) == (
        28,
        2,
        31,
        3,
    )
    assert tt25.authority == "Trưởng phòng Giáo dục và Đào tạo cấp huyện"
    assert CriteriaSet.objects.get(code="tt24-unit-1", version=1).criteria.count() == 3
    # After the 2025 reform: a new version whose calendar and authority are marked unconfirmed.
    reformed = CriteriaSet.objects.get(code="tt25-commune-1", version=2)
    assert reformed.in_force_from == datetime.date(2025, 7, 1)
    assert reformed.filing_deadline(2025) is None
    assert "chưa được xác nhận" in reformed.to_check
    assert Indicator.objects.exclude(to_check="").exists()
    level_two = CriteriaSet.objects.get(code="tt25-commune-2", version=1)
    literacy = Indicator.objects.get(
        criterion__criteria_set=level_two, criterion__number=4, number=3
    )
    assert literacy.threshold == 95
    assert HistoryEntry.objects.filter(action="loaded").count() == 15


def test_loading_again_keeps_what_is_there():
    services.load_catalogue()
    published = CriteriaSet.objects.get(code="tt24-unit-1", version=1)
    report = services.load_catalogue()
    assert report.created == []
    assert len(report.kept) == 15
    assert CriteriaSet.objects.get(pk=published.pk).published_at == published.published_at


BAD = """
[[set]]
code = "a-1"
version = 1
title = "family"
level = 1
name = "Gia đình học tập"
legal_text = "X"
in_force_from = 2024-01-01
[[set.criterion]]
name = "Học tập"
indicators = [{ text = "Đi học", kind = "met" }]

[[set]]
code = "b-1"
version = 1
title = "family"
level = 1
name = "Thiếu ngưỡng"
legal_text = "X"
in_force_from = 2024-01-01
[[set.criterion]]
name = "Học tập"
indicators = [{ text = "Tỉ lệ", kind = "threshold" }]
"""


def test_a_bad_entry_loads_nothing_and_names_where_it_is(tmp_path):
    path = tmp_path / "criteria.toml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"Nothing was loaded\. set 2 \(b-1 v1\), indicator 1\.1"
    ):
        call_command("load_criteria", str(path), stdout=StringIO())
    assert not CriteriaSet.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[set]]\ncode = 'x'\nversion = 1\ncopy = 'y/1'\n", "copies 'y/1'"),
        ("[[set]\n", "criteria.toml"),
        ("[[set]]\nversion = 1\n", "needs a code and a version"),
    ],
)
def test_a_broken_file_is_refused_in_words(tmp_path, text, message):
    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError, match=message):
        services.load_catalogue(path)
    assert not CriteriaSet.objects.exists()
