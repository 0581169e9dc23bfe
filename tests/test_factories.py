"""The personas' random names never clash with the names tests write out themselves."""

from __future__ import annotations

from tests.factories import _LITERAL_NAMES, distinct_name, reset_distinct_names


def test_random_names_avoid_the_names_tests_write_out() -> None:
    for _round in range(20):
        reset_distinct_names()
        names = [distinct_name(kind) for kind in ("first_name", "last_name") * 15]
        for name in names:
            folded = name.casefold()
            clashes = [n for n in _LITERAL_NAMES if n in folded or folded in n]
            assert clashes == [], name


def test_random_names_are_part_of_no_town_or_region() -> None:
    from kohtaanto.reference.places import municipalities

    places = [m.name_fi.casefold() for m in municipalities().values()] + [
        m.name_sv.casefold() for m in municipalities().values()
    ]
    assert "lahti" in places and "salo" in places
    for _round in range(40):
        reset_distinct_names()
        for kind in ("first_name", "last_name") * 15:
            folded = distinct_name(kind).casefold()
            assert not [p for p in places if folded in p], folded
