"""Reference data every layer may read: texts in fi/sv/en, municipalities and regions, and
language levels. Plain Python over data files in `reference/data/`; no Django, no ORM."""
