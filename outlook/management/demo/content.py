"""Demo content written for this project: one current issue and one earlier issue.

Each outlook is (profession slug, [what changed], [(task, exposure, rationale)],
[(skill, verdict, why)], [insight]).
"""

import datetime

from outlook.management.demo import HIGH, LOW, MEDIUM, RESILIENT, VULNERABLE
from outlook.management.demo.previous_issue import PREVIOUS_ISSUE

CATEGORIES = {
    "technology": "Technology",
    "healthcare": "Healthcare",
    "finance": "Finance",
    "media": "Media & Language",
}

PROFESSIONS = [
    # slug, name, category slug, description
    ("backend-developer", "Backend Developer", "technology",
     "Builds and runs the server-side systems, APIs and data stores behind applications."),
    ("data-analyst", "Data Analyst", "technology",
     "Turns raw business data into reports, dashboards and answers to specific questions."),
    ("radiologist", "Radiologist", "healthcare",
     "Physician who reads medical images and advises on diagnosis and treatment."),
    ("registered-nurse", "Registered Nurse", "healthcare",
     "Plans and delivers patient care in hospitals, clinics and the community."),
    ("accountant", "Accountant", "finance",
     "Prepares and checks financial records, statements and tax filings."),
    ("financial-advisor", "Financial Advisor", "finance",
     "Helps households plan savings, investments, pensions and insurance."),
    ("copywriter", "Copywriter", "media",
     "Writes the words of advertising, product pages, emails and brand campaigns."),
    ("translator", "Translator", "media",
     "Renders written material from one language into another for publication or use."),
]  # fmt: skip

SKILLS = [
    "Coding delivery", "Python", "SQL", "REST API", "System design", "Incident response",
    "Spreadsheet modelling", "Data visualisation", "Stakeholder communication",
    "Image interpretation", "Clinical judgement", "Patient communication", "Care coordination",
    "Bookkeeping", "Tax compliance", "Client advisory", "Financial planning", "Regulation",
    "Drafting copy", "Brand voice", "Campaign strategy", "Terminology management",
    "Post-editing", "Cultural adaptation",
]  # fmt: skip

