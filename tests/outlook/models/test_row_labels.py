"""The labels a task's exposure and a skill's verdict show (outlook/models/rows.py)."""

from outlook.models import Exposure, SkillAssessment, SkillVerdict, TaskAssessment


def test_each_level_and_verdict_shows_its_label_and_an_unknown_value_shows_itself():
    for level in Exposure:
        assert TaskAssessment(exposure=level.value).get_exposure_display() == level.label
    for verdict in SkillVerdict:
        assert SkillAssessment(verdict=verdict.value).get_verdict_display() == verdict.label
    assert TaskAssessment(exposure="unheard").get_exposure_display() == "unheard"
