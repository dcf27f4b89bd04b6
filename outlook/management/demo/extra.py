# ruff: noqa: E501  (demo rows read best one to a line)
"""More demo content, written for this project: enough to show the charts.

The current issue gets six more professions in four more fields, each existing outlook of it
more tasks (so indexes vary), and five professions get two earlier years (so each has a
history): a look back at 2024, and two more professions for 2025. Shapes as in
demo_content; `MORE_TASKS` adds tasks to an outlook of demo_content, by (year, profession).
"""

import datetime

from outlook.management.demo import HIGH, LOW, MEDIUM, RESILIENT, VULNERABLE

CATEGORIES = {
    "legal": "Law",
    "services": "Customer Services",
    "trades": "Skilled Trades",
    "education": "Education",
}

PROFESSIONS = [
    ("graphic-designer", "Graphic Designer", "media",
     "Designs the visual side of brands, publications, packaging and websites."),
    ("paralegal", "Paralegal", "legal",
     "Researches law, prepares documents and manages case files for lawyers."),
    ("customer-service-representative", "Customer Service Representative", "services",
     "Answers customers' questions and complaints by phone, chat and email."),
    ("electrician", "Electrician", "trades",
     "Installs, inspects and repairs electrical systems in homes and buildings."),
    ("teacher", "Teacher", "education",
     "Plans and teaches lessons and follows each pupil's progress in a school."),
    ("insurance-underwriter", "Insurance Underwriter", "finance",
     "Decides whether to insure a risk, and on what terms and at what price."),
]  # fmt: skip

SKILLS = [
    "Visual design", "Layout", "Legal research", "Document review", "Complaint handling",
    "Product knowledge", "Electrical installation", "Safety inspection", "Lesson planning",
    "Classroom management", "Risk assessment", "Pricing",
]  # fmt: skip

# Tasks added to the demo_content outlooks of the current issue, by (year, profession).
MORE_TASKS = {
    (2026, "backend-developer"): [
        ("Write unit and integration tests", HIGH, "Assistants draft most test cases from the code under test."),
        ("Write technical documentation", HIGH, "Reference pages and comments are generated and then checked."),
        ("Review pull requests", MEDIUM, "Tools flag likely bugs; whether a change fits the design is a person's call."),
        ("Debug production incidents", MEDIUM, "Log summaries help; the fix needs knowledge of the running system."),
    ],
    (2026, "data-analyst"): [
        ("Clean and prepare data", HIGH, "Routine cleaning steps are suggested and written by tools."),
        ("Write summary reports", HIGH, "Narrative summaries of a dashboard are drafted automatically."),
        ("Check data quality", MEDIUM, "Anomaly detection helps; knowing what is plausible needs the business."),
        ("Present findings to managers", LOW, "Persuading a room relies on trust and context."),
    ],
    (2026, "radiologist"): [
        ("Compare with prior studies", HIGH, "Software aligns and measures changes between scans."),
        ("Protocol imaging studies", MEDIUM, "Rules suggest a protocol; unusual cases need a doctor."),
        ("Perform image-guided procedures", LOW, "Hands-on interventional work with a patient."),
        ("Teach residents", LOW, "Training doctors is done in person, case by case."),
    ],
    (2026, "registered-nurse"): [
        ("Schedule shifts and hand-overs", MEDIUM, "Rosters and hand-over notes are drafted by software."),
        ("Educate patients and families", LOW, "Explaining care at home needs patience and trust."),
        ("Coordinate with doctors and therapists", LOW, "Negotiating a plan across a team happens face to face."),
        ("Respond to emergencies", LOW, "Fast physical action at the bedside."),
    ],
    (2026, "accountant"): [
        ("Categorise expenses", HIGH, "Receipts are read and coded automatically."),
        ("Prepare the month-end close", HIGH, "Journals and accruals are proposed by the ledger software."),
        ("Review audit evidence", MEDIUM, "Sampling is automated; judging what is enough is not."),
        ("Plan tax strategy", LOW, "Needs the client's goals and a view of the rules' intent."),
        ("Explain results to business owners", LOW, "Owners want someone to answer for the numbers."),
    ],
    (2026, "financial-advisor"): [
        ("Rebalance portfolios", HIGH, "Model portfolios are rebalanced by software within set limits."),
        ("Complete suitability paperwork", MEDIUM, "Forms are pre-filled; the advisor signs for the advice."),
        ("Gather client information", MEDIUM, "Questionnaires are automated; what clients leave out is not."),
        ("Guide clients through life events", LOW, "Divorce, illness and inheritance need a trusted person."),
        ("Find new clients", LOW, "Referrals come from relationships."),
    ],
    (2026, "copywriter"): [
        ("Write email newsletters", HIGH, "Routine newsletters are drafted from a brief in seconds."),
        ("Write social media posts", HIGH, "Short posts in many variants are generated at scale."),
        ("Edit and proofread copy", MEDIUM, "Tools catch errors; tone and claims still need an editor."),
        ("Research the audience", MEDIUM, "Summaries of reviews and forums are generated; insight is not."),
        ("Present ideas to clients", LOW, "Selling an idea happens in the room."),
    ],
    (2026, "translator"): [
        ("Translate website and software strings", HIGH, "Short strings are machine translated and reviewed."),
        ("Build and maintain glossaries", MEDIUM, "Terms are extracted automatically; choosing them is not."),
        ("Review another translator's work", MEDIUM, "Tools flag inconsistencies; judging register needs a person."),
        ("Interpret at meetings", LOW, "Live interpreting depends on the room and the people in it."),
        ("Localise marketing campaigns", LOW, "Puns, references and tone are rewritten, not translated."),
    ],
}  # fmt: skip

