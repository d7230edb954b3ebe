from django.contrib.auth.backends import ModelBackend

from organizations import permissions


class RoleBackend(ModelBackend):
    """Logs people in with Django's usual password check; answers the admin's permission
    questions from their roles in units (organizations.permissions), not from Django's
    per-user permission tables, so that there is one source of truth."""

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        app_label, _dot, codename = perm.partition(".")
        operation = codename.split("_", 1)[0]
        return permissions.has_admin_permission(user_obj, app_label, operation)

    def has_module_perms(self, user_obj, app_label):
        return permissions.has_admin_permission(user_obj, app_label)
