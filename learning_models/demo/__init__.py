"""Demo data for the learning models (`manage.py load_demo`, after the organizations and
campaigns demos): the criteria catalogue, a district reviewer, about thirty-five dossiers
of the assessment years 2024 and 2025 in every state, their recognitions (some about to
expire, some expired), yearly counts of many communes and a few hundred recognised
households, with and without consent to be named.

What it writes is in data/dossiers.toml. Everything goes through the services officers,
reviewers and staff use, told the days it happened (`at=`) and asked to send no mail; the
history is left as they wrote it. A 2024 dossier is filed in January 2025, before its
set's deadline; a 2025 one in January 2026. The counts and the lists go through the
admin's own import (learning_models.resources), as a commune's spreadsheet would. Every
part is matched on its natural key, so a second run adds nothing.
"""

import datetime
import random
import tomllib
from decimal import Decimal
from pathlib import Path

import tablib
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learning_models import services
from learning_models.models import Dossier, FileKind, HouseholdCount
from learning_models.resources import (
    COUNT_COLUMNS,
    HOUSEHOLD_COLUMNS,
    HouseholdCountResource,
    RecognisedHouseholdResource,
    title_label,
)
from learning_models.states import DossierState as S
from learning_models.states import IndicatorKind, Title
from learning_models.workflows import may_appraise, may_edit
from organizations.demo import ROLE_START, DemoAccount
from organizations.demo import _account as demo_account
from organizations.models import Membership, Role, Unit, UnitKind, UnitLevel
from organizations.services import grant_role

DATA = Path(__file__).resolve().parent / "data" / "dossiers.toml"
SEED = 20250101
# The day each year's units are looked up on.
LOOKUP_DAY = {2024: datetime.date(2024, 9, 15), 2025: datetime.date(2025, 9, 15)}
# The order of the moves a dossier makes to reach each state.
PATH = {
    S.REGISTERED: [],
    S.SELF_ASSESSED: ["self_assess"],
    S.SUBMITTED: ["self_assess", "submit"],
    S.UNDER_APPRAISAL: ["self_assess", "submit", "start_appraisal"],
    S.RETURNED: ["self_assess", "submit", "start_appraisal", "return"],
    S.RESUBMITTED: ["self_assess", "submit", "start_appraisal", "return", "resubmit"],
    S.RECOGNISED: ["self_assess", "submit", "start_appraisal", "appraise", "recognise"],
    S.NOT_RECOGNISED: ["self_assess", "submit", "start_appraisal", "appraise", "refuse"],
}
TEAM = "Chủ tịch UBND — tổ trưởng\nCán bộ văn hóa — thư ký\nChủ tịch Hội Khuyến học — thành viên"
# A tiny PDF: the demo's self-assessment reports, cover letters and evidence.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def read_data(path=DATA):
    with path.open("rb") as file:
        data = tomllib.load(file)
    for number, item in enumerate(data["dossiers"], start=1):
        if item.get("state") not in S.values or item.get("title") not in Title.values:
            raise ImproperlyConfigured(f"{path.name}: dossier {number} has no known state/title")
    return data


def load(stdout):
    data = read_data()
    report = services.load_catalogue()
    stdout.write(
        f"Criteria sets: {len(report.created)} loaded, {len(report.kept)} already there.\n"
    )
    staff = _holder(Role.STAFF, "HKH-HP")
    reviewer = _holder(Role.REVIEWER, "HKH-HP")
    district_reviewer = _district_reviewer(data["district_reviewer"])
    officers = _officers()
    written, kept = 0, 0
    for number, item in enumerate(data["dossiers"]):
        unit = _unit(item["unit"], LOOKUP_DAY[item["year"]])
        if Dossier.objects.filter(unit=unit, title=item["title"], year=item["year"]).exists():
            kept += 1
            continue
        people = {
            "unit": _author(unit, officers, staff),
            "reviewer": district_reviewer if item["unit"].startswith("11") else reviewer,
            "staff": staff,
            "fallback": reviewer,
        }
        _write(item, unit, people, random.Random(SEED + number))
        written += 1
    stdout.write(f"Learning-model dossiers: {written} added, {kept} already there.\n")
    _households(data["households"], staff, stdout)


# --- people ------------------------------------------------------------------------------


