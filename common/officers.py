"""The officers' area shell: the front page of /portal/ and the officers' part of the menu,
filled by the apps without the shell knowing any of them.

Each app that has something for the officers says so in its AppConfig::

    def officers_area(self):
        from campaigns.officers import area   # built lazily: models are loaded by then

        return area()                         # an OfficersArea

An `OfficersArea` holds three kinds of contribution:

- `NavEntry`: a link in the menu's officers' part (label, URL name, icon, order), shown
  to the people its `visible(user)` accepts;
- `Panel`: a block of the front page (a template and a `context(request)` callable, the
  main column or the side), shown to the people its `visible(user)` accepts;
- `DueItem`: one line of "what is due" (a count for the signed-in person, a link to the
  work, a tone), shown when its `visible(user)` accepts the person and the count is not 0.

The contributions are collected once, when the apps are ready (CommonConfig.ready), in
INSTALLED_APPS order, then sorted by `order`; two with one key stop the start-up. A panel's
context and a due item's count are asked for only for people who may see them, once per
page; `per_request` lets an app compute what several of them share (one query for every
count and list of a page) once.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse

MAIN = "main"
SIDE = "side"
COLUMNS = (MAIN, SIDE)

# How a due item asks for attention: "attention" (sent back, late), "action" (waiting
# for this person), "info" (waiting for someone else; good to know).
TONES = ("attention", "action", "info")

# The shell's icons (templates/common/icons/<name>.svg): drawn with currentColor, 20×20.
ICONS = ("dashboard", "activities", "units", "admin", "review", "fund", "award", "dot")


def signed_in(user) -> bool:
    """The default `visible`: anyone signed in with an active account."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


@dataclass(frozen=True)
class NavEntry:
    """A link in the officers' part of the menu.

    `url_name` is reversed without arguments. The entry is marked as the current page on
    its own address and, unless `exact`, on every address under it (the activities' entry
    on an activity's page)."""

    key: str
    label: Any  # a lazy translation
    url_name: str
    order: int = 50
    icon: str = "dot"
    visible: Callable[[Any], bool] = signed_in
    exact: bool = False


@dataclass(frozen=True)
class Panel:
    """A block of the officers' front page.

    `context(request)` returns the template's own variables, or None when the panel has
    nothing to show this time. The template is rendered inside the page (it sees `user`,
    `request` and the rest) with those variables and `panel` added; it brings its own
    heading (an <h2>)."""

    key: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 50
    column: str = MAIN
    visible: Callable[[Any], bool] = signed_in

    @property
    def slug(self) -> str:
        """The key as a class name: "campaigns.review" → "campaigns-review"."""
        return self.key.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class DueItem:
    """One line of "what is due" for the signed-in person.

    `label` is a plural-aware lazy text without the number (ngettext_lazy(..., "count"):
    "draft not yet submitted" / "drafts not yet submitted"), or a function of the count
    that returns the text; the shell prints the count before it. `count(request)` is how
    many; `url(request)` where the work is done (a page, or a panel's part: "#id")."""

    key: str
    label: Any
    count: Callable[[HttpRequest], int]
    url: Callable[[HttpRequest], str | None]
    order: int = 50
    tone: str = "action"
    visible: Callable[[Any], bool] = signed_in


