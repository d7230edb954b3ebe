"""The kinds of history entry the portal writes, registered by the app that writes them.

A type is named by the record's model and the stored action, `campaigns.activity.published`
or `organizations.unit.imported`: the table keeps the short action (`published`) beside the
record's content type, so the pair is the type (docs/architecture.md, "History"). Each app
declares its types in its AppConfig's `history_types()`, registered at start-up; two apps
can then each have an "imported" with its own label, and one code registered twice stops
the start-up.

Each type also says who may read it: the admin (staff) reads every entry, the officers'
portal the entries of their records, the public page only what it publishes.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

ADMIN = "admin"
PORTAL = "portal"
PUBLIC = "public"
AUDIENCES = frozenset({ADMIN, PORTAL, PUBLIC})


@dataclass(frozen=True)
class HistoryType:
    model: str  # the record's model, "app_label.modelname" (lower case)
    action: str  # as stored in HistoryEntry.action
    label: object  # gettext_lazy text
    audiences: frozenset = frozenset({ADMIN, PORTAL})

    @property
    def code(self):
        return f"{self.model}.{self.action}"


_TYPES: dict[str, HistoryType] = {}


def types_for(model: str, labels: dict, *, public=()) -> list[HistoryType]:
    """`model`'s history types: `labels` maps each stored action to its label; `public`
    names the actions the public page may show as well as the admin and the portal."""
    return [
        HistoryType(
            model=model.lower(),
            action=action,
            label=label,
            audiences=frozenset({ADMIN, PORTAL} | ({PUBLIC} if action in public else set())),
        )
        for action, label in labels.items()
    ]


def register_types(model: str, labels: dict, *, public=()):
    for history_type in types_for(model, labels, public=public):
        register(history_type)


def declared_by(app_config) -> list[HistoryType]:
    """The types an app declares: its AppConfig's `history_types()`, if it has one."""
    declare = getattr(app_config, "history_types", None)
    return list(declare()) if declare else []


def register_all(app_configs):
    """The table of every app's types (CommonConfig.ready(), once all apps are loaded).

    It is built afresh, so that ready() may run again, as Django runs it when a test
    installs another app (override_settings(INSTALLED_APPS=...)): the table is then that
    of the apps installed now, and one code declared twice still stops the start-up."""
    _TYPES.clear()
    for app_config in app_configs:
        for history_type in declared_by(app_config):
            register(history_type)


def register(history_type: HistoryType):
    if history_type.code in _TYPES:
        raise ImproperlyConfigured(
            f"The history type {history_type.code} is registered twice; each app names its own."
        )
    if not history_type.audiences <= AUDIENCES:
        raise ImproperlyConfigured(f"Unknown audience for the history type {history_type.code}.")
    _TYPES[history_type.code] = history_type
    return history_type


def all_types():
    return list(_TYPES.values())


def model_key(model_or_obj) -> str:
    return model_or_obj._meta.label_lower


def get(model: str, action: str) -> HistoryType | None:
    return _TYPES.get(f"{model}.{action}")


def actions_for(model: str, audience: str) -> list[str]:
    """The stored actions of `model` that `audience` may read."""
    return [t.action for t in _TYPES.values() if t.model == model and audience in t.audiences]


def label(model: str, action: str):
    """The readable label of `action` written on a record of `model`."""
    found = get(model, action)
    return found.label if found else action.replace("_", " ")
