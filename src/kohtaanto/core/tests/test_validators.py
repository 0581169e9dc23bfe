"""Finnish business id (Y-tunnus) and municipality code validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kohtaanto.core.validators import (
    business_id_check_digit,
    is_valid_business_id,
    validate_business_id,
    validate_municipality_code,
)

seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


@pytest.mark.parametrize("value", ["1572860-0", "0737546-2", "2617416-4", "0201256-6"])
def test_known_valid_business_ids(value: str) -> None:
    assert is_valid_business_id(value)
    validate_business_id(value)


@pytest.mark.parametrize(
    "value", ["", "1572860-1", "15728600", "1572860 0", "157286-00", "a572860-0", " 1572860-0"]
)
def test_invalid_business_ids(value: str) -> None:
    assert not is_valid_business_id(value)
    with pytest.raises(ValidationError):
        validate_business_id(value)


def _reference_check_digit(digits: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return None if remainder == 1 else (0 if remainder == 0 else 11 - remainder)


@given(seven_digits)
def test_exactly_the_computed_check_digit_is_valid(digits: str) -> None:
    expected = _reference_check_digit(digits)
    assert business_id_check_digit(digits) == expected
    valid = [d for d in range(10) if is_valid_business_id(f"{digits}-{d}")]
    assert valid == ([] if expected is None else [expected])


@given(seven_digits, st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=9))
def test_single_digit_errors_are_detected(digits: str, position: int, delta: int) -> None:
    # The weights are coprime with 11, so changing one digit always changes the remainder.
    check = business_id_check_digit(digits)
    changed = list(digits)
    changed[position] = str((int(changed[position]) + delta) % 10)
    if check is not None:
        assert not is_valid_business_id(f"{''.join(changed)}-{check}")


def test_remainder_one_has_no_valid_id() -> None:
    digits = next(f"{n:07d}" for n in range(10_000) if _reference_check_digit(f"{n:07d}") is None)
    assert business_id_check_digit(digits) is None
    assert not any(is_valid_business_id(f"{digits}-{d}") for d in range(10))


@pytest.mark.parametrize("value", ["091", "837", "005"])
def test_valid_municipality_codes(value: str) -> None:
    validate_municipality_code(value)


@pytest.mark.parametrize("value", ["91", "0911", "abc", ""])
def test_invalid_municipality_codes(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_municipality_code(value)
