"""The benchmark's data generator (bench/generate.py) makes valid activities."""

import io

import pytest

from bench.generate import generate
from campaigns import services
from campaigns.models import Activity, ActivityResult, ActivityState, CampaignState

pytestmark = pytest.mark.django_db


def test_generate_adds_the_number_of_activities_asked_for(units):
    out = io.StringIO()
    campaign = generate(60, seed=3, stdout=out)
    assert campaign.year == 2024
    assert campaign.state == CampaignState.OPEN
    assert campaign.activities.count() == 60
    assert campaign.focus_areas.count() == 8
    assert "60 activities added" in out.getvalue()
    generate(15, seed=4)
    assert campaign.activities.count() == 75


def test_generated_activities_pass_the_checks_of_an_entry(units, superuser):
    campaign = generate(60, seed=3)
    for activity in Activity.objects.filter(campaign=campaign).select_related(
        "organizer", "commune", "focus_area", "campaign"
    ):
        co_organizers = list(activity.co_organizers.all())
        services.validate_activity(activity, by=superuser, co_organizers=co_organizers)
        activity.full_clean(exclude=["co_organizers"])
        # bulk_create skips save(), so the generator fills the search text itself.
        assert activity.search_text == activity.compute_search_text()
        assert activity.search_text


def test_generated_activities_are_mostly_published_with_some_results(units):
    campaign = generate(200, seed=5)
    activities = campaign.activities.all()
    published = activities.filter(state=ActivityState.PUBLISHED).count()
    assert published >= 0.75 * 200
    assert len(set(activities.values_list("state", flat=True))) == len(ActivityState.values)
    assert activities.filter(co_organizers__isnull=False).exists()
    assert ActivityResult.objects.filter(activity__campaign=campaign).exists()
    cancelled = activities.filter(state=ActivityState.CANCELLED)
    assert not cancelled.filter(cancel_reason="").exists()
