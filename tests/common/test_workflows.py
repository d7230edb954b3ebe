"""common.workflows: the one funnel every state change goes through.

The workflow below is declared for these tests over a campaign's states (a model with a
state and registered history types), with a "who" that only the chair passes, so that the
funnel is tested apart from the portal's own rules: a move not in the table, or by a person
the predicate refuses, changes nothing; a move locks the row and reads its state again,
saves only its fields, writes its history entry (when, who, why) and leaves its side effect
for after the commit, or sends nothing with notify=False.
"""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from campaigns.models import Campaign, CampaignState
from common.models import HistoryEntry
from common.workflows import Workflow, move
from tests.campaigns.factories import make_campaign

C = CampaignState
AT = datetime.datetime(2024, 8, 29, 16, 0, tzinfo=datetime.UTC)


def _chair_only(user, campaign):
    return user.username == "chair"


def _refused(campaign, to):
    return f"From {campaign.state} no move leads to {to}."


def declare(effects):
    """The test workflow; its side effect notes (pk, state) in `effects`."""

    def opened(campaign, change):
        campaign.theme = f"Opened by {change.by.username}"
        return ["theme"]

    def not_before_2024(campaign, by):
        if campaign.year < 2024:
            raise ValidationError("Campaigns before 2024 stay closed.")

    def note(campaign):
        effects.append((campaign.pk, campaign.state))

    return Workflow(
        CampaignState,
        [
            move("open", [C.DRAFT], C.OPEN, action="opened", who=_chair_only, apply=opened,
                 after=note),
            move("close", [C.OPEN], C.CLOSED, action="closed", who=_chair_only,
                 reason_required="Say why the campaign closes.", after=note),
            move("reopen", [C.CLOSED], C.OPEN, action="reopened", who=_chair_only,
                 check=not_before_2024, note="Reopened on request."),
            # Its words stand for every refusal to archive, from any state.
            move("archive", [C.CLOSED], C.ARCHIVED, action="archived", who=_chair_only,
                 condition=lambda campaign: bool(campaign.plan_number),
                 refused=lambda campaign: "Only a closed campaign with a plan is archived."),
        ],
        refused=_refused,
    )  # fmt: skip


@pytest.fixture
def effects():
    return []


@pytest.fixture
def workflow(effects):
    return declare(effects)


@pytest.fixture
def chair(make_person):
    return make_person("chair")


@pytest.fixture
def member(make_person):
    return make_person("member")


@pytest.fixture
def draft(db):
    return make_campaign(2024, state=C.DRAFT, focus_areas=())


def history(obj):
    return list(HistoryEntry.objects.for_object(obj).order_by("at", "pk"))


# --- the table ------------------------------------------------------------------------


def test_the_table_is_read_from_the_moves(workflow):
    assert workflow.transitions == {
        C.DRAFT: {C.OPEN},
        C.OPEN: {C.CLOSED},
        C.CLOSED: {C.OPEN, C.ARCHIVED},
        C.ARCHIVED: set(),
    }
    assert workflow.sources_of("open", "reopen") == {C.DRAFT, C.CLOSED}


def test_a_declaration_naming_an_unknown_state_or_a_name_twice_is_refused():
    who = _chair_only
    with pytest.raises(ValueError, match="names a state"):
        Workflow(C, [move("end", [C.OPEN], "ended", action="closed", who=who)], refused=_refused)
    with pytest.raises(ValueError, match="share a name"):
        Workflow(
            C,
            [
                move("open", [C.DRAFT], C.OPEN, action="opened", who=who),
                move("open", [C.CLOSED], C.OPEN, action="reopened", who=who),
            ],
            refused=_refused,
        )


def test_moves_for_answers_by_state_condition_and_person(workflow, draft, chair, member):
    assert [m.name for m in workflow.moves_for(draft, chair)] == ["open"]
    assert workflow.moves_for(draft, member) == ()

    draft.state = C.CLOSED  # in memory only: the question is asked of the object as it is
    assert workflow.names_for(draft, chair) == {"reopen", "archive"}
    draft.plan_number = ""
    assert workflow.names_for(draft, chair) == {"reopen"}
    assert workflow.refusal(draft, to=C.ARCHIVED) == (
        "Only a closed campaign with a plan is archived."
    )
    assert workflow.refusal(draft, to=C.OPEN) is None


