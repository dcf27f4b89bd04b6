import pytest

from outlook.text import count_noun, from_roman, join_names, to_roman, with_article


@pytest.mark.parametrize(
    ("number", "roman"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (1999, "MCMXCIX"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_roman(number, roman):
    assert to_roman(number) == roman


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_to_roman_rejects_numbers_it_cannot_write(number):
    with pytest.raises(ValueError):
        to_roman(number)


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 tasks"), (1, "1 task"), (2, "2 tasks"), (11, "11 tasks")]
)
def test_count_noun_agrees_with_the_count(count, expected):
    assert count_noun(count, "task") == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_join_names(names, expected):
    assert join_names(names) == expected


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("accountant", "an accountant"),
        ("electrician", "an electrician"),
        ("insurance underwriter", "an insurance underwriter"),
        ("teacher", "a teacher"),
        ("university lecturer", "a university lecturer"),
        ("user researcher", "a user researcher"),
        ("hour-long job", "an hour-long job"),
        ("Optician", "an Optician"),
    ],
)
def test_with_article_chooses_a_or_an_by_the_first_sound(noun, expected):
    assert with_article(noun) == expected


@pytest.mark.parametrize(
    ("numeral", "number"), [("I", 1), ("iv", 4), ("MCMXCIX", 1999), ("IIII", None), ("x5", None)]
)
def test_from_roman(numeral, number):
    assert from_roman(numeral) == number
