"""One address per public page type, on the demo content (`load_demo`).

The browser standards test and the page meta test walk the same list, so a new page type
added here is checked by both.
"""

PUBLIC_PAGES = {
    "home": "/",
    "archive": "/issues/",
    "issue": "/issues/1/4/",
    "outlook": "/2026/accountant/",
    "profession": "/professions/backend-developer/",
    "years": "/professions/backend-developer/compare/2025/2026/",
    "side-by-side": "/issues/1/4/compare/accountant/teacher/",
    "directory": "/professions/",
    "skills": "/skills/",
    "skill": "/skills/sql/",
    "search": "/search/?q=tax",
    "search-miss": "/search/?q=zzzz",
    "request": "/requests/?name=Beekeeper",
    "signup": "/signup/",
    "author": "/authors/maya-okafor/",
    "about": "/about/",
    "methodology": "/methodology/",
    "privacy": "/privacy/",
}
