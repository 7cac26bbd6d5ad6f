"""The read-only public API, version 1, under /api/v1/ (wpm.urls plugs it in by name)."""

from .v1 import api

urlpatterns = api.urls[0]
app_name = "api"
