"""`manage.py check --deploy` refuses a production database that still holds the demo
accounts, whose password is published."""

from django.core import checks

from organizations.demo import DEMO_PASSWORD
from organizations.models import User


def deploy_errors():
    return [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id == "organizations.E001"
    ]


def test_demo_accounts_that_can_sign_in_fail_the_deploy_check(db):
    User.objects.create_user("staff.hoi", password=DEMO_PASSWORD)
    User.objects.create_user("officer.lechan", password=DEMO_PASSWORD)

    (error,) = deploy_errors()

    assert error.level == checks.ERROR
    assert "officer.lechan, staff.hoi" in error.msg


def test_a_database_without_demo_accounts_passes(db):
    User.objects.create_user("nguyenthuha.lechan", password="another password")
    unusable = User.objects.create_user("officer.kienan")
    unusable.set_unusable_password()
    unusable.save()
    User.objects.create_user("staff.hoi", password=DEMO_PASSWORD, is_active=False)

    assert deploy_errors() == []


def test_the_check_is_a_deploy_check_only(db):
    User.objects.create_user("staff.hoi", password=DEMO_PASSWORD)

    assert not [m for m in checks.run_checks() if m.id == "organizations.E001"]
