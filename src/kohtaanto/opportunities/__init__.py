"""Employers, opportunities (jobs, work trials, education trials, SME needs, volunteering) and
courses, with their imports. The Django side; matching itself is `kohtaanto.matching`."""
