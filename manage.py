#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    from django.core.management import execute_from_command_line

    from kohtaanto.core.configuration import configuration_errors_exit

    # A missing or malformed environment variable: one line naming it, no traceback.
    with configuration_errors_exit("manage.py"):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
