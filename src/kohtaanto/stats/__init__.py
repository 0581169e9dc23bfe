"""Pure statistics: periods, small-number protection (complementary suppression), outcome and
ESF+ indicator figures computed from plain records. No Django (import-linter)."""
