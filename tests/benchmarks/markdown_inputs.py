"""Markdown built to make a parser backtrack, shared by the tests and the benchmark.

Each maker returns text of exactly `length` characters. Python-Markdown took 37 s on 20 000
opening brackets; a linear parser takes about twice as long on twice the text.
"""


def repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def nested_lines(prefix: str, length: int) -> str:
    """Lines nested one level deeper each, as deep as the text allows."""
    lines, size, depth = [], 0, 0
    while size < length:
        line = prefix * depth + "x\n"
        lines.append(line)
        size += len(line)
        depth += 1
    return "".join(lines)[:length]


PATHOLOGICAL_MARKDOWN = {
    "opening brackets": lambda n: repeated("[", n),
    "image openers": lambda n: repeated("![", n),
    "link openers": lambda n: repeated("[a](", n),
    "unclosed link targets": lambda n: repeated("[a](<", n),
    "emphasis markers": lambda n: repeated("*a_", n),
    "strong markers": lambda n: repeated("a**", n),
    "brackets then closers": lambda n: repeated("[", n // 2) + repeated("]", n - n // 2),
    "backticks": lambda n: repeated("`a``", n),
    "nested quotes": lambda n: nested_lines("> ", n),
    "nested lists": lambda n: nested_lines("  - ", n),
    "quoted lists": lambda n: repeated("> - ", n),
    "footnote references": lambda n: repeated("[^a]", n - 9) + "\n\n[^a]: x",
    "html openers": lambda n: repeated("<a ", n),
    "entities": lambda n: repeated("&#", n),
}
