"""The read-only public API, version 1, under /api/v1/ (wpm.urls plugs it in by name)."""

from . import v1

urlpatterns = v1.urlpatterns()
app_name = "api"
