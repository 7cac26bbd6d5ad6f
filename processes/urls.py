from django.urls import path

from . import views

app_name = "processes"

urlpatterns = [
    path("processes/", views.CatalogueView.as_view(), name="catalogue"),
    path("processes/export.csv", views.catalogue_csv, name="catalogue_csv"),
    path("processes/insights/", views.insights, name="insights"),
    path("processes/insights/<slug:chart>.csv", views.insights_csv, name="insights_csv"),
    path("processes/<slug:slug>/", views.detail, name="detail"),
]
