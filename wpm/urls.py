from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from mediators.urls import photo_urlpatterns

from . import views

admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("WPM network administration")
admin.site.site_title = _("WPM administration")
admin.site.index_title = _("Back office")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include((photo_urlpatterns, "photos"))),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", TemplateView.as_view(template_name="wpm/about.html"), name="about"),
    path("impressum/", TemplateView.as_view(template_name="wpm/impressum.html"), name="impressum"),
    path("privacy/", TemplateView.as_view(template_name="wpm/privacy.html"), name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("", include("mediators.urls")),
    path("", include("processes.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
