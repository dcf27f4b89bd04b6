"""Refuse requests no page can use, before any view sees them.

On the staff side (the admin, its libraries' pages and the editor's endpoints), whose views
are mostly Django's and other libraries' code:

- a NUL character in the path, query string or form: no database stores one (PostgreSQL
  raises) and nobody types one. 400.
- a whole number no database column can hold (past 64 bits): Django's lookups by id
  (`pk__in`, and every lookup on SQLite) send it to the database, which raises. 400.
- a date-hierarchy filter whose year, month or day is not a short number: Django's
  changelist turns "year=99999999999999999999" into an OverflowError. 400.

Readers' pages read their parameters themselves (outlook/reading/params.py: anything malformed is a
404) and their form answers with its messages. What they get here is a size limit: a body
larger than PUBLIC_FORM_MAX_BYTES is refused (413) before it is read, since multipart bodies
would otherwise be read whatever their size.
"""

import re

from django.http import HttpResponseBadRequest
from django.shortcuts import render

# The signup form at its largest (1 000 characters of tasks, each up to 9 bytes once
# percent-encoded) is under 16 KB.
PUBLIC_FORM_MAX_BYTES = 32 * 1024
# Staff upload images up to 5 MB through these; their own size checks apply.
STAFF_PREFIXES = ("/admin/", "/markdownx/")
DATE_PART = re.compile(r"\d{1,4}")
DATE_PARAMETER = re.compile(r".+__(year|month|day)")
NUMBER = re.compile(r"\s*[-+]?\d+\s*")
LARGEST_NUMBER = 2**63 - 1


def unusable(value: str) -> bool:
    """Return whether no field of any form or filter could take this value."""
    if "\x00" in value:
        return True
    return len(value) > 18 and bool(NUMBER.fullmatch(value)) and abs(int(value)) > LARGEST_NUMBER


def has_unusable(query) -> bool:
    return any(unusable(name) for name in query) or any(
        unusable(value) for name in query for value in query.getlist(name)
    )


def unusable_staff_request(request) -> bool:
    query = request.GET
    if "\x00" in request.path_info or has_unusable(query):
        return True
    if any(
        DATE_PARAMETER.fullmatch(name) and not DATE_PART.fullmatch(query[name]) for name in query
    ):
        return True
    return request.method == "POST" and has_unusable(request.POST)


def body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > PUBLIC_FORM_MAX_BYTES


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            if unusable_staff_request(request):
                return HttpResponseBadRequest("The request holds a value no field accepts.")
        elif request.method not in {"GET", "HEAD", "OPTIONS"} and body_too_large(request):
            return render(request, "413.html", status=413)
        return self.get_response(request)
