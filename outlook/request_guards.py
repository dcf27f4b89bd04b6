"""Refuse requests no page can use, before any view (ours, the admin's or a library's) sees them.

- A NUL character in the path or query string, or in a form sent to the admin: no database
  stores one (PostgreSQL raises), no reader types one. 400.
- A whole number no database column can hold (past 64 bits), in the same places: Django's
  lookups by id (`pk__in`, and every lookup on SQLite) send it to the database. 400.
  The readers' forms check their own fields and answer with the form and its messages.
- A date-hierarchy filter in the admin whose year, month or day is not a short number:
  Django's changelist turns "year=99999999999999999999" into an OverflowError. 400.
- A body larger than PUBLIC_FORM_MAX_BYTES sent to a public address: the readers' forms
  are a few kilobytes, and multipart bodies would otherwise be read whatever their size. 413.
"""

import re

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


def malformed_query(request) -> bool:
    query = request.GET
    if has_unusable(query):
        return True
    if request.path.startswith("/admin/"):
        return any(
            DATE_PARAMETER.fullmatch(name) and not DATE_PART.fullmatch(query[name])
            for name in query
        )
    return False


def body_too_large(request) -> bool:
    if request.path.startswith(STAFF_PREFIXES):
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > PUBLIC_FORM_MAX_BYTES


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or malformed_query(request):
            return bad_request(request, "The address contains a value no page uses.")
        if request.method not in {"GET", "HEAD", "OPTIONS"}:
            if body_too_large(request):
                return render(request, "413.html", status=413)
            if request.path.startswith(STAFF_PREFIXES) and has_unusable(request.POST):
                return bad_request(request, "The form contains a value no field accepts.")
        return self.get_response(request)


def bad_request(request, message: str):
    return render(request, "400.html", {"message": message}, status=400)