# --- refusals change nothing ---------------------------------------------------------------


def test_a_move_not_in_the_table_is_refused_and_changes_nothing(
    workflow, draft, chair, effects, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as no:
        workflow.make(draft, to=C.CLOSED, by=chair, reason="Hết tháng.")

    assert no.value.messages == ["From draft no move leads to closed."]
    draft.refresh_from_db()
    assert draft.state == C.DRAFT
    assert history(draft) == []
    assert callbacks == []


def test_a_state_no_move_leads_to_is_refused_in_the_workflows_words(workflow, draft, chair):
    with pytest.raises(ValidationError) as no:
        workflow.make(draft, to=C.DRAFT, by=chair)

    assert no.value.messages == ["From draft no move leads to draft."]


def test_a_value_that_is_no_state_is_a_mistake_in_the_code(workflow, draft, chair):
    with pytest.raises(ValueError, match="not a state"):
        workflow.make(draft, to="finished", by=chair)


def test_a_person_the_predicate_refuses_may_not_move_and_nothing_changes(
    workflow, draft, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(PermissionDenied):
        workflow.make(draft, to=C.OPEN, by=member)

    draft.refresh_from_db()
    assert (draft.state, draft.theme) == (C.DRAFT, "")
    assert history(draft) == []
    assert callbacks == []
    # Not even told whether the move would be allowed from the state.
    with pytest.raises(PermissionDenied):
        workflow.make(draft, to=C.ARCHIVED, by=member)


def test_a_missing_reason_is_refused_on_the_reason(workflow, chair, db):
    campaign = make_campaign(2024, focus_areas=())

    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as no:
            workflow.make(campaign, to=C.CLOSED, by=chair, reason=reason)
        assert no.value.message_dict == {"reason": ["Say why the campaign closes."]}
    campaign.refresh_from_db()
    assert campaign.state == C.OPEN


def test_the_apps_rule_is_checked_before_anything_changes(workflow, chair, db):
    campaign = make_campaign(2023, state=C.CLOSED, focus_areas=())

    with pytest.raises(ValidationError) as no:
        workflow.make(campaign, to=C.OPEN, by=chair)

    assert no.value.messages == ["Campaigns before 2024 stay closed."]
    campaign.refresh_from_db()
    assert campaign.state == C.CLOSED
    assert history(campaign) == []


def test_a_condition_refuses_in_the_apps_words_from_every_state(workflow, chair, db):
    without_plan = make_campaign(2025, state=C.CLOSED, focus_areas=())
    still_open = make_campaign(2024, focus_areas=())

    for campaign in (without_plan, still_open):
        with pytest.raises(ValidationError) as no:
            workflow.make(campaign, to=C.ARCHIVED, by=chair)
        assert no.value.messages == ["Only a closed campaign with a plan is archived."]
        assert history(campaign) == []


# --- a move: fields, history -------------------------------------------------------------


def test_a_move_saves_its_fields_and_writes_its_history_at_by_and_reason(workflow, draft, chair):
    Campaign.objects.filter(pk=draft.pk).update(updated_at=AT)

    moved = workflow.make(draft, to=C.OPEN, by=chair, reason="  Kế hoạch 204/KH-UBND  ", at=AT)

    assert moved.state == C.OPEN
    draft.refresh_from_db()
    assert (draft.state, draft.theme) == (C.OPEN, "Opened by chair")
    assert draft.updated_at > AT  # "last changed" is saved with the named fields
    [entry] = history(draft)
    assert (entry.action, entry.actor, entry.reason, entry.at) == (
        "opened",
        chair,
        "Kế hoạch 204/KH-UBND",
        AT,
    )
    assert entry.changes == {"state": ["draft", "open"]}


def test_a_move_without_at_happens_now_and_a_move_note_stands_in_for_no_reason(workflow, chair, db):
    campaign = make_campaign(2024, state=C.CLOSED, focus_areas=())
    before = datetime.datetime.now(datetime.UTC)

    workflow.make(campaign, to=C.OPEN, by=chair)

    [entry] = history(campaign)
    assert entry.at >= before
    assert (entry.action, entry.reason) == ("reopened", "Reopened on request.")
    assert entry.changes == {"state": ["closed", "open"]}


def test_only_the_moves_fields_are_saved(workflow, draft, chair):
    draft.title = "Đổi tên trong bộ nhớ"  # a change the move does not name

    workflow.make(draft, to=C.OPEN, by=chair)

    draft.refresh_from_db()
    assert draft.title == "Tháng Khuyến học năm 2024"


# --- side effects after the commit --------------------------------------------------------


def test_the_side_effect_waits_for_the_commit(
    workflow, draft, chair, effects, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.make(draft, to=C.OPEN, by=chair)

    assert effects == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert effects == [(draft.pk, C.OPEN)]


def test_notify_false_queues_nothing(
    workflow, draft, chair, effects, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.make(draft, to=C.OPEN, by=chair, at=AT, notify=False)

    assert callbacks == []
    assert effects == []
    draft.refresh_from_db()
    assert draft.state == C.OPEN
    assert [entry.at for entry in history(draft)] == [AT]


@pytest.mark.django_db(transaction=True)
def test_the_side_effect_runs_after_a_real_commit_and_never_after_a_rollback(
    workflow, effects, make_person
):
    chair = make_person("chair")
    kept = make_campaign(2024, state=C.DRAFT, focus_areas=())
    undone = make_campaign(2025, state=C.DRAFT, focus_areas=())

    with transaction.atomic():
        workflow.make(kept, to=C.OPEN, by=chair)
        assert effects == []
    assert effects == [(kept.pk, C.OPEN)]

    def fails_after_the_move():
        with transaction.atomic():
            workflow.make(undone, to=C.OPEN, by=chair)
            raise RuntimeError("the request failed after the move")

    with pytest.raises(RuntimeError):
        fails_after_the_move()
    assert effects == [(kept.pk, C.OPEN)]
    undone.refresh_from_db()
    assert undone.state == C.DRAFT
    assert history(undone) == []


# --- the lock: the state is read again -----------------------------------------------------


def test_a_change_made_meanwhile_is_seen_through_the_lock(workflow, draft, chair):
    stale = Campaign.objects.get(pk=draft.pk)  # shown as a draft on someone's page
    workflow.make(draft, to=C.OPEN, by=chair)  # someone else opened it meanwhile

    with pytest.raises(ValidationError) as no:
        workflow.make(stale, to=C.OPEN, by=chair)
    assert no.value.messages == ["From open no move leads to open."]

    closed = workflow.make(stale, to=C.CLOSED, by=chair, reason="Hết tháng.")
    assert closed.state == C.CLOSED
    assert [entry.changes["state"] for entry in history(draft)] == [
        ["draft", "open"],
        ["open", "closed"],
    ]


@pytest.mark.django_db(transaction=True)
def test_two_people_at_once_the_second_waits_for_the_first_and_is_refused(workflow, make_person):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; the PostgreSQL run checks the waiting")
    chair = make_person("chair")
    campaign = make_campaign(2024, state=C.DRAFT, focus_areas=())
    first_moved, release = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                workflow.make(campaign, to=C.OPEN, by=chair)
                first_moved.set()
                release.wait(10)  # the lock is held until the commit
        finally:
            connection.close()

    def second():
        try:
            workflow.make(campaign, to=C.OPEN, by=chair)
        except ValidationError as error:
            outcome["refused"] = error.messages
        else:
            outcome["refused"] = None
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert first_moved.wait(10)
    two = threading.Thread(target=second)
    two.start()
    two.join(0.5)
    assert two.is_alive(), "the second person waits for the first one's lock"
    release.set()
    one.join(10)
    two.join(10)

    assert outcome == {"refused": ["From open no move leads to open."]}
    assert [entry.action for entry in history(campaign)] == ["opened"]