def _holder(role, unit_code):
    membership = (
        Membership.objects.active()
        .filter(role=role, unit__code=unit_code)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise ImproperlyConfigured(
            "The learning models demo needs the organizations demo's accounts: run "
            "manage.py load_demo, which loads them first."
        )
    return membership.user


def _district_reviewer(spec):
    """A reviewer of a district's education office: appraises its wards' dossiers."""
    unit = _unit(spec["unit"], LOOKUP_DAY[2024])
    account = DemoAccount(
        spec["username"], Role.REVIEWER, spec["unit"], spec["full_name"], spec["position"]
    )
    user = demo_account(account)
    if not Membership.objects.filter(user=user, unit=unit, role=Role.REVIEWER).exists():
        grant_role(
            user=user, unit=unit, role=Role.REVIEWER, starts_on=ROLE_START, note="Demo account"
        )
    return user


def _officers():
    found = {}
    for role in (Role.OFFICER, Role.APPROVER):
        for membership in Membership.objects.active().filter(role=role).order_by("pk"):
            found.setdefault(membership.unit_id, membership.user)
    return found


def _author(unit, officers, staff):
    """The unit's demo officer (or the officer of its district), when they may still edit
    its dossiers today; the association's staff otherwise."""
    parent = Unit.objects.filter(code=unit.parent_code).order_by("-valid_from").first()
    for unit_id in (unit.pk, getattr(parent, "pk", None)):
        officer = officers.get(unit_id)
        if officer is not None:
            return officer
    return staff


def _unit(code, day):
    try:
        return Unit.objects.valid_on(day).get(code=code)
    except (Unit.DoesNotExist, Unit.MultipleObjectsReturned) as error:
        raise ImproperlyConfigured(
            f"{DATA.name}: no single unit of code {code} on {day:%d/%m/%Y}"
        ) from error


# --- one dossier --------------------------------------------------------------------------


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _timeline(year, rng):
    """When each step of a dossier of `year` happened: registered in the autumn of the
    year, assessed and filed in early January of the next (before every set's deadline),
    appraised, returned and resubmitted in January and February, decided in March."""
    next_year = year + 1

    def day(month, first, last, hour_from=8, hour_to=16):
        picked = datetime.date(next_year if month < 9 else year, month, rng.randint(first, last))
        return _at(picked, rng.randint(hour_from, hour_to), rng.randint(0, 59))

    registered = day(10, 1, 20)
    return {
        "registered": registered,
        "self_assessment_saved": day(12, 1, 10),
        "self_assess": day(1, 2, 4),
        "files": day(1, 5, 6),
        "submit": day(1, 8, 12),
        "start_appraisal": day(1, 15, 20),
        "return": day(1, 22, 26),
        "resubmit": day(2, 5, 12),
        "appraise": day(3, 1, 5),
        "recognise": day(3, 10, 14),
        "refuse": day(3, 10, 14),
    }


def _value(indicator, *, short=False):
    """A value that meets the indicator; with `short`, one that does not."""
    if indicator.kind == IndicatorKind.MET:
        return "0" if short else "1"
    if indicator.kind == IndicatorKind.THRESHOLD:
        top = Decimal(100) if indicator.unit_of_value == "%" else indicator.threshold + 10
        value = indicator.threshold - 7 if short else min(indicator.threshold + 3, top)
        return str(max(value, Decimal(0)))
    return "0" if short else str(indicator.max_points)


def _write(item, unit, people, rng):
    year, state = item["year"], S(item["state"])
    times = _timeline(year, rng)
    author, staff = people["unit"], people["staff"]
    dossier = services.register(
        unit=unit,
        title=item["title"],
        level=item.get("level", 1),
        year=year,
        by=author,
        on=times["registered"].date(),
        at=times["registered"],
    )
    if not may_edit(author, dossier):
        author = staff
    reviewer = people["reviewer"]
    if not may_appraise(reviewer, dossier):
        reviewer = people["fallback"]
    values = list(dossier.values.select_related("indicator__criterion"))
    entries = {v.indicator_id: (_value(v.indicator), "") for v in values}
    if state == S.REGISTERED:  # begun, not finished
        entries = dict(list(entries.items())[: len(entries) // 2])
    services.save_self_assessment(
        dossier, entries=entries, by=author, at=times["self_assessment_saved"]
    )
    services.set_team(
        dossier,
        team=TEAM,
        by=author,
        at=times["self_assessment_saved"],
    )
    quiet = {"notify": False}
    for step in PATH[state]:
        at = times[step]
        if step == "self_assess":
            services.make_move(dossier, name=step, by=author, at=at, **quiet)
            _attach(dossier, author, values, times["files"])
        elif step in ("submit", "resubmit"):
            services.make_move(dossier, name=step, by=author, at=at, **quiet)
        elif step == "start_appraisal":
            services.make_move(dossier, name=step, by=reviewer, at=at, **quiet)
        elif step == "return":
            services.make_move(
                dossier, name=step, by=reviewer, reason=item["returned"], at=at, **quiet
            )
        elif step == "appraise":
            short = state == S.NOT_RECOGNISED
            found = {v.indicator_id: (_value(v.indicator), "Đúng với hồ sơ.") for v in values}
            if short:
                worst = values[-1]
                found[worst.indicator_id] = (
                    _value(worst.indicator, short=True),
                    "Minh chứng chưa đủ.",
                )
            services.save_appraisal(dossier, entries=found, by=reviewer, at=at)
        elif step == "refuse":
            services.make_move(
                dossier, name=step, by=reviewer, reason=item["refusal"], at=at, **quiet
            )
        elif step == "recognise":
            _recognise(dossier, item, reviewer, at)


def _attach(dossier, by, values, at):
    for kind, name in (
        (FileKind.SELF_REPORT, "Báo cáo tự đánh giá.pdf"),
        (FileKind.COVER_LETTER, "Tờ trình đề nghị công nhận.pdf"),
    ):
        upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
        services.attach_file(dossier, kind=kind, upload=upload, by=by, at=at)
    evidence = SimpleUploadedFile("Minh chứng.pdf", PDF, content_type="application/pdf")
    services.attach_file(
        dossier,
        kind=FileKind.EVIDENCE,
        upload=evidence,
        by=by,
        indicator=values[0].indicator,
        at=at,
    )


def _recognise(dossier, item, by, at):
    today = timezone.localdate()
    valid_until = None
    if "valid_days" in item:
        valid_until = max(
            today + datetime.timedelta(days=item["valid_days"]),
            at.date() + datetime.timedelta(days=1),
        )
    services.recognise(
        dossier,
        by=by,
        decision_number=item["decision"],
        decision_date=at.date(),
        signed_by=item["signed_by"],
        authority=item.get("authority", ""),
        valid_until=valid_until,
        at=at,
        notify=False,
    )


# --- the communes' counts and lists -------------------------------------------------------


def _households(spec, staff, stdout):
    rng = random.Random(SEED)
    communes = {
        2024: Unit.objects.valid_on(LOOKUP_DAY[2024]).filter(
            kind__in=UnitKind.of_level(UnitLevel.COMMUNE), code__startswith="11"
        ),
        2025: Unit.objects.valid_on(LOOKUP_DAY[2025]).filter(
            kind__in=UnitKind.of_level(UnitLevel.COMMUNE), code__startswith="11"
        ),
    }
    counts = tablib.Dataset(headers=list(COUNT_COLUMNS))
    for year, units in communes.items():
        for unit in units.order_by("code"):
            for title, size in ((Title.FAMILY, (800, 4000)), (Title.CLAN, (10, 60))):
                total = rng.randint(*size)
                registered = round(total * rng.uniform(0.7, 0.95))
                recognised = round(registered * rng.uniform(0.75, 0.95))
                counts.append(
                    [unit.code, str(year), title_label(title), total, registered, recognised]
                )
    counts = tablib.Dataset(*[[str(v) for v in row] for row in counts], headers=list(COUNT_COLUMNS))
    before = HouseholdCount.objects.count()
    _import(HouseholdCountResource, counts, staff)
    stdout.write(
        f"Yearly counts: {HouseholdCount.objects.count() - before} added "
        f"({len(counts)} in the lists).\n"
    )

    households, seen = tablib.Dataset(headers=list(HOUSEHOLD_COLUMNS)), set()
    for year in (2024, 2025):
        for code in spec[f"communes_{year}"]:
            for number in range(spec["per_commune"]):
                title = Title.CLAN if number % 10 == 9 else Title.FAMILY
                family = rng.choice(spec["family_names"])
                if title == Title.CLAN:
                    name = f"Dòng họ {family}"
                else:
                    name = " ".join(
                        (family, rng.choice(spec["middle_names"]), rng.choice(spec["given_names"]))
                    )
                consent = "có" if rng.randrange(spec["consent_one_in"]) == 0 else ""
                place = rng.choice(spec["places"])
                if (code, year, name, place) in seen:
                    continue
                seen.add((code, year, name, place))
                households.append(
                    [
                        code,
                        str(year),
                        str(title_label(title)),
                        name,
                        place,
                        f"{rng.randint(20, 90)}/QĐ-UBND",
                        consent,
                        "Phiếu đồng ý lưu tại UBND phường" if consent else "",
                    ]
                )
    result = _import(RecognisedHouseholdResource, households, staff)
    stdout.write(
        f"Recognised households: {result.report.created} added, "
        f"{result.report.unchanged} already there.\n"
    )


def _import(resource_class, dataset, by):
    result = resource_class().import_data(dataset, dry_run=False, user=by)
    if not result.report.ok:
        raise ImproperlyConfigured(
            "; ".join(str(error) for error in result.report.sorted_errors()[:5])
        )
    return result
