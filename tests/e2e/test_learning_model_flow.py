"""A learning-model dossier from registration to recognition, in a real browser.

An officer of Quận Lê Chân registers Phường An Biên for "learning community, commune
level", level 1, assessment year 2025; fills every indicator of the self-assessment (one as
"92,5", one with its evidence, a PDF), attaches the self-assessment report and the cover
letter, completes the self-assessment and submits the dossier. A reviewer of Lê Chân's
education office finds it in the queue, starts the appraisal, corrects one value and records
the recognition decision. The dossier then says "recognised" and the recognition is in the
database; the public register's entry is opened when that page exists
(`open_public_register_entry`).

Only the catalogue, the day (15/03/2025, when the districts still exist and the catalogue's
first versions are in force) and the people are set up in the database; every step goes
through the pages. The officer and the reviewer read the English pages.
"""

import datetime
import io

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from learning_models import services
from learning_models.models import Dossier, DossierFile, FileKind, Indicator, Recognition
from learning_models.states import DossierState, IndicatorKind
from organizations.models import Role
from tests.e2e.conftest import WCAG22_TAGS, field
from tests.learning_models import portal_world as world

pytestmark = pytest.mark.e2e

DAY = datetime.date(2025, 3, 15)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DECISION_NUMBER = "45/QĐ-PGDĐT"


