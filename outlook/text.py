"""Small, tested helpers that turn numbers and lists into grammatical English."""

import functools


def to_roman(number: int) -> str:
    """Return `number` in Roman numerals (volumes are printed as "Vol. IV")."""
    if not 0 < number < 4000:
        raise ValueError("Roman numerals cover 1 to 3999.")
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    result = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)


@functools.cache
def _roman_values() -> dict[str, int]:
    return {to_roman(number): number for number in range(1, 4000)}


def from_roman(numeral: str) -> int | None:
    """Return the number a Roman numeral stands for ("iv" → 4), or None if it is not one."""
    return _roman_values().get(numeral.strip().upper())


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """Return "1 task" or "3 tasks": the count with the noun agreeing with it."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {noun}"


# Words whose first letter misleads: "a university", "an hour".
SOUNDS_LIKE_CONSONANT = ("uni", "use", "usu", "eu", "one", "once")
SOUNDS_LIKE_VOWEL = ("hour", "honest", "honour", "heir")


def with_article(noun: str) -> str:
    """Return the noun with its indefinite article: "a teacher", "an accountant"."""
    word = noun.strip().casefold()
    vowel = word[:1] in "aeiou" and not word.startswith(SOUNDS_LIKE_CONSONANT)
    return f"{'an' if vowel or word.startswith(SOUNDS_LIKE_VOWEL) else 'a'} {noun.strip()}"


def join_names(names: list[str]) -> str:
    """Return "A", "A and B" or "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
