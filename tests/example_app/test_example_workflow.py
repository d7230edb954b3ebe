"""A new app on the shared machinery: recognition dossiers (tests/example_app/dossiers),
installed for these tests only (conftest.py).

An officer of Lê Chân opens a dossier, attaches a PDF and sends it; an officer of Kiến An
neither sees nor moves it; the association's staff approve it. The history names the
moves in Vietnamese and in English, a PNG named .html is kept as a .png, the officers'
page shows each person the buttons `moves_for` gives them, and a move the rules refuse
changes nothing.
"""

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.history.types import PORTAL
from common.models import HistoryEntry
from organizations import permission_registry, permissions
from organizations.models import Role
from tests.test_architecture import ROOT, history_writes, imports_of, state_writes_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

PDF = b"%PDF-1.7\n" + b"0" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TITLE = "Hồ sơ đề nghị công nhận Cộng đồng học tập cấp quận năm 2024"


@pytest.fixture
def app():
    """The example app's modules, imported once conftest.py has installed it."""
    from tests.example_app.dossiers import models, services, workflows

    return SimpleNamespace(Dossier=models.Dossier, services=services, workflow=workflows.DOSSIER)


def upload(name, content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def draft(app, units, officer_le_chan):
    """A draft of Quận Lê Chân with its report attached."""
    dossier = app.services.create_dossier(unit=units.le_chan, title=TITLE, by=officer_le_chan)
    app.services.attach_file(dossier, by=officer_le_chan, upload=upload("to-trinh.pdf"))
    return dossier


@pytest.fixture
def sent(app, draft, officer_le_chan):
    return app.services.submit_dossier(draft, by=officer_le_chan)


def actions(dossier):
    return list(HistoryEntry.objects.for_object(dossier).values_list("action", flat=True))


def unchanged(app, dossier):
    """What a refused move must leave as it was: the state, the last change, the history."""
    row = app.Dossier.objects.get(pk=dossier.pk)
    return (row.state, row.changed_at, actions(row))


# --- the story --------------------------------------------------------------------------


def test_an_officer_opens_attaches_and_sends_and_staff_approve(app, units, officer_le_chan, staff):
    dossier = app.services.create_dossier(unit=units.le_chan, title=TITLE, by=officer_le_chan)
    item = app.services.attach_file(dossier, by=officer_le_chan, upload=upload("to-trinh.pdf"))
    app.services.submit_dossier(dossier, by=officer_le_chan)
    approved = app.services.approve_dossier(dossier, by=staff)

    assert approved.state == "approved"
    assert app.Dossier.objects.get(pk=dossier.pk).state == "approved"
    assert (item.content_type, item.file.name.endswith(".pdf")) == ("application/pdf", True)
    entries = HistoryEntry.objects.for_object(dossier)
    assert [(e.action, e.actor, e.changes.get("state")) for e in entries] == [
        ("approved", staff, ["submitted", "approved"]),
        ("submitted", officer_le_chan, ["draft", "submitted"]),
        ("file_attached", officer_le_chan, None),
        ("created", officer_le_chan, None),
    ]


def test_another_districts_officer_neither_sees_nor_moves_it(
    app, sent, draft, officer_kien_an, officer_kien_an_client
):
    before = unchanged(app, sent)
    page = officer_kien_an_client.get(reverse("dossiers:list"))

    assert page.status_code == 200
    assert TITLE not in page.text
    assert officer_kien_an_client.get(reverse("dossiers:detail", args=[sent.pk])).status_code == 403
    moved = officer_kien_an_client.post(reverse("dossiers:move", args=[sent.pk, "approve"]))
    assert moved.status_code == 403
    assert app.workflow.moves_for(sent, officer_kien_an) == ()
    with pytest.raises(PermissionDenied):
        app.services.approve_dossier(sent, by=officer_kien_an)
    assert unchanged(app, sent) == before


def test_another_districts_officer_cannot_attach_or_send_a_draft(app, draft, officer_kien_an):
    before = unchanged(app, draft)

    with pytest.raises(PermissionDenied):
        app.services.attach_file(draft, by=officer_kien_an, upload=upload("khac.pdf"))
    with pytest.raises(PermissionDenied):
        app.services.submit_dossier(draft, by=officer_kien_an)
    assert unchanged(app, draft) == before
    assert draft.files.count() == 1


# --- the history, in both languages -----------------------------------------------------


@pytest.fixture
def approved(app, sent, staff):
    return app.services.approve_dossier(sent, by=staff)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "vi",
            [
                "Đã duyệt hồ sơ",
                "Đã gửi hồ sơ để duyệt",
                "Đã đính kèm tệp vào hồ sơ",
                "Đã lập hồ sơ",
            ],
        ),
        (
            "en",
            [
                "Dossier approved",
                "Dossier sent for approval",
                "File attached to the dossier",
                "Dossier opened",
            ],
        ),
    ],
)
def test_the_history_names_the_moves_in_the_readers_language(
    approved, client_for, officer_le_chan, language, expected
):
    page = client_for(officer_le_chan, language=language).get(
        reverse("dossiers:detail", args=[approved.pk])
    )

    history = re.search(r'<ol class="history">(.*?)</ol>', page.text, re.S).group(1)
    assert re.findall(r"<strong>([^<]+)</strong>", history) == expected
    state_change = {
        "vi": "Trạng thái: chờ duyệt → đã duyệt",
        "en": "State: waiting for approval → approved",
    }[language]
    assert state_change in page.text
    assert "to-trinh.pdf" in page.text


