"""Root conftest: makes the shared persona fixtures visible to tests under src/ and tests/."""

pytest_plugins = ["tests.fixtures"]
