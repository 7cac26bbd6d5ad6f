from django.urls import path

from . import views

app_name = "processes"

urlpatterns = [
    path("processes/", views.CatalogueView.as_view(), name="catalogue"),
    path("processes/export.csv", views.catalogue_csv, name="catalogue_csv"),
    path("processes/insights/", views.insights, name="insights"),
    path("processes/insights/<slug:chart>.csv", views.insights_csv, name="insights_csv"),
    # Before a process's own address: "agreements" is no process.
    path("processes/agreements/", views.AgreementListView.as_view(), name="agreements"),
    path("processes/agreements/export.csv", views.agreements_csv, name="agreements_csv"),
    path("processes/agreements/<int:pk>/", views.agreement, name="agreement"),
    path("processes/<slug:slug>/", views.detail, name="detail"),
]