@dataclass(frozen=True)
class OfficersArea:
    """What one app contributes to the officers' area."""

    nav: tuple[NavEntry, ...] = ()
    panels: tuple[Panel, ...] = ()
    due: tuple[DueItem, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Every app's contributions, each kind sorted by order (then by app, as installed)."""

    nav: tuple[NavEntry, ...] = ()
    panels: tuple[Panel, ...] = ()
    due: tuple[DueItem, ...] = ()


def collect(app_configs: Iterable) -> Registry:
    """The contributions of `app_configs` (those with an `officers_area()`), checked."""
    nav, panels, due = [], [], []
    owner = {}
    for config in app_configs:
        hook = getattr(config, "officers_area", None)
        if hook is None:
            continue
        area = hook()
        if not isinstance(area, OfficersArea):
            raise ImproperlyConfigured(
                f"{config.label}.officers_area() must return an OfficersArea, not {area!r}."
            )
        for kind, items, found in (
            ("nav entry", area.nav, nav),
            ("panel", area.panels, panels),
            ("due item", area.due, due),
        ):
            for item in items:
                _check(config.label, kind, item)
                seen = owner.get((kind, item.key))
                if seen is not None:
                    raise ImproperlyConfigured(
                        f"The officers' area {kind} {item.key!r} is registered by both "
                        f"{seen} and {config.label}."
                    )
                owner[(kind, item.key)] = config.label
                found.append(item)

    def ordered(items):
        return tuple(sorted(items, key=lambda item: item.order))  # stable: app order kept

    return Registry(nav=ordered(nav), panels=ordered(panels), due=ordered(due))


def _check(app_label, kind, item):
    problem = None
    if isinstance(item, Panel) and item.column not in COLUMNS:
        problem = f"column {item.column!r} is not one of {COLUMNS}"
    elif isinstance(item, DueItem) and item.tone not in TONES:
        problem = f"tone {item.tone!r} is not one of {TONES}"
    elif isinstance(item, NavEntry) and item.icon not in ICONS:
        problem = f"icon {item.icon!r} is not one of {ICONS}"
    if problem:
        raise ImproperlyConfigured(f"{app_label}: officers' area {kind} {item.key!r}: {problem}.")


_registry = Registry()


def registry() -> Registry:
    """The contributions collected when the apps were ready."""
    return _registry


def install(collected: Registry) -> None:
    """Use `collected` from now on (CommonConfig.ready; the shell's tests)."""
    global _registry
    _registry = collected


def per_request(function: Callable[[HttpRequest], Any]) -> Callable[[HttpRequest], Any]:
    """`function(request)` computed once per request, however many panels and due items of
    the page ask for it (so that one query serves them all)."""
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def once(request):
        memo = request.__dict__.setdefault("_officers_area_memo", {})
        if key not in memo:
            memo[key] = function(request)
        return memo[key]

    return once


# --- what one person sees ---------------------------------------------------------------


@dataclass(frozen=True)
class ShownEntry:
    label: str
    url: str
    icon: str
    current: bool


@dataclass(frozen=True)
class ShownPanel:
    panel: Panel
    values: dict


@dataclass(frozen=True)
class ShownDue:
    key: str
    label: str
    count: int
    url: str | None
    tone: str


def nav_for(request) -> list[ShownEntry]:
    """The menu's officers' part for the signed-in person, the current page marked."""
    user = request.user
    shown = []
    for entry in registry().nav:
        if not entry.visible(user):
            continue
        url = reverse(entry.url_name)
        current = request.path == url or (not entry.exact and request.path.startswith(url))
        shown.append(ShownEntry(label=str(entry.label), url=url, icon=entry.icon, current=current))
    return shown


def panels_for(request) -> list[ShownPanel]:
    """The panels the person may see that have something to show, in order."""
    shown = []
    for panel in registry().panels:
        if not panel.visible(request.user):
            continue
        values = panel.context(request)
        if values is not None:
            shown.append(ShownPanel(panel=panel, values=values))
    return shown


def due_for(request) -> tuple[bool, list[ShownDue]]:
    """(whether any due item concerns the person, the items with something due)."""
    concerned = False
    shown = []
    for item in registry().due:
        if not item.visible(request.user):
            continue
        concerned = True
        count = item.count(request)
        if count:
            label = item.label(count) if callable(item.label) else item.label % {"count": count}
            shown.append(
                ShownDue(
                    key=item.key,
                    label=label,
                    count=count,
                    url=item.url(request),
                    tone=item.tone,
                )
            )
    return concerned, shown