ISSUES = [
    {
        "volume": 1,
        "number": 4,
        "publication_date": datetime.date(2026, 4, 20),
        "title": "2026 Outlook",
        "editors_note": (
            "This issue looks at eight professions **task by task**. We rate each task's "
            "exposure to today's AI tools as high, medium or low, and explain why.\n\n"
            "Exposure is not a verdict on anyone's job: it shows where the work is changing."
        ),
        "outlooks": [
            (
                "backend-developer",
                [
                    "AI coding assistants moved from pilots to standard tooling in most large "
                    "engineering organisations.",
                    "Teams now ask how much faster a developer ships with AI, not whether the "
                    "role survives.",
                    "Roles that pair domain knowledge with orchestrating AI tools grew fastest.",
                ],
                [
                    (
                        "Write production code",
                        HIGH,
                        "Language models draft and transform code quickly; people still review "
                        "architecture, edge cases and fit with the wider system.",
                    ),
                    (
                        "Design systems and technical approaches",
                        LOW,
                        "Depends on business context, constraints and judgement over years.",
                    ),
                    (
                        "Develop and maintain APIs",
                        MEDIUM,
                        "Boilerplate and specifications are generated well; contract design across "
                        "teams is still negotiated by people.",
                    ),
                ],
                [
                    (
                        "Coding delivery",
                        VULNERABLE,
                        "Plain implementation work is where code generation bites first.",
                    ),
                    (
                        "Python",
                        VULNERABLE,
                        "Routine Python is generated and refactored quickly by assistants.",
                    ),
                    ("SQL", VULNERABLE, "Assistants write and tune everyday queries well."),
                    ("REST API", VULNERABLE, "Endpoint scaffolding is largely automated."),
                    (
                        "System design",
                        RESILIENT,
                        "Trade-offs depend on context that is rarely written down.",
                    ),
                ],
                ["The value of a backend developer is moving from typing code to judging it."],
            ),
            (
                "data-analyst",
                [
                    "Chat interfaces over warehouses let managers ask routine questions directly.",
                    "Dashboard building time fell sharply with AI-generated queries and charts.",
                ],
                [
                    (
                        "Write ad-hoc queries",
                        HIGH,
                        "Natural-language-to-SQL tools answer most routine questions.",
                    ),
                    (
                        "Build recurring dashboards",
                        MEDIUM,
                        "Charts are generated; choosing the right measures needs the business.",
                    ),
                    (
                        "Frame the business question",
                        LOW,
                        "Knowing what to ask, and why, comes from conversations with people.",
                    ),
                ],
                [
                    ("SQL", VULNERABLE, "Routine queries are written by assistants."),
                    (
                        "Spreadsheet modelling",
                        VULNERABLE,
                        "Formula work is increasingly generated.",
                    ),
                    (
                        "Stakeholder communication",
                        RESILIENT,
                        "Trust and persuasion are built in person.",
                    ),
                ],
                ["Analysts who own the question, not only the query, are in demand."],
            ),
            (
                "radiologist",
                [
                    "More imaging AI tools cleared regulatory review for triage and detection.",
                    "Hospitals use AI to prioritise worklists rather than to replace reads.",
                ],
                [
                    (
                        "Screen images for common findings",
                        HIGH,
                        "Detection models flag likely findings and order the worklist.",
                    ),
                    (
                        "Write the diagnostic report",
                        MEDIUM,
                        "Drafts come from findings; the physician signs and is accountable.",
                    ),
                    (
                        "Consult on complex cases",
                        LOW,
                        "Combines history, other tests and discussion with the care team.",
                    ),
                ],
                [
                    (
                        "Image interpretation",
                        VULNERABLE,
                        "Routine detection is increasingly assisted.",
                    ),
                    (
                        "Clinical judgement",
                        RESILIENT,
                        "Weighing uncertain evidence for one patient stays with the doctor.",
                    ),
                    (
                        "Patient communication",
                        RESILIENT,
                        "Explaining results needs empathy and accountability.",
                    ),
                ],
                ["AI is changing the order of a radiologist's day more than its substance."],
            ),
            (
                "registered-nurse",
                [
                    "Ambient documentation tools cut charting time on pilot wards.",
                    "Staffing shortages, not automation, remained the main pressure on the role.",
                ],
                [
                    (
                        "Document patient care",
                        MEDIUM,
                        "Speech-to-note tools draft records that the nurse checks and signs.",
                    ),
                    (
                        "Administer medication and treatment",
                        LOW,
                        "Hands-on, safety-critical work at the bedside.",
                    ),
                    (
                        "Assess and monitor patients",
                        LOW,
                        "Relies on observation, touch and conversation over a shift.",
                    ),
                ],
                [
                    (
                        "Care coordination",
                        VULNERABLE,
                        "Scheduling and hand-over summaries are increasingly automated.",
                    ),
                    ("Clinical judgement", RESILIENT, "Noticing that something is wrong early."),
                    (
                        "Patient communication",
                        RESILIENT,
                        "Reassurance and education happen face to face.",
                    ),
                ],
                ["Nursing is among the least exposed professions in this issue."],
            ),
            (
                "accountant",
                [
                    "Invoice capture and bank reconciliation became default features of "
                    "accounting software.",
                    "Firms report fewer junior hours on bookkeeping and more on advisory work.",
                ],
                [
                    (
                        "Reconcile accounts",
                        HIGH,
                        "Matching transactions is rule-based and now largely automated.",
                    ),
                    (
                        "Prepare tax returns",
                        MEDIUM,
                        "Software fills most fields; edge cases and judgement calls remain.",
                    ),
                    (
                        "Advise clients on decisions",
                        LOW,
                        "Needs an understanding of the client's situation and goals.",
                    ),
                ],
                [
                    ("Bookkeeping", VULNERABLE, "Data entry and matching are automated."),
                    ("Tax compliance", VULNERABLE, "Routine filings are generated by software."),
                    (
                        "Client advisory",
                        RESILIENT,
                        "Clients pay for judgement and trust, not arithmetic.",
                    ),
                ],
                ["The junior accounting ladder is changing shape."],
            ),
            (
                "financial-advisor",
                [
                    "Robo-advice platforms added AI assistants that explain portfolios in plain "
                    "language.",
                    "Regulators reminded firms that advice remains the firm's responsibility.",
                ],
                [
                    (
                        "Produce portfolio reports",
                        HIGH,
                        "Reports and commentary are generated from account data.",
                    ),
                    (
                        "Build financial plans",
                        MEDIUM,
                        "Models project scenarios quickly; priorities come from the client.",
                    ),
                    (
                        "Hold review meetings",
                        LOW,
                        "Clients want a person they trust when markets fall.",
                    ),
                ],
                [
                    (
                        "Financial planning",
                        VULNERABLE,
                        "Standard projections are increasingly automated.",
                    ),
                    (
                        "Regulation",
                        RESILIENT,
                        "Accountability for suitability stays with a person.",
                    ),
                    ("Client advisory", RESILIENT, "Relationships drive retention."),
                ],
                [],
            ),
            (
                "copywriter",
                [
                    "Marketing teams routinely generate first drafts and variants with AI.",
                    "Rates for short-form copy fell while demand for brand strategy held up.",
                ],
                [
                    (
                        "Write product descriptions",
                        HIGH,
                        "Short, structured copy is generated at scale from product data.",
                    ),
                    (
                        "Produce ad variants for testing",
                        HIGH,
                        "Generating many variants is what language models do best.",
                    ),
                    (
                        "Develop a campaign concept",
                        MEDIUM,
                        "AI suggests directions; choosing and defending one is human work.",
                    ),
                ],
                [
                    ("Drafting copy", VULNERABLE, "First drafts are cheap now."),
                    ("Brand voice", RESILIENT, "Keeping a voice consistent needs taste."),
                    (
                        "Campaign strategy",
                        RESILIENT,
                        "Links the words to the business and the audience.",
                    ),
                ],
                ["Copywriters are becoming editors of machine drafts."],
            ),
            (
                "translator",
                [
                    "Machine translation quality improved again for major language pairs.",
                    "Post-editing became the default workflow at most agencies.",
                ],
                [
                    (
                        "Translate routine documents",
                        HIGH,
                        "Machine translation handles most routine text for common languages.",
                    ),
                    (
                        "Post-edit machine output",
                        MEDIUM,
                        "Still needed, but paid at lower rates per word.",
                    ),
                    (
                        "Adapt creative and legal texts",
                        LOW,
                        "Culture, liability and nuance need a specialist.",
                    ),
                ],
                [
                    ("Post-editing", VULNERABLE, "Rates fall as machine output improves."),
                    (
                        "Terminology management",
                        VULNERABLE,
                        "Glossaries are increasingly built automatically.",
                    ),
                    (
                        "Cultural adaptation",
                        RESILIENT,
                        "Knowing what a phrase means to a reader in another culture.",
                    ),
                ],
                ["Specialist and literary translators are the least exposed."],
            ),
        ],
    },
    PREVIOUS_ISSUE,
]
