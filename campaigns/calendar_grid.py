"""The month grid of the public calendar.

Weeks run from Monday to Sunday, as Vietnamese calendars print them. An activity of two or
three days appears on each of its days. A longer one (a week's exhibition, a month-long
book drive) appears once in each week row it touches, as a band over its days in that week:
on every day it would repeat "(continued)" some thirty times a month, which on a phone is
a page of nothing new. A crowded day shows its first few activities and a count of the rest,
which links to that day's list, so that a cell never grows without end.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from campaigns.states import ActivityState
from common.periods import Period

# A day shows at most this many activities; beyond it, one line fewer and "+N more".
MAX_PER_DAY = 4

# An activity of this many days or more is shown as a band over its days, once a week row.
LONG_FROM_DAYS = 4

# The columns the grid needs, fetched as plain rows: a month of a busy campaign holds
# thousands of activities, and full model instances would cost more than the page.
GRID_COLUMNS = ("pk", "title", "starts_on", "ends_on", "start_time", "end_time", "state")


@dataclass(slots=True)
class GridActivity:
    pk: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    state: str

    @property
    def cancelled(self):
        return self.state == ActivityState.CANCELLED

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def multi_day(self):
        return self.ends_on > self.starts_on

    @property
    def long(self):
        return (self.ends_on - self.starts_on).days + 1 >= LONG_FROM_DAYS

    def sort_key(self):
        return (self.starts_on, self.start_time or datetime.time.min, self.pk)


@dataclass(slots=True)
class Entry:
    """An activity as shown on one day of the grid."""

    activity: GridActivity
    day: datetime.date

    @property
    def first_day(self):
        return self.day == self.activity.starts_on

    @property
    def continued(self):
        """True on the second and later days of a multi-day activity."""
        return self.day > self.activity.starts_on

    @property
    def time(self):
        """The start time shown before the title, on the first day of a timed activity."""
        if self.first_day and self.activity.start_time is not None:
            return self.activity.start_time.strftime("%H:%M")
        return ""

    def sort_key(self):
        # What begins that day first (all-day, then by start time), then what continues
        # from an earlier day: when a crowded day shows only a few, the new ones matter most.
        return (
            self.continued,
            self.activity.start_time is not None,
            self.activity.start_time or datetime.time.min,
            self.activity.pk,
        )


@dataclass(slots=True)
class Band:
    """A long activity over the days of one week row that it takes place on (`span` of
    them, from `first` to `last`); the row's other days are empty cells beside it."""

    activity: GridActivity
    first: datetime.date
    last: datetime.date
    days_before: list["Day"]
    span: int
    days_after: list["Day"]
    in_month: bool

    @property
    def from_earlier_week(self):
        return self.activity.starts_on < self.first

    @property
    def into_next_week(self):
        return self.activity.ends_on > self.last


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    in_campaign: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)
    key_dates: list = field(default_factory=list)
    shown: list[Entry] = field(default_factory=list)
    hidden: int = 0
    list_query: str = ""

    @property
    def count(self):
        return len(self.entries)


@dataclass
class Week:
    """One row of the grid: its seven days, and the long activities as bands over them."""

    days: list[Day]
    bands: list[Band] = field(default_factory=list)

    def __iter__(self):
        return iter(self.days)

    @property
    def first(self):
        return self.days[0].date

    @property
    def last(self):
        return self.days[-1].date


@dataclass
class Month:
    first: datetime.date
    weeks: list[Week]

    @property
    def last(self):
        return last_of_month(self.first)

    @property
    def grid_first(self):
        return self.weeks[0].first

    @property
    def grid_last(self):
        return self.weeks[-1].last

    @property
    def days(self):
        return [day for week in self.weeks for day in week]

    @property
    def is_empty(self):
        return not any(day.entries for day in self.days if day.in_month) and not any(
            band.in_month for week in self.weeks for band in week.bands
        )


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: datetime.date, count: int) -> datetime.date:
    """The first of the month `count` months after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from `first`'s month to `last`'s month."""
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def grid_span(month_first: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day the grid of this month shows (whole weeks)."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month_first.year, month_first.month
    )
    return weeks[0][0], weeks[-1][-1]


def build_month(
    month_first: datetime.date,
    rows,
    *,
    campaign_first: datetime.date,
    campaign_last: datetime.date,
    today: datetime.date,
    key_dates=(),
    limit: int = MAX_PER_DAY,
) -> Month:
    """The grid of one month. `rows` are tuples in GRID_COLUMNS order (or GridActivity)."""
    weeks_of_dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month_first.year, month_first.month
    )
    by_date = {}
    weeks = []
    for week in weeks_of_dates:
        days = []
        for date in week:
            day = Day(
                date=date,
                in_month=date.month == month_first.month,
                in_campaign=campaign_first <= date <= campaign_last,
                is_today=date == today,
            )
            by_date[date] = day
            days.append(day)
        weeks.append(Week(days))
    grid_first, grid_last = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    one_day = datetime.timedelta(days=1)
    long_ones = []
    for row in rows:
        activity = row if isinstance(row, GridActivity) else GridActivity(*row)
        if activity.long:
            long_ones.append(activity)
            continue
        date = max(activity.starts_on, grid_first)
        last = min(activity.ends_on, grid_last)
        while date <= last:
            by_date[date].entries.append(Entry(activity, date))
            date += one_day
    long_ones.sort(key=GridActivity.sort_key)
    for week in weeks:
        week.bands = [
            _band(activity, week, month_first)
            for activity in long_ones
            if Period(activity.starts_on, activity.ends_on).overlaps(Period(week.first, week.last))
        ]
    for key_date in key_dates:
        date = max(key_date.starts_on, grid_first)
        last = min(key_date.last_day, grid_last)
        while date <= last:
            by_date[date].key_dates.append(key_date)
            date += one_day
    for day in by_date.values():
        day.entries.sort(key=Entry.sort_key)
        if len(day.entries) > limit:
            day.shown = day.entries[: limit - 1]
            day.hidden = len(day.entries) - len(day.shown)
        else:
            day.shown = day.entries
    return Month(first=month_first, weeks=weeks)


def _band(activity: GridActivity, week: Week, month_first: datetime.date) -> Band:
    first = max(activity.starts_on, week.first)
    last = min(activity.ends_on, week.last)
    before = (first - week.first).days
    span = (last - first).days + 1
    return Band(
        activity=activity,
        first=first,
        last=last,
        days_before=week.days[:before],
        span=span,
        days_after=week.days[before + span :],
        in_month=first <= last_of_month(month_first) and last >= month_first,
    )
