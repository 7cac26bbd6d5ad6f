from django.urls import path
from django.views.decorators.http import require_safe

from wpm.pagecache import public_page

from . import feeds, views

app_name = "processes"

urlpatterns = [
    path("processes/", views.CatalogueView.as_view(), name="catalogue"),
    path("processes/export.csv", views.catalogue_csv, name="catalogue_csv"),
    path(
        "processes/feed.atom",
        require_safe(public_page(feeds.CatalogueFeed())),
        name="catalogue_feed",
    ),
    path("processes/insights/", views.insights, name="insights"),
    path("processes/instruments/", views.instruments, name="instruments"),
    path("processes/insights/<slug:chart>.csv", views.insights_csv, name="insights_csv"),
    # Before a process's own address: "agreements" is no process.
    path("processes/agreements/", views.AgreementListView.as_view(), name="agreements"),
    path("processes/agreements/export.csv", views.agreements_csv, name="agreements_csv"),
    path(
        "processes/agreements/feed.atom",
        require_safe(public_page(feeds.AgreementFeed())),
        name="agreements_feed",
    ),
    path("processes/agreements/<int:pk>/", views.agreement, name="agreement"),
    path("processes/data/", views.open_data, name="open_data"),
    path("processes/data/<slug:table>.<slug:fmt>", views.open_data_file, name="open_data_file"),
    path("processes/<slug:slug>/", views.detail, name="detail"),
]
