"""Outcome figures for an organisation, a project or a funder; ESF+ indicators (issue 16)."""
