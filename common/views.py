"""The officers' area's front page (/portal/): what is due for the signed-in person and
the panels the apps show them (common.officers), in two columns."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common import officers


@login_required
def dashboard(request):
    concerned, due = officers.due_for(request)
    panels = officers.panels_for(request)
    return render(
        request,
        "common/officers/dashboard.html",
        {
            "officers_due_concerned": concerned,
            "officers_due": due,
            "officers_main": [shown for shown in panels if shown.panel.column == officers.MAIN],
            "officers_side": [shown for shown in panels if shown.panel.column == officers.SIDE],
        },
    )