def test_the_history_rows_come_from_the_shared_display(approved):
    from common.history.display import history_rows

    rows = history_rows(approved, audience=PORTAL)

    assert [str(row["action"]) for row in rows][:2] == ["đã duyệt hồ sơ", "đã gửi hồ sơ để duyệt"]
    assert rows[0]["changes"] == [{"label": "trạng thái", "old": "chờ duyệt", "new": "đã duyệt"}]
    assert rows[2]["changes"] == [{"label": "tệp", "old": "—", "new": "to-trinh.pdf"}]


# --- the attachment ----------------------------------------------------------------------


def test_a_png_named_html_is_stored_and_served_as_a_png(
    app, units, officer_le_chan, officer_le_chan_client, media
):
    dossier = app.services.create_dossier(unit=units.le_chan, title=TITLE, by=officer_le_chan)

    response = officer_le_chan_client.post(
        reverse("dossiers:attach", args=[dossier.pk]),
        {"file": upload("bien-ban.html", PNG)},
    )

    assert response.status_code == 302
    item = dossier.files.get()
    assert item.file.name.endswith(".png")
    assert (media / item.file.name).read_bytes() == PNG
    assert (item.original_name, item.content_type) == ("bien-ban.html", "image/png")
    served = officer_le_chan_client.get(reverse("dossiers:file", args=[item.pk]))
    assert served["Content-Type"] == "image/png"
    assert 'filename="bien-ban.png"' in served["Content-Disposition"]
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PNG


def test_a_page_named_pdf_is_refused_and_nothing_is_stored(app, units, officer_le_chan, media):
    dossier = app.services.create_dossier(unit=units.le_chan, title=TITLE, by=officer_le_chan)

    with pytest.raises(ValidationError):
        app.services.attach_file(
            dossier, by=officer_le_chan, upload=upload("to-trinh.pdf", b"<html><script>")
        )
    assert not dossier.files.exists()
    assert list(media.rglob("*.*")) == []
    assert actions(dossier) == ["created"]


# --- the officers' page -------------------------------------------------------------------


def buttons(page, dossier):
    """The moves offered on the list's row of `dossier` (None: the row is not shown)."""
    row = re.search(rf'<tr data-dossier="{dossier.pk}">(.*?)</tr>', page.text, re.S)
    return None if row is None else set(re.findall(r'data-move="([a-z]+)"', row.group(1)))


@pytest.fixture
def three(app, units, officer_le_chan, staff):
    """A draft, a sent and an approved dossier of Quận Lê Chân."""
    made = []
    for title in ("Nháp", "Đã gửi", "Đã duyệt"):
        dossier = app.services.create_dossier(unit=units.le_chan, title=title, by=officer_le_chan)
        app.services.attach_file(dossier, by=officer_le_chan, upload=upload("to-trinh.pdf"))
        made.append(dossier)
    app.services.submit_dossier(made[1], by=officer_le_chan)
    app.services.submit_dossier(made[2], by=officer_le_chan)
    app.services.approve_dossier(made[2], by=staff)
    return made


