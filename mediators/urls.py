from django.urls import path
from django.views.decorators.http import require_safe

from wpm.pagecache import public_page

from . import feeds, views

app_name = "mediators"

urlpatterns = [
    path("mediators/", views.RosterView.as_view(), name="roster"),
    path("mediators/feed.atom", require_safe(public_page(feeds.RosterFeed())), name="roster_feed"),
    path("mediators/<slug:slug>/", views.profile, name="profile"),
    path("mediators/<slug:slug>/contact/", views.contact, name="contact"),
    path("me/", views.me, name="me"),
    path("me/edit/<slug:section>/", views.me_edit, name="me_edit"),
    path("me/photo/", views.me_photo, name="me_photo"),
    path("me/preview/<slug:audience>/", views.me_preview, name="me_preview"),
    path("me/submit/", views.me_submit, name="me_submit"),
    path("me/profile.json", views.me_export, name="me_export"),
    path("me/import/", views.me_import, name="me_import"),
    path("me/import/review/", views.me_import_review, name="me_import_review"),
]

# Photos are served without a language prefix: the same file in every language.
photo_urlpatterns = [
    path("photos/<str:name>", views.photo, name="photo"),
]

# The profile format's schema: one address in every language, its major version in the path.
schema_urlpatterns = [
    path("schemas/mediator-profile/v1.json", views.profile_schema, name="profile_v1"),
]
