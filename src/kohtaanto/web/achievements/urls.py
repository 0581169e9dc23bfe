"""Pages of Open Badges: staff (issue, revoke), wallet (/my/badges/), public (verify, DID,
issuer, achievements, status lists, shared badges)."""

from kohtaanto.web.achievements import manage, public, staff, wallet

app_name = "achievements"

urlpatterns = [*manage.urlpatterns, *staff.urlpatterns, *wallet.urlpatterns, *public.urlpatterns]
