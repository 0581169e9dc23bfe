"""Typed settings helpers in `kohtaanto.config.env`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaanto.config.env import (
    ImproperlyConfiguredError,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("OFF", False),
        ("", False),
    ],
)
def test_env_bool(raw: str, expected: bool) -> None:
    assert env_bool("X_FLAG", not expected, environ={"X_FLAG": raw}) is expected


def test_env_bool_default() -> None:
    assert env_bool("X_FLAG", True, environ={}) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "tru"])
def test_bad_bool_names_the_variable(raw: str) -> None:
    with pytest.raises(ImproperlyConfiguredError, match="X_FLAG"):
        env_bool("X_FLAG", environ={"X_FLAG": raw})


def test_bad_bool_does_not_echo_the_value() -> None:
    with pytest.raises(ImproperlyConfiguredError) as excinfo:
        env_bool("X_FLAG", environ={"X_FLAG": "secret-ish"})
    assert "secret-ish" not in str(excinfo.value)


def test_env_int() -> None:
    assert env_int("X_INT", 5, environ={"X_INT": "42"}) == 42
    assert env_int("X_INT", 5, environ={"X_INT": " "}) == 5
    assert env_int("X_INT", 5, environ={}) == 5


@pytest.mark.parametrize("raw", ["4.5", "ten", "1e3"])
def test_bad_int_names_the_variable(raw: str) -> None:
    with pytest.raises(ImproperlyConfiguredError, match="X_INT"):
        env_int("X_INT", 1, environ={"X_INT": raw})


@pytest.mark.parametrize(
    ("raw", "kwargs", "message"),
    [
        ("-1", {"minimum": 0}, "X_INT must be a whole number at least 0"),
        ("0", {"minimum": 1, "maximum": 9}, "X_INT must be a whole number from 1 to 9"),
        ("10", {"minimum": 1, "maximum": 9}, "X_INT must be a whole number from 1 to 9"),
        ("70000", {"maximum": 65535}, "X_INT must be a whole number at most 65535"),
    ],
)
def test_int_out_of_range_names_the_variable_and_the_range(
    raw: str, kwargs: dict[str, int], message: str
) -> None:
    with pytest.raises(ImproperlyConfiguredError, match=message):
        env_int("X_INT", 1, environ={"X_INT": raw}, **kwargs)


def test_int_within_range_and_the_default_are_kept() -> None:
    assert env_int("X_INT", 5, minimum=0, environ={"X_INT": "0"}) == 0
    assert env_int("X_INT", 5, minimum=1, maximum=9, environ={"X_INT": "9"}) == 9
    assert env_int("X_INT", 5, minimum=1, environ={}) == 5


def test_env_str_required_and_default() -> None:
    assert env_str("X_STR", "d", environ={}) == "d"
    assert env_str("X_STR", environ={"X_STR": "v"}) == "v"
    with pytest.raises(ImproperlyConfiguredError, match="X_STR"):
        env_str("X_STR", environ={"X_STR": ""})


def test_env_list() -> None:
    assert env_list("X_LIST", environ={"X_LIST": "a, b,,c "}) == ["a", "b", "c"]
    assert env_list("X_LIST", ["x"], environ={}) == ["x"]
    assert env_list("X_LIST", environ={}) == []


def test_env_secret_from_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "key"
    secret_file.write_text("s3cr3t\n", encoding="utf-8")
    assert env_secret("X_KEY", environ={"X_KEY_FILE": str(secret_file)}) == "s3cr3t"
    assert env_secret("X_KEY", environ={"X_KEY": "direct"}) == "direct"
    with pytest.raises(ImproperlyConfiguredError, match="X_KEY_FILE"):
        env_secret("X_KEY", environ={"X_KEY_FILE": str(tmp_path / "missing")})
    with pytest.raises(ImproperlyConfiguredError, match="X_KEY"):
        env_secret("X_KEY", environ={})
