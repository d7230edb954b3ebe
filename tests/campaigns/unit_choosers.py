"""Reading the unit choosers on the official unit tree (organizations/data, loaded once per
test module by the `official_tree` fixture of tests/conftest.py): Hải Phòng with its 15
districts and 217 wards and communes in 2024, Hải Dương's 207 communes until 30/6/2025 (in
the table, but never the city's), and the 114 units of the merged city from 1/7/2025. The
staff who enter for any unit (`official_staff`, `official_staff_client`) are fixtures of
tests/campaigns/conftest.py.

DAY_2024, MERGER_DAY  a day of the 2024 campaign; the first day of the merged city
unit(code, day)       the unit with `code` valid on `day`
hai_duong_ids()       Tỉnh Hải Dương and its communes
city_units_on(day)    {pk: unit} of the city's tree on `day`, from tree_on (the reference)
district_on(unit, day)
                      the district above `unit` on `day`, from tree_on
select_groups(html, name)
                      [(optgroup label or None, [(value, text), ...]), ...] of the page's
                      <select name=name>
spanning_campaign()   a made-up campaign from 15/6 to 15/7/2025, across the merger
"""

import datetime
from html.parser import HTMLParser

from organizations.models import Unit, UnitLevel
from organizations.selectors import city_on, tree_on
from tests.campaigns.factories import make_campaign

DAY_2024 = datetime.date(2024, 9, 21)
MERGER_DAY = datetime.date(2025, 7, 1)


def unit(code, day):
    return Unit.objects.valid_on(day).get(code=code)


def hai_duong_ids():
    province = Unit.objects.get(code="30")
    communes = Unit.objects.filter(parent_code="30").values_list("pk", flat=True)
    return {province.pk, *communes}


def city_units_on(day):
    tree = tree_on(day)
    city = city_on(day)
    return {u.pk: u for u in [city, *tree.descendants(city)]}


def district_on(unit, day):
    tree = tree_on(day)
    parent = tree.parent(tree.units[unit.pk])
    return parent if parent.level == UnitLevel.DISTRICT else None


def spanning_campaign():
    return make_campaign(
        2025,
        title="Tháng Khuyến học hè 2025",
        starts_on=datetime.date(2025, 6, 15),
        ends_on=datetime.date(2025, 7, 15),
    )


class _Selects(HTMLParser):
    """The options of one <select>, by <optgroup> (loose options in a group labelled None)."""

    def __init__(self, name):
        super().__init__()
        self.name, self.inside, self.groups, self.group, self.option = name, False, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside, self.group = attrs.get("name") == self.name, None
        elif not self.inside:
            return
        elif tag == "optgroup":
            self.group = (attrs.get("label"), [])
            self.groups.append(self.group)
        elif tag == "option":
            if self.group is None:
                self.group = (None, [])
                self.groups.append(self.group)
            self.option = [attrs.get("value"), ""]
            self.group[1].append(self.option)

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False
        elif tag == "optgroup":
            self.group = None
        elif tag == "option":
            self.option = None

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data


def select_groups(html, name):
    parser = _Selects(name)
    parser.feed(html)
    return [
        (label, [(value, text.strip()) for value, text in options])
        for label, options in parser.groups
    ]
