"""The admin's unit form refuses a code or a name with control characters, which would
break every officer's Excel template."""

from django.urls import reverse

from organizations.models import Unit


def test_admin_unit_form_refuses_a_code_with_control_characters(
    staff_client, units, admin_form_data
):
    url = reverse("admin:organizations_unit_change", args=[units.bac_son.pk])
    data = admin_form_data(staff_client.get(url))

    response = staff_client.post(url, {**data, "code": "114\x0134", "name": "Phường\x7f Bắc Sơn"})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "invisible control character" in str(errors["code"])
    assert "invisible control character" in str(errors["name"])
    assert Unit.objects.get(pk=units.bac_son.pk).code == "11434"
