"""DigComp 2.2 proficiency levels in plain words, from the area means of the self-assessment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kohtaanto.journeys import rules


@pytest.mark.parametrize(
    ("mean", "band", "fi"),
    [
        (0.0, "below_foundation", "Vasta alussa"),
        (0.49, "below_foundation", "Vasta alussa"),
        (0.5, "foundation", "Perustaso"),
        (1.0, "foundation", "Perustaso"),
        (2.49, "foundation", "Perustaso"),
        (2.5, "intermediate", "Keskitaso"),
        (3.67, "intermediate", "Keskitaso"),
        (4.5, "advanced", "Edistynyt taso"),
        (5.0, "advanced", "Edistynyt taso"),
    ],
)
def test_mean_to_level(mean, band, fi):
    found = rules.digcomp_proficiency(mean)
    assert found is not None and found.band == band and found.name.get("fi") == fi
    assert found.description.get("fi") and found.description.get("sv") and found.name.get("en")


def test_not_answered_has_no_level():
    assert rules.digcomp_proficiency(None) is None


def test_the_answer_scale_is_the_digcomp_levels():
    """The options' values are the DigComp levels they stand for (data file), which is why a
    mean reads as a level."""
    for option in rules.digcomp().options:
        level = rules.digcomp_proficiency(option.value)
        assert level is not None and level.level == option.value
        if option.proficiency:
            assert level.band == option.proficiency


def test_four_digcomp_levels_named_in_three_languages():
    levels = rules.digcomp_proficiencies()
    assert sorted(levels) == list(range(9))
    bands = {p.band: p.name for p in levels.values()}
    assert list(bands) == list(rules.PROFICIENCY_BANDS)
    assert bands["highly_specialised"].get("fi") == "Erityisosaajan taso"
    assert bands["foundation"].get("sv") and bands["advanced"].get("en") == "Advanced"


def test_one_decimal_rounds_half_up():
    assert rules.one_decimal(3.67) == Decimal("3.7")
    assert rules.one_decimal(3.25) == Decimal("3.3")
    assert rules.one_decimal(5) == Decimal("5.0")
