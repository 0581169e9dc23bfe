"""Kohtaanto: competence recognition, coaching and matching for employment services."""

__version__ = "0.1.0"
