"""What an admin page would send back unchanged, so a test changes only the fields it cares
about and posts the rest as the browser would.

form_values(form)       one form's current values as POST data (disabled fields left out)
admin_post_data(page)   the change or add page's form and its inline formsets, management
                        forms included
"""

import datetime


def form_values(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None:
            continue
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date | datetime.time):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def admin_post_data(page):
    data = form_values(page.context["adminform"].form)
    for inline in page.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            data.update(form_values(form))
    return data
