from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("requests/", views.request_list, name="list"),
    path("requests/apply/", views.apply, name="apply"),
    path("requests/new/", views.request_new, name="new"),
    path("requests/<int:pk>/", views.request_detail, name="detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="edit"),
    path("requests/<int:pk>/discard/", views.request_discard, name="discard"),
    path("requests/<int:pk>/send/", views.request_send, name="send"),
    path("requests/<int:pk>/proposal/", views.proposal, name="proposal"),
    path("requests/<int:pk>/proposal/dossier.pdf", views.dossier, name="dossier"),
    path("requests/<int:pk>/proposal/outcome/", views.outcome, name="outcome"),
    path("requests/<int:pk>/proposal/<int:invitation>/write/", views.relay, name="relay"),
    path("requests/<int:pk>/proposal/<int:invitation>/photo.jpg", views.photo, name="photo"),
    path("requests/outcomes/", views.outcomes, name="outcomes"),
    path("me/invitations/", views.invitation_list, name="invitations"),
    path("me/invitations/<int:pk>/", views.invitation_detail, name="invitation"),
]