CURRENT_OUTLOOKS = [
    (
        "graphic-designer",
        ["Image generators became part of most design tools.",
         "Clients began arriving with generated mood boards and drafts."],
        [
            ("Produce variants of existing designs", HIGH, "Resizing and reformatting for each channel is automated."),
            ("Retouch and edit images", HIGH, "Removing objects and extending backgrounds takes one click."),
            ("Create illustrations", MEDIUM, "Generators give drafts; a consistent style still needs a designer."),
            ("Lay out publications", MEDIUM, "Templates fill themselves; hierarchy and rhythm are judged by eye."),
            ("Develop a visual identity", LOW, "A brand's identity comes from long work with the client."),
            ("Direct photo shoots", LOW, "Working with people, places and light on the day."),
            ("Present concepts to clients", LOW, "Explaining and defending choices is a conversation."),
        ],
        [
            ("Visual design", RESILIENT, "Taste and a point of view are what clients pay for."),
            ("Layout", VULNERABLE, "Automatic layout handles most routine formats."),
        ],
        ["Designers spend less time producing and more time choosing."],
    ),
    (
        "paralegal",
        ["Legal research tools with generated summaries spread to most firms.",
         "Document review for litigation moved largely to AI-assisted platforms."],
        [
            ("Research case law", HIGH, "Search and summaries of judgments are generated in seconds."),
            ("Review documents for disclosure", HIGH, "Classifiers sort millions of documents for relevance."),
            ("Draft standard letters and forms", HIGH, "Templates are filled from the case file."),
            ("Summarise depositions", HIGH, "Transcripts are summarised automatically and then checked."),
            ("Manage case deadlines", MEDIUM, "Calendars are computed; exceptions need a person."),
            ("Prepare trial bundles", MEDIUM, "Indexing is automated; what goes in is decided with the lawyer."),
            ("Interview clients and witnesses", LOW, "Trust and careful questioning happen in person."),
        ],
        [
            ("Legal research", VULNERABLE, "The mechanics of finding authorities are automated."),
            ("Document review", VULNERABLE, "First-pass review is done by software."),
            ("Stakeholder communication", RESILIENT, "Clients and witnesses talk to people."),
        ],
        ["The paralegal's day is moving from finding documents to checking what tools found."],
    ),
    (
        "customer-service-representative",
        ["Chat assistants now answer most first contacts in large companies.",
         "Call centres use live transcription and suggested answers on every call."],
        [
            ("Answer routine questions", HIGH, "Chat assistants answer most common questions directly."),
            ("Write replies to emails", HIGH, "Replies are drafted from the customer's history."),
            ("Log and categorise requests", HIGH, "Transcription and tagging are automatic."),
            ("Process refunds and changes", HIGH, "Rule-based changes run without a person."),
            ("Handle complaints", MEDIUM, "Suggested answers help; calming an angry customer does not automate."),
            ("Escalate complex cases", MEDIUM, "Routing is automated; knowing when to bend a rule is not."),
        ],
        [
            ("Product knowledge", VULNERABLE, "Assistants look up answers faster than people."),
            ("Complaint handling", RESILIENT, "Empathy and discretion keep customers."),
        ],
        ["Fewer, harder conversations are left for people."],
    ),
    (
        "electrician",
        ["Quoting and design software added AI-drafted estimates.",
         "Demand grew for heat pumps, chargers and solar installations."],
        [
            ("Estimate and quote jobs", MEDIUM, "Estimates are drafted from photos and plans, then checked on site."),
            ("Install wiring and equipment", LOW, "Physical work in buildings that all differ."),
            ("Find and repair faults", LOW, "Tracing a fault means testing circuits on site."),
            ("Inspect and certify installations", LOW, "A qualified person signs for safety."),
            ("Install chargers and solar panels", LOW, "Hands-on work on roofs and in garages."),
            ("Advise customers on upgrades", LOW, "Customers want someone who has seen their house."),
            ("Keep up with regulations", LOW, "Reading changes is assisted; applying them on a job is not."),
        ],
        [
            ("Electrical installation", RESILIENT, "Physical, varied and regulated work."),
            ("Safety inspection", RESILIENT, "Accountability for safety stays with a person."),
        ],
        ["An electrician's exposure is mostly in the office work around the job."],
    ),
    (
        "teacher",
        ["Schools adopted AI tools for lesson materials and feedback on written work.",
         "Exam boards tightened rules on coursework done outside the classroom."],
        [
            ("Prepare worksheets and quizzes", HIGH, "Materials at several levels are generated from a topic."),
            ("Mark written work", MEDIUM, "Feedback is drafted; grades and comments are the teacher's."),
            ("Plan lessons", MEDIUM, "Plans are drafted quickly; fitting them to a class is not."),
            ("Teach a class", LOW, "Holding the attention of thirty pupils is a human skill."),
            ("Manage behaviour", LOW, "Relationships and authority in the room."),
            ("Support pupils with additional needs", LOW, "Individual, attentive work over months."),
            ("Meet parents", LOW, "Difficult conversations happen face to face."),
        ],
        [
            ("Lesson planning", VULNERABLE, "Generated plans and materials cut preparation time."),
            ("Classroom management", RESILIENT, "Presence and judgement cannot be delegated."),
            ("Patient communication", RESILIENT, "Explaining progress to families needs care."),
        ],
        ["Teachers gain preparation time; the classroom itself changes little."],
    ),
    (
        "insurance-underwriter",
        ["Insurers moved most small commercial risks to automated underwriting.",
         "Models now pre-price many personal lines before an underwriter sees them."],
        [
            ("Price standard risks", HIGH, "Pricing models quote standard risks without review."),
            ("Check applications for completeness", HIGH, "Missing data is flagged automatically."),
            ("Summarise broker submissions", HIGH, "Long submissions are summarised by language models."),
            ("Assess unusual risks", MEDIUM, "Models help, but a person weighs what the data cannot show."),
            ("Negotiate terms with brokers", MEDIUM, "Offers are suggested; the negotiation is a relationship."),
            ("Set underwriting guidelines", MEDIUM, "Data informs the rules; appetite is decided by people."),
        ],
        [
            ("Risk assessment", VULNERABLE, "Routine risk scoring is automated."),
            ("Pricing", VULNERABLE, "Models price most standard business."),
            ("Regulation", RESILIENT, "Accountability for decisions stays with a person."),
        ],
        ["Underwriters are left with the risks that do not fit a model."],
    ),
]  # fmt: skip

