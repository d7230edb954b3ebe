"""What each app declares about permissions: its actions, the roles that grant them, and
what those roles may do with its models in the Django admin.

The roles are the base's (organizations.models.Role); the actions belong to the apps. Each
app names its actions `<app label>.<name>` (`campaigns.sign_off`) in its own
`permissions.py` and declares them in its AppConfig's `permissions()`, which returns one
`declare(...)`. organizations' ready() loads every app's declaration once all apps are
loaded, as it does for the history types; organizations.permissions then answers from what
was loaded, and names no other app's actions.

A role holds exactly the actions some app granted it: no role receives an action its app
did not name it for, whatever apps are added later.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from organizations.models import Role

# The model permissions the Django admin asks for. Whether a record may really be deleted
# is decided by its ModelAdmin: money and history are never deleted.
OPERATIONS = frozenset({"view", "add", "change", "delete"})
ALL = OPERATIONS
VIEW = frozenset({"view"})


@dataclass(frozen=True)
class Action:
    """Something a role lets a person do on a unit, named `<app label>.<name>`."""

    name: str

    def __post_init__(self):
        app_label, dot, short = self.name.partition(".")
        if not (app_label and dot and short):
            raise ImproperlyConfigured(f"An action is named <app label>.<name>, not {self.name!r}.")

    def __str__(self):
        return self.name

    @property
    def app_label(self):
        return self.name.partition(".")[0]


@dataclass(frozen=True)
class Declaration:
    """One app's permissions: see `declare`."""

    app_label: str
    actions: frozenset = frozenset()
    roles: dict = field(default_factory=dict)  # role: frozenset of the app's actions
    admin: dict = field(default_factory=dict)  # role: operations on the app's own models
    # Apps of other packages whose admin pages this app looks after (organizations:
    # django-axes' failed sign-ins, app label "axes"): {app label: {role: operations}}.
    package_admin: dict = field(default_factory=dict)


def declare(app_label, *, actions=(), roles=None, admin=None, package_admin=None):
    """An app's declaration, what its AppConfig's `permissions()` returns.

    `actions`: every action the app asks about, each named `<app_label>.<name>`.
    `roles`: {role: the actions it grants}, only the app's own actions. A role not named
    gets none of them: staff included.
    `admin`: {role: operations} on the app's own models in the Django admin.
    `package_admin`: {app label: {role: operations}} for a third-party package's admin pages
    that this app looks after.
    """
    return Declaration(
        app_label=app_label,
        actions=frozenset(actions),
        roles={role: frozenset(granted) for role, granted in (roles or {}).items()},
        admin={role: frozenset(ops) for role, ops in (admin or {}).items()},
        package_admin={
            label: {role: frozenset(ops) for role, ops in by_role.items()}
            for label, by_role in (package_admin or {}).items()
        },
    )


def declared_by(app_config) -> Declaration | None:
    """The declaration of an app: its AppConfig's `permissions()`, if it has one."""
    declare_hook = getattr(app_config, "permissions", None)
    return declare_hook() if declare_hook else None


@dataclass(frozen=True)
class Registry:
    actions: dict  # name: Action
    role_actions: dict  # role: frozenset of actions
    admin: dict  # role: {app label: operations}


_registry = Registry(actions={}, role_actions={}, admin={})


def _check(app_config, declaration, registry, admin_owner):
    label = app_config.label
    if declaration.app_label != label:
        raise ImproperlyConfigured(
            f"The app {label} declares the permissions of {declaration.app_label}."
        )
    for action in declaration.actions:
        if action.app_label != label:
            raise ImproperlyConfigured(f"The app {label} declares the action {action}.")
        if action.name in registry.actions:
            raise ImproperlyConfigured(f"The action {action} is declared twice.")
    roles = set(declaration.roles) | set(declaration.admin)
    roles |= {role for by_role in declaration.package_admin.values() for role in by_role}
    for role in roles:
        if role not in Role.values:
            raise ImproperlyConfigured(f"The app {label} names an unknown role {role!r}.")
    for role, granted in declaration.roles.items():
        foreign = sorted(str(action) for action in granted - declaration.actions)
        if foreign:
            raise ImproperlyConfigured(
                f"The app {label} grants the role {role} actions it does not declare: "
                + ", ".join(foreign)
            )
    for admin_label in [label, *declaration.package_admin]:
        if admin_label in admin_owner:
            raise ImproperlyConfigured(
                f"The admin permissions of {admin_label} are declared by "
                f"{admin_owner[admin_label]} and {label}."
            )
        admin_owner[admin_label] = label
    for by_role in [declaration.admin, *declaration.package_admin.values()]:
        for role, operations in by_role.items():
            if not operations <= OPERATIONS:
                raise ImproperlyConfigured(
                    f"The app {label} gives the role {role} unknown admin operations: "
                    + ", ".join(sorted(operations - OPERATIONS))
                )


def build(app_configs) -> Registry:
    """The registry of every declaration of `app_configs`, checked."""
    registry = Registry(actions={}, role_actions={}, admin={})
    admin_owner = {}  # app label: the app that declared its admin permissions
    declarations = []
    for app_config in app_configs:
        declaration = declared_by(app_config)
        if declaration is None:
            continue
        _check(app_config, declaration, registry, admin_owner)
        declarations.append((app_config.label, declaration))
        registry.actions.update({action.name: action for action in declaration.actions})
        for role, granted in declaration.roles.items():
            registry.role_actions[role] = registry.role_actions.get(role, frozenset()) | granted
        for role, operations in declaration.admin.items():
            registry.admin.setdefault(role, {})[app_config.label] = operations
        for package, by_role in declaration.package_admin.items():
            for role, operations in by_role.items():
                registry.admin.setdefault(role, {})[package] = operations
    # A package's admin is looked after by one app, and no app looks after another
    # portal app's admin: that app declares its own.
    declaring = {label for label, _declaration in declarations}
    for label, declaration in declarations:
        for package in declaration.package_admin:
            if package in declaring:
                raise ImproperlyConfigured(
                    f"The app {label} declares admin permissions of the app {package}, "
                    "which declares its own."
                )
    return registry


def load(app_configs):
    """Replace what is registered by the declarations of `app_configs` (organizations'
    ready(), once every app is loaded)."""
    global _registry
    _registry = build(app_configs)


def is_registered(action) -> bool:
    return isinstance(action, Action) and _registry.actions.get(action.name) == action


def all_actions() -> frozenset:
    """Every registered action."""
    return frozenset(_registry.actions.values())


def granted_by(role) -> frozenset:
    """The actions `role` grants, as the apps declared them."""
    return _registry.role_actions.get(role, frozenset())


def roles_granting(action) -> frozenset:
    """The roles that grant `action`."""
    return frozenset(role for role, granted in _registry.role_actions.items() if action in granted)


def admin_operations(role, app_label) -> frozenset:
    """What `role` may do with `app_label`'s models in the Django admin."""
    return _registry.admin.get(role, {}).get(app_label, frozenset())
