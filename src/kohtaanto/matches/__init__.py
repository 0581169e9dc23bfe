"""Matching in the web app: adapters to `kohtaanto.matching`, suggestions, proposals of
candidates to employers, and the fairness audit."""
