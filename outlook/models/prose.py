"""The sentences an outlook's page derives from its tasks and skills, in plain English."""

from outlook.text import count_noun, join_names


class OutlookProse:
    """Generated English for an outlook; reads the rows prefetched by with_page_data()."""

    @property
    def summary_counts(self) -> list[str]:
        """Return the three headline numbers as grammatical phrases."""
        return [
            count_noun(len(self.high_exposure_tasks), "high-exposure task"),
            count_noun(len(self.resilient_tasks), "resilient task"),
            f"{count_noun(len(self.skill_assessments.all()), 'skill')} assessed",
        ]

    @property
    def derived_insights(self) -> list[str]:
        """Return the insights that follow from the task and skill data."""
        insights = []
        tasks = self.task_assessments.all()
        if tasks:
            high = self.high_exposure_tasks
            total = count_noun(len(tasks), "task")
            if high:
                verb = "faces" if len(tasks) == 1 else "face"
                names = join_names([task.task for task in high])
                insights.append(f"{len(high)} of {total} {verb} high AI exposure: {names}.")
            else:
                insights.append(f"None of the {total} faces high AI exposure.")
            resilient = self.resilient_tasks
            if resilient:
                verb = "remains" if len(resilient) == 1 else "remain"
                insights.append(
                    f"{count_noun(len(resilient), 'task')} {verb} resilient to automation "
                    "due to high-context judgment requirements."
                )
        for skills, phrase in (
            (self.vulnerable_skills, ("faces", "face", "increasing automation pressure")),
            (self.resilient_skills, ("stays", "stay", "resilient as AI tools spread")),
        ):
            if skills:
                singular, plural, rest = phrase
                verb = singular if len(skills) == 1 else plural
                insights.append(f"{join_names([s.skill.name for s in skills])} {verb} {rest}.")
        return insights