@pytest.fixture
def learning_models_world(monkeypatch, media, units):
    """The day of the scenario and the criteria catalogue."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: DAY)
    services.load_catalogue()


@pytest.fixture
def district_reviewer(make_person, units):
    return make_person(
        "reviewer_le_chan",
        Role.REVIEWER,
        units.le_chan,
        full_name="Phạm Thị Lan",
        position="Chuyên viên Phòng Giáo dục và Đào tạo quận Lê Chân",
    )


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def state_badge(page):
    return page.locator(".lm-head__meta .badge").first


def qr_payload(page) -> str:
    """What a phone's camera reads from the certificate's QR code: the code as drawn in the
    browser, photographed (a screenshot of the element) and decoded with zxing-cpp."""
    picture = page.locator(".qr svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))
    assert len(found) == 1, found
    return found[0].text


def test_a_commune_is_assessed_submitted_appraised_and_recognised(
    settings,
    live_server,
    learning_models_world,
    open_page,
    visit,
    follow,
    log_in,
    screenshot,
    assert_accessible,
    persona_password,
    officer_le_chan,
    district_reviewer,
    units,
):
    officer = open_page(language="en")
    reviewer = open_page(language="en")

    # 1. The officer registers Phường An Biên through the form.
    log_in(officer, officer_le_chan, persona_password)
    visit(officer, "/portal/learning-models/")
    follow(officer, officer.get_by_role("link", name="Register a unit for a title").first)
    field(officer, "Unit").select_option(label="Phường An Biên")
    field(officer, "Title").select_option(value="community_commune")
    field(officer, "Level").select_option(value="1")
    field(officer, "Assessment year").select_option(value="2025")
    assert_accessible(officer, tags=WCAG22_TAGS)
    follow(officer, officer.get_by_role("button", name="Register", exact=True))
    dossier = Dossier.objects.get(unit=units.an_bien)
    assert officer.url.endswith(dossier.get_absolute_url())
    expect(state_badge(officer)).to_have_text("Registered")

    # 2. The team, then every indicator, one with its evidence.
    officer.locator("#id_team").fill(
        "Nguyễn Văn An, Chủ tịch UBND phường, Tổ trưởng\n"
        "Lê Thị Bình, Chủ tịch Hội Khuyến học phường, thành viên"
    )
    follow(officer, officer.get_by_role("button", name="Save the team"))
    indicators = list(
        Indicator.objects.filter(criterion__criteria_set=dossier.criteria_set).order_by(
            "criterion__number", "number"
        )
    )
    literacy = next(i for i in indicators if i.kind == IndicatorKind.THRESHOLD)
    for indicator in indicators:
        value = officer.locator(f"[name=value_{indicator.pk}]")
        if indicator.kind == IndicatorKind.MET:
            value.select_option("1")
        elif indicator == literacy:
            value.fill("92,5")
        else:
            value.fill(str(indicator.threshold + 5).replace(".", ","))
    first = indicators[0]
    officer.locator(f"[name=note_{first.pk}]").fill("Kế hoạch số 12/KH-UBND ngày 10/01/2025")
    officer.locator(f"[name=evidence_{first.pk}]").set_input_files(pdf("ke-hoach.pdf"))
    screenshot(officer, "lm-01-officer-self-assessment-form")
    follow(officer, officer.get_by_role("button", name="Save the self-assessment"))
    expect(officer.locator(".messages")).to_contain_text("the unit meets the criteria set")
    expect(officer.locator(f"tr[data-indicator='{first.code}']")).to_contain_text("ke-hoach.pdf")

    # 3. The report and the cover letter, then complete and submit.
    for kind, name in (
        (FileKind.SELF_REPORT, "bao-cao.pdf"),
        (FileKind.COVER_LETTER, "to-trinh.pdf"),
    ):
        field(officer, "Kind of file").select_option(value=kind.value)
        field(officer, "Photo or PDF").set_input_files(pdf(name))
        follow(officer, officer.get_by_role("button", name="Attach the file"))
        expect(officer.locator("#files")).to_contain_text(name)
    follow(officer, officer.get_by_role("button", name="Complete the self-assessment"))
    expect(state_badge(officer)).to_have_text("Self-assessed")
    assert_accessible(officer, tags=WCAG22_TAGS)
    screenshot(officer, "lm-02-officer-dossier-self-assessed")
    follow(officer, officer.get_by_role("button", name="Submit for appraisal"))
    expect(state_badge(officer)).to_have_text("Submitted")
    expect(officer.locator("[name^=value_]")).to_have_count(0)

    # 4. The district's reviewer appraises it, corrects one value, records the decision.
    log_in(reviewer, district_reviewer, persona_password)
    visit(reviewer, "/portal/learning-models/appraisal/")
    screenshot(reviewer, "lm-03-reviewer-queue")
    follow(reviewer, reviewer.get_by_role("link", name="Phường An Biên"))
    follow(reviewer, reviewer.get_by_role("button", name="Start the appraisal"))
    expect(state_badge(reviewer)).to_have_text("Under appraisal")
    corrected = reviewer.locator(f"[name=value_{literacy.pk}]")
    expect(corrected).to_have_value("92.5")
    corrected.fill("91")
    reviewer.locator(f"[name=note_{literacy.pk}]").fill("Theo số liệu phổ cập năm 2025: 91%.")
    follow(reviewer, reviewer.get_by_role("button", name="Save the appraisal"))
    expect(reviewer.locator(".messages")).to_contain_text("the dossier meets the criteria set")
    expect(field(reviewer, "Deciding authority")).to_have_value(dossier.criteria_set.authority)
    expect(field(reviewer, "Valid until")).to_have_value("31/12/2028")
    assert_accessible(reviewer, tags=WCAG22_TAGS)
    screenshot(reviewer, "lm-04-reviewer-appraisal")
    field(reviewer, "Decision number").fill(DECISION_NUMBER)
    field(reviewer, "Decision date").fill("10/03/2025")
    field(reviewer, "Signed by").fill("Trần Văn Hùng, Trưởng phòng Giáo dục và Đào tạo")
    follow(reviewer, reviewer.get_by_role("button", name="Record the recognition"))
    expect(state_badge(reviewer)).to_have_text("Recognised")
    expect(reviewer.locator(".lm-recognition")).to_contain_text(DECISION_NUMBER)
    screenshot(reviewer, "lm-05-reviewer-recognised")

    # 5. What the database holds, and the officer sees it recognised.
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RECOGNISED
    recognition = Recognition.objects.get(dossier=dossier)
    assert recognition.decision_number == DECISION_NUMBER
    assert recognition.decision_date == datetime.date(2025, 3, 10)
    assert recognition.valid_until == datetime.date(2028, 12, 31)
    assert DossierFile.objects.filter(dossier=dossier, indicator=first).count() == 1
    assert dossier.values.get(indicator=literacy).appraised_value == 91
    visit(officer, dossier.get_absolute_url())
    expect(state_badge(officer)).to_have_text("Recognised")
    visit(officer, "/portal/learning-models/")
    expect(officer.locator(f"tr[data-dossier='{dossier.pk}']")).to_contain_text("Recognised")
    assert_accessible(officer, tags=WCAG22_TAGS)
    screenshot(officer, "lm-06-officer-list")

    # 6. The recognition is on the public register; its certificate's QR code leads there
    # (the portal's public address is this test server's).
    settings.PORTAL_BASE_URL = live_server.url
    public = open_page(language="en")
    visit(public, "/learning-models/?q=an+bien")
    row = public.locator("tbody tr").filter(has_text=units.an_bien.name)
    expect(row).to_contain_text(DECISION_NUMBER)
    visit(public, f"/learning-models/{recognition.code}/certificate/")
    expect(public.locator("main")).to_contain_text(units.an_bien.name)
    screenshot(public, "lm-07-certificate")
    payload = qr_payload(public)
    assert payload.endswith(f"/learning-models/{recognition.code}/")
    public.goto(payload)
    expect(public.locator("main")).to_contain_text(units.an_bien.name)
    expect(public.locator("main")).to_contain_text(DECISION_NUMBER)
    expect(public.locator("main")).to_contain_text("31/12/2028")
    screenshot(public, "lm-08-register-entry")


def test_the_dossier_pages_fit_a_phone_and_are_accessible(
    learning_models_world,
    open_page,
    visit,
    log_in,
    screenshot,
    assert_accessible,
    persona_password,
    officer_le_chan,
    district_reviewer,
    units,
):
    """On a phone the officer's self-assessment and the reviewer's appraisal need no
    sideways scrolling, and pass the WCAG 2.2 AA checks."""
    registered = world.register(units.du_hang_kenh, officer_le_chan)
    appraised = world.bring_to(
        world.register(units.an_bien, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=district_reviewer,
    )
    for person, paths, name in (
        (officer_le_chan, [registered.get_absolute_url(), "/portal/learning-models/"], "officer"),
        (
            district_reviewer,
            [appraised.get_absolute_url(), "/portal/learning-models/appraisal/"],
            "reviewer",
        ),
    ):
        phone = open_page(width=390, height=844, mobile=True)
        log_in(phone, person, persona_password)
        for index, path in enumerate(paths):
            visit(phone, path)
            overflow = phone.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
            assert_accessible(phone, tags=WCAG22_TAGS)
            screenshot(phone, f"lm-phone-{name}-{index}")