@pytest.mark.parametrize(
    ("persona", "draft_buttons", "sent_buttons", "approved_buttons"),
    [
        ("officer_le_chan", {"submit"}, set(), set()),
        ("approver_le_chan", {"submit"}, set(), set()),
        ("staff", {"submit"}, {"approve", "return"}, set()),
        ("reviewer", set(), set(), set()),
        ("officer_kien_an", None, None, None),
    ],
)
def test_the_officers_page_shows_each_persona_its_buttons(
    request, client_for, three, persona, draft_buttons, sent_buttons, approved_buttons
):
    page = client_for(request.getfixturevalue(persona)).get(reverse("dossiers:list"))

    assert page.status_code == 200
    assert [buttons(page, dossier) for dossier in three] == [
        draft_buttons,
        sent_buttons,
        approved_buttons,
    ]


def test_the_buttons_read_as_the_workflow_names_them(staff_client, three):
    page = staff_client.get(reverse("dossiers:detail", args=[three[1].pk]))

    assert ">Approve</button>" in page.text
    assert ">Return to the unit</button>" in page.text
    assert 'name="reason" required' in page.text  # the return asks why


def test_staff_return_a_dossier_from_the_page_with_the_reason(
    app, sent, staff_client, officer_le_chan_client
):
    staff_client.post(
        reverse("dossiers:move", args=[sent.pk, "return"]),
        {"reason": "Thiếu biên bản họp xét của phường."},
    )

    assert app.Dossier.objects.get(pk=sent.pk).state == "draft"
    page = officer_le_chan_client.get(reverse("dossiers:detail", args=[sent.pk]))
    assert "Dossier returned to the unit" in page.text
    assert "Thiếu biên bản họp xét của phường." in page.text
    assert 'data-move="submit"' in page.text


# --- refused moves change nothing ------------------------------------------------------------


def test_an_officer_cannot_approve_their_own_dossier(
    app, sent, officer_le_chan, officer_le_chan_client
):
    before = unchanged(app, sent)

    with pytest.raises(PermissionDenied):
        app.services.approve_dossier(sent, by=officer_le_chan)
    response = officer_le_chan_client.post(reverse("dossiers:move", args=[sent.pk, "approve"]))

    assert response.status_code == 403
    assert unchanged(app, sent) == before


def test_a_move_the_state_does_not_allow_changes_nothing(app, draft, staff, staff_client):
    before = unchanged(app, draft)

    with pytest.raises(ValidationError, match="không thể chuyển sang “đã duyệt”"):
        app.services.approve_dossier(draft, by=staff)
    page = staff_client.post(reverse("dossiers:move", args=[draft.pk, "approve"]), follow=True)

    assert "A dossier that is “draft” cannot become “approved”." in page.text
    assert unchanged(app, draft) == before


def test_a_dossier_without_a_file_is_not_sent(app, units, officer_le_chan):
    empty = app.services.create_dossier(unit=units.le_chan, title=TITLE, by=officer_le_chan)
    before = unchanged(app, empty)

    with pytest.raises(ValidationError, match="Hãy đính kèm tài liệu"):
        app.services.submit_dossier(empty, by=officer_le_chan)
    assert unchanged(app, empty) == before


def test_a_return_without_a_reason_changes_nothing(app, sent, staff, staff_client):
    before = unchanged(app, sent)

    with pytest.raises(ValidationError) as refused:
        app.services.return_dossier(sent, by=staff, reason="  ")
    staff_client.post(reverse("dossiers:move", args=[sent.pk, "return"]), {"reason": ""})

    assert "reason" in refused.value.message_dict
    assert unchanged(app, sent) == before


def test_an_approved_dossier_takes_no_file(app, approved, staff):
    with pytest.raises(ValidationError):
        app.services.attach_file(approved, by=staff, upload=upload("muon.pdf"))
    assert approved.files.count() == 1


def test_a_move_the_workflow_does_not_have_is_not_found(sent, staff_client):
    assert staff_client.post(reverse("dossiers:move", args=[sent.pk, "publish"])).status_code == 404