EARLIER_ISSUES = [
    {
        "volume": 1,
        "number": 2,
        "publication_date": datetime.date(2025, 10, 6),
        "title": "Looking Back at 2024",
        "outlook_year": 2024,
        "editors_note": (
            "Where AI stood in **2024** for five professions, rated with the same method as "
            "our other issues, so each profession's page can show how its exposure moved."
        ),
        "outlooks": [
            (
                "backend-developer",
                ["Coding assistants were tried by individual developers."],
                [
                    ("Write production code", MEDIUM, "Suggestions were short and often wrong."),
                    ("Write unit and integration tests", MEDIUM, "Tools drafted simple tests."),
                    (
                        "Design systems and technical approaches",
                        LOW,
                        "Beyond the tools of the day.",
                    ),
                    ("Develop and maintain APIs", LOW, "Little help beyond autocompletion."),
                    ("Debug production incidents", LOW, "Still done by reading logs."),
                ],
                [("System design", RESILIENT, "Out of reach of the tools.")],
                [],
            ),
            (
                "accountant",
                ["Bank feeds reached most small-business software."],
                [
                    ("Reconcile accounts", MEDIUM, "Matching rules covered the simple cases."),
                    ("Categorise expenses", MEDIUM, "Receipt scanning was common but error-prone."),
                    ("Prepare tax returns", LOW, "Prepared by hand with software help."),
                    ("Advise clients on decisions", LOW, "Judgement and trust."),
                ],
                [("Bookkeeping", VULNERABLE, "Data entry was already shrinking.")],
                [],
            ),
            (
                "copywriter",
                ["Early text generators were tried for headlines."],
                [
                    ("Write product descriptions", MEDIUM, "Drafts needed heavy rewriting."),
                    (
                        "Write social media posts",
                        MEDIUM,
                        "Useful for ideas, less for finished posts.",
                    ),
                    ("Develop a campaign concept", LOW, "Tools offered little."),
                    ("Present ideas to clients", LOW, "Done in person."),
                ],
                [("Drafting copy", VULNERABLE, "Drafts were getting cheaper.")],
                [],
            ),
            (
                "data-analyst",
                ["Natural-language query tools appeared in business-intelligence suites."],
                [
                    ("Write ad-hoc queries", MEDIUM, "Generated SQL worked on simple schemas."),
                    ("Build recurring dashboards", LOW, "Built by hand."),
                    ("Clean and prepare data", MEDIUM, "Some steps were suggested by tools."),
                    ("Frame the business question", LOW, "Conversations with people."),
                ],
                [("SQL", VULNERABLE, "Simple queries were generated.")],
                [],
            ),
            (
                "translator",
                ["Neural machine translation was standard for general texts."],
                [
                    (
                        "Translate routine documents",
                        HIGH,
                        "Machine translation handled general texts.",
                    ),
                    ("Post-edit machine output", MEDIUM, "A growing share of the work."),
                    ("Adapt creative and legal texts", LOW, "Needs a specialist."),
                    ("Interpret at meetings", LOW, "Live work with people."),
                ],
                [("Post-editing", VULNERABLE, "Rates were already falling.")],
                [],
            ),
        ],
    },
    {
        "volume": 1,
        "number": 3,
        "publication_date": datetime.date(2025, 12, 8),
        "title": "2025 Outlook: Two More Professions",
        "outlook_year": 2025,
        "editors_note": "Two professions readers asked about, assessed for 2025.",
        "outlooks": [
            (
                "data-analyst",
                ["Chat over the data warehouse reached pilot projects."],
                [
                    (
                        "Write ad-hoc queries",
                        HIGH,
                        "Natural-language-to-SQL handled most questions.",
                    ),
                    ("Build recurring dashboards", MEDIUM, "Charts were generated from a prompt."),
                    ("Clean and prepare data", MEDIUM, "Tools suggested cleaning steps."),
                    ("Frame the business question", LOW, "Conversations with people."),
                ],
                [("SQL", VULNERABLE, "Routine queries were generated.")],
                [],
            ),
            (
                "translator",
                ["Large language models began to translate with a chosen tone."],
                [
                    (
                        "Translate routine documents",
                        HIGH,
                        "Machine output was publishable after review.",
                    ),
                    ("Post-edit machine output", MEDIUM, "Most paid work was post-editing."),
                    (
                        "Translate website and software strings",
                        MEDIUM,
                        "Short strings lacked context.",
                    ),
                    ("Adapt creative and legal texts", LOW, "Needs a specialist."),
                    ("Interpret at meetings", LOW, "Live work with people."),
                ],
                [("Cultural adaptation", RESILIENT, "Tone and references need a person.")],
                [],
            ),
        ],
    },
]

# (year, profession, date, text): corrections appended to published demo outlooks.
CORRECTIONS = [
    (
        2026,
        "accountant",
        datetime.datetime(2026, 4, 24, 9, 30, tzinfo=datetime.UTC),
        "An earlier version rated “Prepare tax returns” as high exposure. Software fills most "
        "fields, but edge cases and judgement calls remain: it is medium.",
    ),
]
