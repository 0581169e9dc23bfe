"""Django's error reports (the debug page, error e-mails) without the badge key-encryption
keys: Django hides settings whose names contain KEY, SECRET, TOKEN, …, but not `BADGE_KEK` or
`BADGE_OLD_KEKS`. Set as `DEFAULT_EXCEPTION_REPORTER_FILTER`. The functions that hold a KEK's
text in a local variable are marked with `sensitive_variables` (`achievements.keys`)."""

from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter


class ReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|KEK", flags=re.IGNORECASE
    )
