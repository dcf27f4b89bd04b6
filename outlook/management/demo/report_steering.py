"""What editors keep for personalised reports: other wordings of tasks, next steps for skills.

Other wordings (`TaskAssessment.aliases`) let a reader's own wording of a task match it;
next steps (`SkillAssessment.next_step`) are shown for vulnerable skills. Keyed by task and
skill name across the demo's outlooks.
"""

TASK_ALIASES = {
    "Write production code": ["Implement features", "Ship features"],
    "Design systems and technical approaches": ["Architect services"],
    "Write ad-hoc queries": ["Answer data requests"],
    "Prepare tax returns": ["Do tax filings"],
}

NEXT_STEPS = {
    "Coding delivery": "Spend review time on what generated code gets wrong: edge cases, failure "
    "modes and fit with the system.",
    "Python": "Move from writing routine scripts to owning the design and tests they sit in.",
    "SQL": "Learn to check a generated query's results against the business question, not only "
    "its syntax.",
    "REST API": "Take on contract design across teams: versioning, errors and what a change "
    "breaks.",
    "Spreadsheet modelling": "Own the assumptions behind a model and explain them to the people "
    "who rely on it.",
    "Bookkeeping": "Shift towards reviewing automated entries and advising on what they show.",
    "Tax compliance": "Specialise in the cases rules do not settle: cross-border, disputes, "
    "planning.",
    "Drafting copy": "Build the brief and the brand judgement that decide which draft runs.",
    "Post-editing": "Specialise in a domain whose terminology tools still get wrong.",
    "Terminology management": "Curate the glossaries and style guides the tools are run with.",
    "Image interpretation": "Keep the cases that need clinical context, and learn to audit the "
    "tools' findings.",
    "Care coordination": "Lean into the conversations with patients and families that software "
    "cannot hold.",
    "Financial planning": "Spend the time saved on the client conversations that set the plan.",
}
