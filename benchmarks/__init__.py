"""Benchmark harnesses for `kohtaanto bench …` (run from a source checkout).

One module per benchmark (`melo`, `skills`, `titles`), plus shared `metrics`, `readers`,
`baseline` (character n-gram TF-IDF) and `runtime` (taxonomy, engine, timing).
"""
