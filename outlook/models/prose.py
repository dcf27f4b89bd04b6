"""The sentences an outlook's page derives from its tasks and skills, in plain English."""

from outlook.text import count_noun, join_names


class OutlookProse:
    """Generated English for an outlook; reads the rows prefetched by with_page_data()."""

    @property
    def summary_counts(self) -> list[str]:
        """Return the three headline numbers as grammatical phrases."""
        return [
            count_noun(len(self.high_exposure_tasks), "high-exposure task"),
            count_noun(len(self.low_exposure_tasks), "low-exposure task"),
            f"{count_noun(len(self.skill_assessments.all()), 'skill')} assessed",
        ]

    @property
    def derived_insights(self) -> list[str]:
        """Return sentences that only restate counts and names from the task and skill rows.

        Reasons are the editors' to give (Insight); "resilient" is said of skills only, low
        exposure of tasks.
        """
        insights = []
        tasks = self.task_assessments.all()
        if tasks:
            total = count_noun(len(tasks), "task")
            high = self.high_exposure_tasks
            if high:
                verb = "faces" if len(tasks) == 1 else "face"
                names = join_names([task.task for task in high])
                insights.append(f"{len(high)} of {total} {verb} high AI exposure: {names}.")
            else:
                insights.append(f"None of the {total} faces high AI exposure.")
            low = self.low_exposure_tasks
            if low:
                verb = "has" if len(tasks) == 1 else "have"
                names = join_names([task.task for task in low])
                insights.append(f"{len(low)} of {total} {verb} low AI exposure: {names}.")
        for skills, verdict in (
            (self.vulnerable_skills, "vulnerable"),
            (self.resilient_skills, "resilient"),
        ):
            if skills:
                names = join_names([s.skill.name for s in skills])
                if len(skills) == 1:
                    insights.append(f"{names} is assessed as a {verdict} skill.")
                else:
                    insights.append(f"{names} are assessed as {verdict} skills.")
        return insights
