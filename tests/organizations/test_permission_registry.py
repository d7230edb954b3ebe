"""The base asks, each app declares (organizations.permission_registry): every app names its
own actions, the roles that grant them and its admin permissions, and no role receives an
action its app did not name it for."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from campaigns import permissions as campaign_actions
from organizations import permission_registry, permissions
from organizations.models import Role
from organizations.permission_registry import ALL, VIEW, Action, declare
from scholarships import permissions as fund_actions

pytestmark = pytest.mark.django_db

# An app added after the others: field trips for scholarship holders.
VISIT = Action("fieldtrips.visit")
PLAN = Action("fieldtrips.plan")


def field_trips(**declared):
    """The AppConfig of an app "fieldtrips" whose permissions() returns `declared`."""
    declared.setdefault("actions", [VISIT, PLAN])
    return SimpleNamespace(
        label="fieldtrips", permissions=lambda: declare("fieldtrips", **declared)
    )


@pytest.fixture
def load_with():
    """load_with(*app_configs): the registry of the portal's apps and these; the portal's
    own again after the test."""

    def load(*extra):
        permission_registry.load([*apps.get_app_configs(), *extra])

    yield load
    permission_registry.load(apps.get_app_configs())


def test_each_app_declares_its_own_actions():
    by_app = {}
    for config in apps.get_app_configs():
        declaration = permission_registry.declared_by(config)
        if declaration is not None:
            by_app[config.label] = {action.name for action in declaration.actions}
    assert by_app == {
        "organizations": {
            "organizations.view_unit",
            "organizations.manage_units",
            "organizations.use_admin",
        },
        "campaigns": {
            "campaigns.edit_unit_work",
            "campaigns.sign_off",
            "campaigns.manage_campaigns",
        },
        "learning_models": {
            "learning_models.edit_dossiers",
            "learning_models.review",
            "learning_models.manage_catalogue",
        },
        "scholarships": {"scholarships.handle_money"},
    }
    assert {a.name for a in permission_registry.all_actions()} == set().union(*by_app.values())


def test_staff_hold_what_each_app_names_them_for_and_no_money():
    assert {a.name for a in permission_registry.granted_by(Role.STAFF)} == {
        "organizations.view_unit",
        "organizations.manage_units",
        "organizations.use_admin",
        "campaigns.edit_unit_work",
        "campaigns.sign_off",
        "campaigns.manage_campaigns",
        "learning_models.edit_dossiers",
        "learning_models.review",
        "learning_models.manage_catalogue",
    }


def test_a_new_action_is_not_staffs_unless_its_app_says_so(load_with, staff, reviewer, units):
    load_with(field_trips(roles={Role.REVIEWER: {VISIT}, Role.STAFF: {PLAN}}))

    assert not permissions.can(staff, VISIT, units.kien_an)
    assert not permissions.can(staff, VISIT)
    assert VISIT not in permissions.actions_of(staff)
    assert permissions.can(staff, PLAN, units.kien_an)
    assert permissions.can(reviewer, VISIT, units.kien_an)
    assert not permissions.can(reviewer, PLAN, units.kien_an)
    assert not permissions.units_for(staff, VISIT).exists()
    assert set(permissions.holders(VISIT, units.kien_an)) == {reviewer}
    # Staff cannot hand out a power they lack: the reviewer's role now grants one.
    assert not permissions.may_grant(staff, Role.REVIEWER)
    assert not permissions.may_manage_account(staff, reviewer)


def test_a_new_action_no_role_grants_is_the_superusers_only(load_with, staff, superuser, units):
    load_with(field_trips())

    assert permissions.can(superuser, VISIT, units.bac_son)
    assert VISIT in permissions.actions_of(superuser)
    for role in Role:
        assert VISIT not in permission_registry.granted_by(role), role
    assert not permissions.can(staff, VISIT, units.bac_son)


def test_a_new_apps_admin_permissions_are_its_own(load_with, staff, reviewer, treasurer):
    load_with(field_trips(admin={Role.STAFF: ALL, Role.REVIEWER: VIEW}))

    assert permissions.has_admin_permission(staff, "fieldtrips", "delete")
    assert permissions.has_admin_permission(reviewer, "fieldtrips", "view")
    assert not permissions.has_admin_permission(reviewer, "fieldtrips", "change")
    assert not permissions.has_admin_permission(treasurer, "fieldtrips")


def test_admin_permissions_as_the_apps_declare_them(staff, treasurer, reviewer):
    expected = {
        "staff": {
            "organizations": ALL,
            "campaigns": ALL,
            "learning_models": ALL,
            "scholarships": VIEW,
            "axes": {"view", "delete"},
        },
        "treasurer": {"organizations": VIEW, "scholarships": {"view", "add", "change"}},
        "reviewer": {"organizations": VIEW, "learning_models": VIEW},
    }
    for user in (staff, treasurer, reviewer):
        for label in ("organizations", "campaigns", "learning_models", "scholarships", "axes"):
            for operation in sorted(ALL):
                allowed = operation in expected[user.username].get(label, ())
                assert permissions.has_admin_permission(user, label, operation) is allowed, (
                    user.username,
                    label,
                    operation,
                )


def test_asking_about_an_action_no_app_declares_is_a_mistake(superuser, staff, units):
    for action in (VISIT, "campaigns.sign_off"):
        with pytest.raises(LookupError):
            permissions.can(superuser, action, units.le_chan)
        with pytest.raises(LookupError):
            permissions.unit_filter(staff, action)
        with pytest.raises(LookupError):
            permissions.holders(action, units.le_chan)


@pytest.mark.parametrize(
    ("declared", "says"),
    [
        ({"actions": [campaign_actions.SIGN_OFF]}, "declares the action campaigns.sign_off"),
        (
            {"roles": {Role.STAFF: {fund_actions.HANDLE_MONEY}}},
            "actions it does not declare: scholarships.handle_money",
        ),
        ({"roles": {"visitor": {VISIT}}}, "unknown role 'visitor'"),
        ({"admin": {Role.STAFF: {"view", "publish"}}}, "unknown admin operations: publish"),
        ({"package_admin": {"axes": {Role.REVIEWER: VIEW}}}, "axes are declared by"),
        ({"package_admin": {"campaigns": {Role.REVIEWER: VIEW}}}, "admin permissions of"),
    ],
    ids=[
        "another-apps-action",
        "granting-another-apps-action",
        "unknown-role",
        "unknown-operation",
        "a-package-looked-after-twice",
        "another-portal-apps-admin",
    ],
)
def test_a_declaration_names_only_the_apps_own(load_with, declared, says):
    with pytest.raises(ImproperlyConfigured, match=says):
        load_with(field_trips(**declared))


def test_an_action_declared_twice_stops_the_start_up(load_with):
    twice = SimpleNamespace(label="fieldtrips", permissions=lambda: declare("fieldtrips"))
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        load_with(field_trips(), field_trips())
    with pytest.raises(ImproperlyConfigured, match="declares the permissions of fieldtrips"):
        load_with(SimpleNamespace(label="excursions", permissions=twice.permissions))


def test_an_action_is_named_by_its_app():
    assert str(campaign_actions.SIGN_OFF) == "campaigns.sign_off"
    assert campaign_actions.SIGN_OFF.app_label == "campaigns"
    with pytest.raises(ImproperlyConfigured):
        Action("sign_off")
