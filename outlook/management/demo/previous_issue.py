"""Demo content: the earlier issue, so readers' year comparisons have a year to compare with."""

import datetime

from outlook.management.demo import HIGH, LOW, MEDIUM, RESILIENT, VULNERABLE

PREVIOUS_ISSUE = {
    "volume": 1,
    "number": 1,
    "publication_date": datetime.date(2025, 4, 14),
    "title": "2025 Outlook",
    "editors_note": "Our first issue: where AI stood in three professions in 2025.",
    "outlooks": [
        (
            "backend-developer",
            ["Coding assistants spread quickly among individual developers."],
            [
                (
                    "Write production code",
                    MEDIUM,
                    "Assistants completed lines and functions, not whole features.",
                ),
                (
                    "Design systems and technical approaches",
                    LOW,
                    "Architecture decisions stayed with experienced engineers.",
                ),
                (
                    "Develop and maintain APIs",
                    MEDIUM,
                    "Boilerplate generation was useful but inconsistent.",
                ),
            ],
            [
                (
                    "Coding delivery",
                    VULNERABLE,
                    "Autocomplete started to speed up routine code.",
                ),
                ("Python", RESILIENT, "Generated code still needed heavy correction."),
                ("System design", RESILIENT, "Out of reach of the tools of the day."),
            ],
            [],
        ),
        (
            "accountant",
            ["Automated bank feeds became common in small-business software."],
            [
                ("Reconcile accounts", HIGH, "Rule-based matching was already widespread."),
                ("Prepare tax returns", MEDIUM, "Software pre-filled the simple cases."),
                ("Advise clients on decisions", LOW, "Judgement and trust."),
            ],
            [
                ("Bookkeeping", VULNERABLE, "Already automated in large part."),
                ("Client advisory", RESILIENT, "Relationship work."),
            ],
            [],
        ),
        (
            "copywriter",
            ["Generative tools entered agencies' workflows for brainstorming."],
            [
                (
                    "Write product descriptions",
                    MEDIUM,
                    "Drafts needed substantial editing for accuracy and tone.",
                ),
                ("Develop a campaign concept", LOW, "Tools offered ideas, rarely usable ones."),
            ],
            [
                ("Drafting copy", VULNERABLE, "Drafts were getting cheaper."),
                ("Brand voice", RESILIENT, "Tools could not hold a voice."),
            ],
            [],
        ),
    ],
}
