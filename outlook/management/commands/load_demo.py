import datetime
from functools import partial

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from outlook.management.demo import VULNERABLE, content, extra, pictures, report_steering
from outlook.management.demo import bylines as demo_bylines
from outlook.management.demo.standfirsts import STANDFIRSTS
from outlook.models import (
    Correction,
    Insight,
    Issue,
    Outlook,
    PublicationStatus,
    SkillAssessment,
    TaskAssessment,
    WhatChanged,
)
from outlook.models.bylines import Author, OutlookAuthor, Source
from outlook.publishing.pipeline import invalidate_everything
from professions.models import Category, Profession, Skill


class Command(BaseCommand):
    help = (
        "Load the demo issues, professions and outlooks. Only adds what is missing, so "
        "running it again changes nothing and never overwrites an editor's work."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # Rows are written here in bulk, not through the gate: every page is made stale.
        transaction.on_commit(invalidate_everything)
        # Share cards read the committed rows, so they are drawn (the missing ones) afterwards.
        transaction.on_commit(partial(call_command, "draw_share_cards", stdout=self.stdout))
        categories = {
            slug: Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in (content.CATEGORIES | extra.CATEGORIES).items()
        }
        professions = {
            slug: Profession.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "category": categories[category],
                    "description": description,
                },
            )[0]
            for slug, name, category, description in [
                *content.PROFESSIONS,
                *extra.PROFESSIONS,
            ]
        }
        skills = {
            name: Skill.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in [*content.SKILLS, *extra.SKILLS]
        }
        authors = {
            slug: Author.objects.get_or_create(slug=slug, defaults={"name": name, "bio": bio})[0]
            for slug, name, bio, _categories in demo_bylines.AUTHORS
        }
        outlook_count = 0
        loaded_issues = []
        issues = [*content.ISSUES, *extra.EARLIER_ISSUES]
        for issue_data in issues:
            # The demo issues went live on their publication morning.
            went_live = timezone.make_aware(
                datetime.datetime.combine(issue_data["publication_date"], datetime.time(6))
            )
            issue, _ = Issue.objects.get_or_create(
                volume=issue_data["volume"],
                number=issue_data["number"],
                defaults={
                    "publication_date": issue_data["publication_date"],
                    "title": issue_data["title"],
                    "editors_note": issue_data["editors_note"],
                    "status": PublicationStatus.PUBLISHED,
                    "go_live_at": went_live,
                },
            )
            loaded_issues.append(issue)
            year = issue_data.get("outlook_year", issue.year)
            outlooks = issue_data["outlooks"]
            if issue_data is content.ISSUES[0]:
                outlooks = [*outlooks, *extra.CURRENT_OUTLOOKS]
            for slug, changes, tasks, skill_rows, insights in outlooks:
                tasks = [*tasks, *extra.MORE_TASKS.get((year, slug), [])]
                outlook, created = Outlook.objects.get_or_create(
                    issue=issue,
                    profession=professions[slug],
                    defaults={
                        "year": year,
                        "verdict": demo_bylines.VERDICTS[(year, slug)],
                        "standfirst": STANDFIRSTS[(year, slug)],
                        "status": PublicationStatus.PUBLISHED,
                        "go_live_at": went_live,
                    },
                )
                if created:
                    self.add_parts(outlook, changes, tasks, skill_rows, insights, skills)
                    self.add_byline_and_sources(outlook, year, slug, authors)
                outlook_count += 1
        self.add_pictures(loaded_issues, professions.values())
        for year, slug, dated, text in extra.CORRECTIONS:
            Correction.objects.get_or_create(
                outlook=Outlook.objects.get(year=year, profession=professions[slug]),
                text=text,
                defaults={"created_at": dated},
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(issues)} issues, "
                f"{len(professions)} professions, {outlook_count} outlooks."
            )
        )

    @staticmethod
    def add_pictures(issues, professions):
        """Give every demo issue a cover and every profession an image, unless it has one.

        Saved through the image fields, so the renditions task runs once the load commits.
        """
        for profession in professions:
            if not profession.image:
                picture, profession.image_alt = pictures.profession_picture(profession)
                profession.image.save(picture.name, picture)
        for issue in issues:
            if not issue.cover:
                sections = sorted(
                    set(issue.outlooks.values_list("profession__category__slug", flat=True))
                )
                cover, issue.cover_alt = pictures.issue_cover(issue, sections)
                issue.cover.save(cover.name, cover)

    @staticmethod
    def add_byline_and_sources(outlook, year, slug, authors):
        category = outlook.profession.category.slug
        names = [a for a, _n, _b, covered in demo_bylines.AUTHORS if category in covered]
        co_author = demo_bylines.CO_AUTHORED.get((year, slug))
        OutlookAuthor.objects.bulk_create(
            OutlookAuthor(outlook=outlook, position=i, author=authors[name])
            for i, name in enumerate([*names[:1], *([co_author] if co_author else [])])
        )
        Source.objects.bulk_create(
            Source(outlook=outlook, position=i, title=title, url=url, accessed=accessed)
            for i, (title, url, accessed) in enumerate(demo_bylines.SOURCES)
        )

    @staticmethod
    def add_parts(outlook, changes, tasks, skill_rows, insights, skills):
        WhatChanged.objects.bulk_create(
            WhatChanged(outlook=outlook, position=i, text=text) for i, text in enumerate(changes)
        )
        TaskAssessment.objects.bulk_create(
            TaskAssessment(
                outlook=outlook,
                position=i,
                task=task,
                exposure=exposure,
                rationale=rationale,
                aliases="\n".join(report_steering.TASK_ALIASES.get(task, [])),
            )
            for i, (task, exposure, rationale) in enumerate(tasks)
        )
        SkillAssessment.objects.bulk_create(
            SkillAssessment(
                outlook=outlook,
                position=i,
                skill=skills[name],
                verdict=verdict,
                rationale=why,
                next_step=report_steering.NEXT_STEPS.get(name, "") if verdict == VULNERABLE else "",
            )
            for i, (name, verdict, why) in enumerate(skill_rows)
        )
        Insight.objects.bulk_create(
            Insight(outlook=outlook, position=i, text=text) for i, text in enumerate(insights)
        )
        # Bulk inserts send no signals: count the tasks for the rankings here.
        Outlook.objects.filter(pk=outlook.pk).refresh_exposure_counts()
