"""The per-process copy of cached pages in front of the shared cache."""

import time_machine

from outlook.web.cache import LocalPages


def entry(size: int) -> dict:
    return {"content": b"x" * size}


def test_least_recently_used_pages_go_first_past_the_size_limit():
    pages = LocalPages(max_bytes=250)
    far = 2**40
    pages.put("a", entry(100), far)
    pages.put("b", entry(100), far)
    assert pages.get("a")  # now "b" is the least recently used
    pages.put("c", entry(100), far)
    assert pages.get("b") is None
    assert pages.get("a") and pages.get("c")
    assert pages.size == 200
    pages.put("huge", entry(300), far)
    assert pages.get("huge") is None and pages.size == 200


def test_a_page_is_dropped_at_its_expiry():
    pages = LocalPages(max_bytes=1000)
    with time_machine.travel(1_000_000, tick=False):
        pages.put("a", entry(10), expires=1_000_060)
        assert pages.get("a")
    with time_machine.travel(1_000_060, tick=False):
        assert pages.get("a") is None
        assert pages.size == 0
