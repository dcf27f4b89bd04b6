"""The publication's models, one module per concern; Django and the rest of the site import here."""

from outlook.models.audit import AuditAction, AuditEntry, AuditEntryQuerySet
from outlook.models.exposure import (
    EXPOSURE_INDEX_FORMULA,
    EXPOSURE_SCORES,
    Exposure,
    RankingEnds,
    SkillVerdict,
    divide_rounding_half_up,
    exposure_index,
    exposure_index_expression,
)
from outlook.models.issue import Issue, IssueQuerySet
from outlook.models.issue_import import ImportStatus, IssueImport
from outlook.models.notices import GoLiveNotice
from outlook.models.outlook import MAX_YEAR, MIN_YEAR, Outlook
from outlook.models.outlook_queryset import OutlookQuerySet
from outlook.models.rows import (
    Correction,
    Insight,
    OutlookPart,
    SkillAssessment,
    TaskAssessment,
    WhatChanged,
    task_key,
)
from outlook.models.states import RELEASED, PublicationStatus, PublishableMixin

__all__ = [
    "AuditAction",
    "AuditEntry",
    "AuditEntryQuerySet",
    "GoLiveNotice",
    "WhatChanged",
    "Correction",
    "EXPOSURE_INDEX_FORMULA",
    "EXPOSURE_SCORES",
    "Exposure",
    "ImportStatus",
    "Insight",
    "Issue",
    "IssueImport",
    "IssueQuerySet",
    "MAX_YEAR",
    "MIN_YEAR",
    "Outlook",
    "OutlookPart",
    "OutlookQuerySet",
    "PublicationStatus",
    "PublishableMixin",
    "RELEASED",
    "RankingEnds",
    "SkillAssessment",
    "SkillVerdict",
    "TaskAssessment",
    "divide_rounding_half_up",
    "exposure_index",
    "exposure_index_expression",
    "task_key",
]

# Imported last: these modules import the models above.
from outlook.media.share_cards import ShareCard  # noqa: E402, F401  (drawing beside its model)
from outlook.models.bylines import Author, OutlookAuthor, Source  # noqa: E402, F401
