# ruff: noqa: E501  (demo rows read best one to a line)
"""Demo bylines, sources and verdicts, written for this project (see load_demo).

Authors are (slug, name, bio, [category slugs they cover]); verdicts answer each outlook's
headline, by (year, profession slug); every outlook lists the shared sources.
"""

import datetime

AUTHORS = [
    ("maya-okafor", "Maya Okafor", "Covers technology and media work. Formerly a software engineer and sub-editor.", ["technology", "media"]),
    ("tomas-reyes", "Tomás Reyes", "Covers healthcare, education and the trades, from hospital wards to building sites.", ["healthcare", "education", "trades"]),
    ("priya-shah", "Priya Shah", "Covers finance, law and customer work. Trained as an actuary.", ["finance", "legal", "services"]),
]  # fmt: skip

# The reviewing editor co-signs the outlooks of the current issue's lead profession.
CO_AUTHORED = {(2026, "backend-developer"): "priya-shah", (2026, "accountant"): "maya-okafor"}

SOURCES = [
    ("Generative AI and jobs: a refined global index of occupational exposure (ILO, 2025)", "https://www.ilo.org/publications/generative-ai-and-jobs-refined-global-index-occupational-exposure", datetime.date(2026, 3, 2)),
    ("O*NET OnLine: task statements by occupation", "https://www.onetonline.org/", datetime.date(2026, 3, 9)),
]  # fmt: skip

VERDICTS = {
    (2026, "backend-developer"): "No, but AI now writes much of the routine code, so the job is shifting to design, review and judgement.",
    (2026, "data-analyst"): "Not replaced: AI does the querying and charting, while framing questions and explaining results stay with analysts.",
    (2026, "radiologist"): "No: AI flags and measures findings, but diagnosis, procedures and talking with patients remain the radiologist's.",
    (2026, "registered-nurse"): "Very unlikely: AI helps with notes and scheduling, while almost all of a nurse's work is hands-on care.",
    (2026, "accountant"): "Partly: routine bookkeeping is largely automated, but advice, judgement calls and sign-off stay with accountants.",
    (2026, "financial-advisor"): "No: AI prepares the analysis, but clients still want a person to trust with their decisions.",
    (2026, "copywriter"): "Under real pressure: first drafts are machine work now, and copywriters who edit, pitch and lead the idea hold up.",
    (2026, "translator"): "Partly: routine text is machine-translated, while literary, legal and sensitive work still needs translators.",
    (2026, "graphic-designer"): "No, but production work is automated, so identity, concepts and art direction carry the job.",
    (2026, "paralegal"): "Under pressure: research and document review are largely automated; client contact and case judgement remain.",
    (2026, "customer-service-representative"): "Most exposed this issue: chatbots take routine questions, and people handle the hard and angry cases.",
    (2026, "electrician"): "No: the work is physical, on site and safety-critical; AI helps only with quotes and paperwork.",
    (2026, "teacher"): "No: AI drafts materials and marks some work, but teaching and caring for a class stays human.",
    (2026, "insurance-underwriter"): "Partly: standard risks are priced automatically, while complex and unusual risks still need underwriters.",
    (2025, "backend-developer"): "No: assistants sped up coding, but design and review kept developers in charge.",
    (2025, "accountant"): "Not yet: automation reached data entry, and judgement and advice stayed with people.",
    (2025, "copywriter"): "No, but generated drafts began to appear in everyday briefs.",
    (2025, "data-analyst"): "No: AI made querying faster, and interpretation stayed with analysts.",
    (2025, "translator"): "Partly: machine translation took routine text; specialist work held.",
    (2024, "backend-developer"): "No: coding assistants were still pilots in most teams.",
    (2024, "accountant"): "No: software helped, but the work was still largely done by people.",
    (2024, "copywriter"): "No: generated copy was tried, rarely published unedited.",
    (2024, "data-analyst"): "No: AI tools were new, and analysis was still hand-built.",
    (2024, "translator"): "Partly: machine translation handled gist, and professional work still needed translators.",
}  # fmt: skip
