# ruff: noqa: E501  (demo rows read best one to a line)
"""Demo standfirsts, written for this project: each outlook's own, by (year, profession slug)."""

STANDFIRSTS = {
    (2026, "backend-developer"): "Coding assistants are now standard kit. We rated the work of a backend developer task by task to see what they take over and what still needs a person who knows the system.",
    (2026, "data-analyst"): "Ask a question in plain words and a chart comes back. What is left for the analyst when querying is the easy part?",
    (2026, "radiologist"): "Algorithms now flag nodules and measure tumours. We followed a radiologist's day from the reading room to the procedure suite.",
    (2026, "registered-nurse"): "Ambient scribes write the notes; nobody has automated a night shift. Where AI helps on the ward, and where it cannot reach.",
    (2026, "accountant"): "Bank feeds reconcile themselves and invoices code themselves. We looked at what remains of the work of an accountant once the ledger runs on its own.",
    (2026, "financial-advisor"): "Robo-advisers have managed money for a decade. Why clients still pay for a person, and which parts of the job software now does.",
    (2026, "copywriter"): "A first draft costs nothing now. Copywriters who survive the year are the ones who decide what the words should do.",
    (2026, "translator"): "Machine translation is good enough for most manuals and menus. Where a translator's judgement still earns its fee.",
    (2026, "graphic-designer"): "Image generators sit inside every design tool. Production work shrank; the idea and the brand did not.",
    (2026, "paralegal"): "Contract review and case-law research are where legal AI landed first. What that leaves for the people who run the case file.",
    (2026, "customer-service-representative"): "Chatbots answer the easy questions, so people get the hard ones. The most exposed profession in this issue, task by task.",
    (2026, "electrician"): "No model can pull a cable through a wall. AI reaches an electrician's paperwork, quotes and fault-finding, and stops there.",
    (2026, "teacher"): "Lesson plans in a minute and essays marked overnight. What AI changes in a teacher's week, and what a class still needs from a person.",
    (2026, "insurance-underwriter"): "Pricing engines quote standard risks in seconds. Underwriters now spend their days on the risks no model has seen before.",
    (2025, "backend-developer"): "Assistants moved from trial to daily use in 2025. Developers shipped faster and kept the design decisions.",
    (2025, "accountant"): "Automation reached data entry this year. Judgement, advice and sign-off stayed where they were.",
    (2025, "copywriter"): "Generated drafts began arriving with the brief. Editors noticed; clients mostly did not.",
    (2025, "data-analyst"): "Natural-language queries reached the business intelligence tools. Analysts wrote less SQL and more explanations.",
    (2025, "translator"): "Post-editing became a job title. Specialist and literary work held its rates; routine text did not.",
    (2024, "backend-developer"): "Coding assistants were still pilots in most teams. Our first look at a developer's tasks, before the tools spread.",
    (2024, "accountant"): "Software had long done the arithmetic. In 2024 language models had barely reached the ledger.",
    (2024, "copywriter"): "Generated copy was tried everywhere and published almost nowhere unedited. A baseline for the years to come.",
    (2024, "data-analyst"): "Chat assistants could write a query, not yet trust one. Analysis was still built by hand.",
    (2024, "translator"): "Machine translation already handled the gist. Professional work still went through a translator's hands.",
}  # fmt: skip