# --- the app keeps the portal's rules -----------------------------------------------------------

APP_DIR = "tests/example_app/dossiers"


def test_the_app_declares_its_own_actions_and_staff_keep_appointing_officers(staff):
    from tests.example_app.dossiers.permissions import APPROVE, EDIT

    assert EDIT in permission_registry.granted_by(Role.OFFICER)
    assert APPROVE not in permission_registry.granted_by(Role.OFFICER)
    assert {EDIT, APPROVE} <= permission_registry.granted_by(Role.STAFF)
    # Staff hold every action an officer's role grants, so they still appoint officers.
    assert permissions.may_grant(staff, Role.OFFICER)


def test_an_action_officers_hold_and_staff_lack_would_stop_staff_appointing_officers(staff):
    """Why staff hold EDIT too: nobody appoints a role that can do more than they can."""
    from django.apps import apps

    from tests.example_app.dossiers.permissions import APPROVE, EDIT

    stingy = SimpleNamespace(
        label="dossiers",
        permissions=lambda: permission_registry.declare(
            "dossiers", actions=[EDIT, APPROVE], roles={Role.OFFICER: {EDIT}, Role.STAFF: {APPROVE}}
        ),
    )
    others = [config for config in apps.get_app_configs() if config.label != "dossiers"]
    try:
        permission_registry.load([*others, stingy])
        assert not permissions.may_grant(staff, Role.OFFICER)
    finally:
        permission_registry.load(apps.get_app_configs())
    assert permissions.may_grant(staff, Role.OFFICER)


def test_the_app_is_installed_for_these_tests_only():
    from config import settings as shipped
    from config import urls as shipped_urls

    assert "tests.example_app.dossiers" not in shipped.INSTALLED_APPS
    assert "dossiers" not in str(shipped_urls.urlpatterns)


def test_only_the_services_write_a_state_or_the_history():
    states = [
        (path.name, line)
        for path in (ROOT / APP_DIR).rglob("*.py")
        for line, _code in state_writes_in(path.read_text(encoding="utf-8"))
        if path.name != "services.py"
    ]
    assert states == []
    assert {path for path, _line, _call in history_writes(APP_DIR)} == {f"{APP_DIR}/services.py"}


def test_the_app_imports_no_other_domain_app():
    imported = {module.split(".")[0] for _path, module in imports_of(APP_DIR)}
    assert imported <= {"django", "common", "organizations", "tests"}


# --- the officers' area -------------------------------------------------------------------


def due_tiles(page):
    """{label: (count, link)} of the front page's "What is due"."""
    return {
        label.strip(): (int(count), url)
        for url, count, label in re.findall(
            r'<a class="due-tile[^"]*" href="([^"]+)">\s*<span class="due-tile__count">(\d+)'
            r'</span>\s*<span class="due-tile__label">([^<]+)</span>',
            page.text,
        )
    }


def test_the_officers_front_page_shows_the_dossiers_waiting(
    app, units, draft, three, officer_le_chan_client, staff_client, officer_kien_an_client
):
    officer_page = officer_le_chan_client.get(reverse("portal:dashboard"))
    staff_page = staff_client.get(reverse("portal:dashboard"))
    other_page = officer_kien_an_client.get(reverse("portal:dashboard"))

    listed = reverse("dossiers:list")
    assert due_tiles(officer_page)["dossiers waiting to be sent"] == (2, listed)
    assert due_tiles(staff_page)["dossier waiting for approval"] == (1, listed)
    assert "dossiers waiting for approval" not in officer_page.text
    assert "waiting to be sent" not in staff_page.text
    assert "dossier" not in str(due_tiles(other_page))
    for page in (officer_page, staff_page, other_page):
        assert f'href="{listed}"' in page.text  # the menu's entry
        assert "Recognition dossiers" in page.text


def test_the_due_tile_reads_vietnamese_on_a_vietnamese_page(draft, client_for, officer_le_chan):
    page = client_for(officer_le_chan, language="vi").get(reverse("portal:dashboard"))

    assert due_tiles(page)["hồ sơ chờ gửi đi"] == (1, reverse("dossiers:list"))
    assert "Hồ sơ đề nghị công nhận" in page.text
