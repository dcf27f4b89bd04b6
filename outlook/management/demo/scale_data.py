"""A large, realistic-looking catalogue of issues and outlooks for benchmarks and manual testing.

Rows are written with bulk_create in batches, so tens of thousands of outlooks take minutes,
not hours. One object of each kind goes through full_clean() first: that catches a generator
mistake with a clear message, and the database's named constraints guard every other row.
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Seniority, Signup, SignupStatus
from outlook.models import (
    Exposure,
    Insight,
    Issue,
    Outlook,
    PublicationStatus,
    SkillAssessment,
    SkillVerdict,
    TaskAssessment,
    WhatChanged,
)
from outlook.publishing.pipeline import invalidate_everything
from outlook.text import with_article
from professions.models import Category, Profession, Skill

CATEGORIES = [
    "Technology",
    "Healthcare",
    "Finance",
    "Legal",
    "Education",
    "Creative Industries",
    "Engineering",
    "Retail",
    "Logistics",
    "Hospitality",
    "Public Sector",
    "Skilled Trades",
]
QUALIFIERS = ["", "Senior", "Junior", "Lead", "Principal", "Associate", "Chief", "Assistant"]
FIELDS = [
    "Software", "Data", "Clinical", "Tax", "Audit", "Marketing", "Sales", "Payroll",
    "Research", "Design", "Compliance", "Logistics", "Network", "Security", "Content",
    "Product", "Quality", "Training", "Procurement", "Customer Support", "Legal", "Claims",
    "Insurance", "Energy", "Construction", "Laboratory", "Pharmacy", "Radiology", "Translation",
    "Retail", "Hotel", "Property", "Investment", "Risk", "Editorial", "Broadcast", "Museum",
    "Records", "Grants", "Fleet",
]  # fmt: skip
ROLES = [
    "Analyst", "Manager", "Engineer", "Specialist", "Coordinator", "Consultant", "Adviser",
    "Technician", "Officer", "Planner", "Administrator", "Writer", "Designer", "Developer",
    "Inspector", "Scientist", "Assistant", "Director", "Supervisor", "Auditor",
]  # fmt: skip
SKILL_BASES = [
    "Spreadsheet modelling", "Report writing", "Data entry", "Client interviews",
    "Negotiation", "Scheduling", "Code review", "Documentation", "Translation",
    "Image editing", "Forecasting", "Regulatory research", "Stakeholder management",
    "Quality checks", "Budgeting", "Teaching", "Physical inspection", "Crisis handling",
    "Contract drafting", "Search and retrieval", "Summarising", "Coaching", "Sales calls",
    "Fieldwork", "Diagnosis", "Prototyping", "Testing", "Mentoring", "Public speaking",
    "Ethical judgement",
]  # fmt: skip
SKILL_LEVELS = ["", "Advanced", "Basic", "Applied", "Strategic", "Routine", "Specialist"]
TASK_VERBS = [
    "Draft", "Review", "Reconcile", "Schedule", "Analyse", "Present", "Negotiate", "Inspect",
    "Summarise", "Triage", "Design", "Approve", "Monitor", "Train staff on", "Audit",
]  # fmt: skip
TASK_OBJECTS = [
    "routine reports", "client requests", "monthly figures", "supplier contracts",
    "incident logs", "product specifications", "customer complaints", "project plans",
    "compliance checklists", "budget forecasts", "team rotas", "quality samples",
]  # fmt: skip
TASKS = [f"{verb} {thing}" for verb in TASK_VERBS for thing in TASK_OBJECTS]
EXPOSURE_WEIGHTS = {Exposure.HIGH: 3, Exposure.MEDIUM: 4, Exposure.LOW: 3}
RATIONALES = {
    Exposure.HIGH: "Language models already produce a usable first version in seconds.",
    Exposure.MEDIUM: "Tools speed up the routine part; the judgement part stays human.",
    Exposure.LOW: "Depends on trust, context and presence that software does not have.",
}
SKILL_REASONS = {
    SkillVerdict.VULNERABLE: "Assistants now do most of this well enough for routine cases.",
    SkillVerdict.RESILIENT: "Valued more as routine output gets cheaper to produce.",
}


@dataclass(frozen=True)
class Sizes:
    professions: int = 2000
    issues: int = 20
    outlooks: int = 40_000
    skills: int = 200
    tasks_per_outlook: int = 6
    skills_per_outlook: int = 6
    changes_per_outlook: int = 3
    insights_per_outlook: int = 2
    signups: int = 100_000


def unique_names(candidates: Iterator[str], count: int) -> list[str]:
    names = list(dict.fromkeys(candidates))
    if len(names) < count:
        raise ValueError(f"Cannot make {count} distinct names; at most {len(names)}.")
    return names[:count]


def profession_names(rng: random.Random, count: int) -> list[str]:
    combos = [
        " ".join(filter(None, (qualifier, field, role)))
        for qualifier in QUALIFIERS
        for field in FIELDS
        for role in ROLES
    ]
    # Plain names first, so a small dataset reads like a real catalogue.
    plain, qualified = combos[: len(FIELDS) * len(ROLES)], combos[len(FIELDS) * len(ROLES) :]
    rng.shuffle(plain)
    rng.shuffle(qualified)
    return unique_names(iter(plain + qualified), count)


def skill_names(rng: random.Random, count: int) -> list[str]:
    combos = [
        " ".join(filter(None, (level, base))) for level in SKILL_LEVELS for base in SKILL_BASES
    ]
    plain, levelled = combos[: len(SKILL_BASES)], combos[len(SKILL_BASES) :]
    rng.shuffle(levelled)
    return unique_names(iter(plain + levelled), count)


def generate_scale_data(
    *, sizes: Sizes, seed: int = 2026, batch_size: int = 1000
) -> dict[str, int]:
    """Fill an empty catalogue with `sizes` worth of published content; return the row counts."""
    if sizes.outlooks > sizes.professions * sizes.issues:
        raise ValueError(
            "Each profession has at most one outlook per issue: "
            f"{sizes.outlooks} outlooks need more than {sizes.professions} professions "
            f"x {sizes.issues} issues."
        )
    if sizes.tasks_per_outlook > len(TASKS):
        raise ValueError(f"At most {len(TASKS)} distinct tasks per outlook.")
    if sizes.skills_per_outlook > sizes.skills:
        raise ValueError("Each outlook assesses distinct skills: raise skills or lower the count.")
    if any(model.objects.exists() for model in (Issue, Profession, Category, Skill)):
        raise ValueError("The database already has content; generate scale data into an empty one.")
    rng = random.Random(seed)
    with transaction.atomic():
        categories = create_categories()
        professions = create_professions(rng, sizes.professions, categories)
        skills = create_skills(rng, sizes.skills)
        issues = create_issues(sizes.issues)
        create_outlooks(rng, sizes, issues, professions, skills, batch_size)
        create_signups(rng, sizes.signups, batch_size=batch_size)
        transaction.on_commit(invalidate_everything)
    refresh_planner_statistics()
    return {
        "categories": Category.objects.count(),
        "professions": Profession.objects.count(),
        "skills": Skill.objects.count(),
        "issues": Issue.objects.count(),
        "outlooks": Outlook.objects.count(),
        "task assessments": TaskAssessment.objects.count(),
        "skill assessments": SkillAssessment.objects.count(),
        "signups": Signup.objects.count(),
    }


def checked_bulk_create(model, objects: list, batch_size: int = 1000) -> list:
    if objects:
        objects[0].full_clean()
    return model.objects.bulk_create(objects, batch_size=batch_size)


def create_categories() -> list[Category]:
    checked_bulk_create(Category, [Category(name=name, slug=slugify(name)) for name in CATEGORIES])
    return list(Category.objects.all())


def create_professions(rng, count, categories) -> list[Profession]:
    professions = [
        Profession(
            name=name,
            slug=slugify(name),
            category=rng.choice(categories),
            description=f"Does the day-to-day work of {with_article(name.lower())}.",
        )
        for name in profession_names(rng, count)
    ]
    checked_bulk_create(Profession, professions)
    return list(Profession.objects.order_by("pk"))


def create_skills(rng, count) -> list[Skill]:
    checked_bulk_create(
        Skill, [Skill(name=name, slug=slugify(name)) for name in skill_names(rng, count)]
    )
    return list(Skill.objects.order_by("pk"))


def create_issues(count) -> list[Issue]:
    """One issue a year, newest first, so each profession can appear once a year."""
    newest = datetime.date.today().year
    issues = [
        Issue(
            volume=count - index,
            number=1,
            publication_date=datetime.date(newest - index, 4, 20),
            title=f"{newest - index} Outlook",
            editors_note=f"Our {newest - index} survey of how AI meets the world of work.",
            status=PublicationStatus.PUBLISHED,
            go_live_at=datetime.datetime(newest - index, 4, 20, 6, 0, tzinfo=datetime.UTC),
        )
        for index in range(count)
    ]
    checked_bulk_create(Issue, issues)
    return list(Issue.objects.order_by("-publication_date"))


def create_outlooks(rng, sizes, issues, professions, skills, batch_size) -> None:
    pairs = ((issue, profession) for issue in issues for profession in professions)
    pending = []
    for index, (issue, profession) in enumerate(pairs):
        if index == sizes.outlooks:
            break
        # A few drafts, as in a real newsroom.
        is_draft = rng.random() < 0.03
        pending.append(
            Outlook(
                issue=issue,
                profession=profession,
                year=issue.year,
                standfirst=(
                    f"How exposed is the work of {with_article(profession.name.lower())} to AI in "
                    f"{issue.year}? Task by task, and which skills hold their value."
                ),
                body=f"## The {issue.year} picture\n\nMore on what changed for this role.",
                status=PublicationStatus.DRAFT if is_draft else PublicationStatus.PUBLISHED,
                go_live_at=None if is_draft else issue.go_live_at,
            )
        )
        if len(pending) == batch_size:
            create_outlook_batch(rng, sizes, pending, skills)
            pending = []
    if pending:
        create_outlook_batch(rng, sizes, pending, skills)


def create_outlook_batch(rng, sizes, outlooks, skills) -> None:
    checked_bulk_create(Outlook, outlooks)
    # Read the new ids back: not every database returns them from a bulk insert.
    new_rows = Outlook.objects.filter(
        issue__in={outlook.issue_id for outlook in outlooks},
        profession__in={outlook.profession_id for outlook in outlooks},
    ).values_list("issue_id", "profession_id", "pk")
    ids = {(issue_id, profession_id): pk for issue_id, profession_id, pk in new_rows}
    tasks, skill_rows, changes, insights = [], [], [], []
    exposures, weights = list(EXPOSURE_WEIGHTS), list(EXPOSURE_WEIGHTS.values())
    for outlook in outlooks:
        outlook_id = ids[(outlook.issue_id, outlook.profession_id)]
        for position, task in enumerate(rng.sample(TASKS, sizes.tasks_per_outlook)):
            exposure = rng.choices(exposures, weights)[0]
            tasks.append(
                TaskAssessment(
                    outlook_id=outlook_id,
                    position=position,
                    task=task,
                    exposure=exposure,
                    rationale=RATIONALES[exposure],
                )
            )
        for position, skill in enumerate(rng.sample(skills, sizes.skills_per_outlook)):
            verdict = rng.choice(SkillVerdict.values)
            skill_rows.append(
                SkillAssessment(
                    outlook_id=outlook_id,
                    position=position,
                    skill=skill,
                    verdict=verdict,
                    rationale=SKILL_REASONS[verdict],
                )
            )
        changes.extend(
            WhatChanged(outlook_id=outlook_id, position=position, text=text)
            for position, text in enumerate(
                [
                    "Assistants became part of the standard toolkit.",
                    "Employers began asking for evidence of AI fluency.",
                    "Routine output got cheaper; review and sign-off did not.",
                ][: sizes.changes_per_outlook]
            )
        )
        insights.extend(
            Insight(outlook_id=outlook_id, position=position, text=text)
            for position, text in enumerate(
                [
                    "The work that remains is the work clients notice.",
                    "Checking machine output is now a skill in its own right.",
                ][: sizes.insights_per_outlook]
            )
        )
    for model, rows in (
        (TaskAssessment, tasks),
        (SkillAssessment, skill_rows),
        (WhatChanged, changes),
        (Insight, insights),
    ):
        checked_bulk_create(model, rows, batch_size=5000)
    # Bulk inserts send no signals: count the tasks for the rankings here.
    Outlook.objects.filter(pk__in=ids.values()).refresh_exposure_counts()


# Of 100 signups, how many end in each (confirmed?, status): most readers confirm, staff have
# reviewed or answered a good share, a few are spam.
SIGNUP_MIX = {
    (True, SignupStatus.NEW): 30,
    (True, SignupStatus.REVIEWED): 15,
    (True, SignupStatus.REPORT_SENT): 25,
    (True, SignupStatus.SPAM): 2,
    (False, SignupStatus.NEW): 25,
    (False, SignupStatus.SPAM): 3,
}
SIGNUP_TASKS = [
    "Writing reports, checking figures",
    "Client calls\nMonthly reconciliation\nTraining new staff",
    "Reviewing contracts; drafting replies",
    "",
]


def add_signups(*, count: int, seed: int = 2026, batch_size: int = 1000) -> int:
    """Add `count` signups to the existing catalogue; return how many signups there are now."""
    if not Profession.objects.exists():
        raise ValueError("Signups need professions: generate the catalogue first.")
    with transaction.atomic():
        create_signups(random.Random(seed), count, batch_size=batch_size)
    refresh_planner_statistics()
    return Signup.objects.count()


def refresh_planner_statistics() -> None:
    """Let PostgreSQL plan with the new row counts at once instead of after autovacuum.

    Freshly bulk-loaded tables look empty to the planner, which then sorts thousands of rows
    where an index walk would read two dozen: measured on the outlook page, 6 ms instead of
    0.5 ms for one query.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def create_signups(rng, count, *, batch_size) -> None:
    """Readers' signups over the last two years, unique per address and profession."""
    profession_ids = list(Profession.objects.order_by("pk").values_list("pk", flat=True))
    issue_ids = list(Issue.objects.order_by("pk").values_list("pk", flat=True))
    # Numbered after the signups already there, so adding more never repeats an address.
    first = Signup.objects.count()
    kinds, weights = list(SIGNUP_MIX), list(SIGNUP_MIX.values())
    now = timezone.now()
    seniorities = [*Seniority.values, ""]
    pending = []
    for number in range(first, first + count):
        confirmed, status = rng.choices(kinds, weights)[0]
        created = now - datetime.timedelta(seconds=rng.randrange(2 * 365 * 24 * 3600))
        confirmed_at = created + datetime.timedelta(minutes=rng.randrange(1, 600))
        reviewed_at = confirmed_at + datetime.timedelta(days=rng.randrange(1, 10))
        reviewed = status != SignupStatus.NEW
        pending.append(
            Signup(
                email=f"reader{number}@example.com",
                profession_id=rng.choice(profession_ids),
                issue_id=rng.choice(issue_ids) if issue_ids else None,
                seniority=rng.choice(seniorities),
                tasks=rng.choice(SIGNUP_TASKS),
                consented_at=created,
                created_at=created,
                ip_hash=f"{rng.getrandbits(256):064x}",
                confirmation_sent_at=created,
                confirmed_at=confirmed_at if confirmed else None,
                status=status,
                reviewed_at=reviewed_at if reviewed else None,
                report_sent_at=(
                    reviewed_at + datetime.timedelta(hours=2)
                    if status == SignupStatus.REPORT_SENT
                    else None
                ),
            )
        )
        if len(pending) == batch_size:
            checked_bulk_create(Signup, pending, batch_size=batch_size)
            pending = []
    checked_bulk_create(Signup, pending, batch_size=batch_size)
