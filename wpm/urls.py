from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.db import transaction
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from mediators.figures import roster_figures
from mediators.sitemaps import ProfileSitemap
from mediators.urls import photo_urlpatterns, schema_urlpatterns
from processes.figures import catalogue_figures
from processes.sitemaps import AgreementSitemap, ProcessSitemap

from . import alerts, calendar, feeds, views
from .pagecache import public_page
from .sitemaps import ArticleSitemap, EventSitemap, PageSitemap, StaticSitemap, VoiceSitemap

# The one module of the project that names its apps: what they bring to the pages of the whole
# site. (Each app's site-search source registers itself when the app is ready.)
SITEMAPS = {
    "static": StaticSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "events": EventSitemap,
    "voices": VoiceSitemap,
    "processes": ProcessSitemap,
    "agreements": AgreementSitemap,
    "profiles": ProfileSitemap,
}
HOME_FIGURES = [roster_figures, catalogue_figures]

handler500 = "wpm.views.server_error"

admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("WPM network administration")
admin.site.site_title = _("WPM administration")
admin.site.index_title = _("Back office")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        public_page(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include((photo_urlpatterns, "photos"))),
    path("", include((schema_urlpatterns, "schemas"))),
]

urlpatterns += i18n_patterns(
    path("", views.home, {"figures": HOME_FIGURES}, name="home"),
    path("about/", views.page, {"slug": "about"}, name="about"),
    path("impressum/", views.page, {"slug": "impressum"}, name="impressum"),
    path("privacy/", views.page, {"slug": "privacy"}, name="privacy"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("voices/", views.VoiceListView.as_view(), name="voices"),
    path("voices/<int:pk>/", views.voice, name="voice"),
    path("advocacy/", views.ArticleListView.as_view(), name="advocacy"),
    path(
        "advocacy/feed/atom/", require_safe(public_page(feeds.ArticleAtomFeed())), name="feed_atom"
    ),
    path("advocacy/feed/rss/", require_safe(public_page(feeds.ArticleRssFeed())), name="feed_rss"),
    path("advocacy/<slug:slug>/", views.article, name="article"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/upcoming.ics", calendar.upcoming_ics, name="events_ics"),
    path("events/<slug:slug>/", views.event, name="event"),
    path("events/<slug:slug>/event.ics", calendar.event_ics, name="event_ics"),
    path("search/", views.search, name="search"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/searches/", alerts.saved_searches, name="saved_searches"),
    path("me/searches/save/", alerts.save_search, name="save_search"),
    path("me/searches/<int:pk>/delete/", alerts.delete_saved_search, name="delete_saved_search"),
    path("searches/stop/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    path("me/delete/", views.delete_account, name="delete_account"),
    # A new account and the mail that asks to confirm its address are stored together.
    path("accounts/signup/", transaction.atomic(account_views.signup), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("mediators.urls")),
    path("", include("processes.urls")),
    path("", include("appointments.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
