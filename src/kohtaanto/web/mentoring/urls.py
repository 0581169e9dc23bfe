"""Pages of mentoring (namespace "mentoring"): the volunteer pool, training and mentoring
relationships (`urls_pool.py`) and mentor matching (`urls_matching.py`). Ids only in URLs."""

from django.urls import URLPattern, URLResolver

from kohtaanto.web.mentoring import urls_matching, urls_pool

app_name = "mentoring"

urlpatterns: list[URLPattern | URLResolver] = [*urls_pool.urlpatterns, *urls_matching.urlpatterns]
