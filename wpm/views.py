import sys
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from . import health, privacy
from .context_processors import LANGUAGE_NAMES
from .derived import kept
from .forms import DeleteAccountForm
from .geography import region_choices, regions_of
from .middleware import outage_response
from .models import Article, Event, Page, Topic, Voice
from .pagecache import public_page, public_page_view
from .search import MAX_QUERY_LENGTH, site_search
from .storage import media_url


@require_safe
@public_page
def home(request, figures=()):
    """The network at a glance; ``figures`` are the apps' functions of the visitor that return
    their numbers by name, given by the URL configuration."""

    def count():
        numbers = {}
        for figure in figures:
            numbers.update(figure(request.user))
        return numbers

    # The public's figures are the same for every anonymous visitor: counted once per version.
    numbers = count() if request.user.is_authenticated else kept("home-figures", count)
    return render(
        request,
        "wpm/home.html",
        {
            "voices": Voice.objects.published().filter(is_featured=True)[:3],
            "articles": Article.objects.published().filter(language=get_language()).for_cards()[:3],
            "events": Event.objects.published().upcoming().for_cards()[:3],
            "figures": numbers,
        },
    )


@public_page_view
class VoiceListView(ListView):
    """Voices from around the world, optionally from one region."""

    template_name = "wpm/voices.html"
    context_object_name = "voices"

    def get_queryset(self):
        voices = Voice.objects.published()
        self.region = self.request.GET.get("region", "")
        if self.region:
            if self.region not in dict(region_choices()):
                raise Http404
            # Regions are derived from countries in Python: voices are few.
            voices = [voice for voice in voices if self.region in _regions(voice)]
        return voices

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            regions=region_choices(), current_region=self.region, **kwargs
        )


@require_safe
@public_page
def voice(request, pk):
    """One voice on a page of its own, to share: its card in a link preview is the quote."""
    item = get_object_or_404(Voice.objects.visible_to(request.user), pk=pk)
    photo_url = media_url(item.photo)
    photo = request.build_absolute_uri(photo_url) if photo_url else ""
    return render(request, "wpm/voice.html", {"voice": item, "voices": [item], "photo_url": photo})


def _regions(voice):
    return set(regions_of(voice.country)) if voice.country else set()


@public_page_view
class ArticleListView(ListView):
    """Advocacy in the reader's language, by kind and topic."""

    template_name = "wpm/advocacy.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        articles = (
            Article.objects.visible_to(self.request.user)
            .filter(language=get_language())
            .prefetch_related("topics")
        )
        self.kind = self.request.GET.get("kind", "")
        self.topic = self.request.GET.get("topic", "")
        if self.kind:
            if self.kind not in Article.Kind.values:
                raise Http404
            articles = articles.filter(kind=self.kind)
        if self.topic:
            articles = articles.filter(topics=get_object_or_404(Topic, slug=self.topic))
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Article.Kind.choices,
            # Those of the articles this list can show: not of drafts, of articles not out yet
            # or of those in the other language.
            topics=Topic.objects.filter(
                pk__in=Article.objects.visible_to(self.request.user)
                .filter(language=get_language())
                .values("topics")
            ),
            current_kind=self.kind,
            current_topic=self.topic,
            # The pages' links keep the kind and the topic chosen.
            query_string=urlencode(
                {
                    name: value
                    for name, value in (("kind", self.kind), ("topic", self.topic))
                    if value
                }
            ),
            **kwargs,
        )


@require_safe
@public_page
def article(request, slug):
    # Of its translation, the address and whether it is out: not its text or search vector.
    other = [f"{side}__{name}" for side in ("translation", "translated_from") for name in OWN_TEXT]
    queryset = Article.objects.visible_to(request.user).select_related(
        "translation", "translated_from"
    )
    item = get_object_or_404(queryset.defer(*other), slug=slug)
    if item.language != get_language():
        return redirect(item, permanent=True)
    translated = item.translated
    if translated and not (translated.is_out or request.user.is_staff):
        translated = None
    return render(
        request,
        "wpm/article.html",
        {
            "article": item,
            "authors": item.byline(request.user),
            "processes": item.processes_for(request.user),
            "topics": item.topic_names(),
            "translated": translated,
            "language_alternates": _article_alternates(item, translated),
        },
    )


# What an article holds that only its own page shows.
OWN_TEXT = ("summary", "body", "body_rendered", "image", "image_alt", "pdf", "search")


def _article_alternates(item, translated):
    """The language switch leads to the translation, or to the advocacy list without one. The
    list is a way on for a reader, not the article in her language: search engines are not
    told it is (``fallback``, which the page's head leaves out)."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        fallback = False
        if code == item.language:
            url = item.get_absolute_url()
        elif translated and translated.language == code:
            url = translated.get_absolute_url()
        else:
            with override(code):
                url = reverse("advocacy")
            fallback = True
        alternates.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": url,
                "page": url,
                "fallback": fallback,
            }
        )
    return alternates


@require_safe
@public_page
def page(request, slug):
    item = get_object_or_404(Page.objects.visible_to(request.user), slug=slug)
    if request.path != item.get_absolute_url():
        return redirect(item, permanent=True)
    return render(request, "wpm/page.html", {"page": item})


@public_page_view
class EventListView(ListView):
    template_name = "wpm/events.html"
    context_object_name = "upcoming"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).upcoming()

    def get_context_data(self, **kwargs):
        past = Event.objects.visible_to(self.request.user).past()[:20]
        return super().get_context_data(past=past, **kwargs)


@require_safe
@public_page
def event(request, slug):
    item = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    return render(request, "wpm/event.html", {"event": item})


@require_safe
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/accounts/",
        "Disallow: /de/accounts/",
        "Disallow: /en/me/",
        "Disallow: /de/me/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@never_cache
def healthz(request):
    """Each dependency and its state: 503 only when the database is down, and the site with it;
    200, "degraded" when the cache, the mail queue or storage is in trouble (wpm.health)."""
    return health.response()


@require_safe
@public_page
def search(request):
    """Search across the site; a query too long for the box is refused and shown again."""
    # A NUL character never gets here (wpm.middleware.UnreadableAddressMiddleware).
    query = request.GET.get("q", "").strip()
    too_long = len(query) > MAX_QUERY_LENGTH
    results = site_search(query, request.user) if query and not too_long else None
    return render(
        request,
        "wpm/search.html",
        {
            "query": query,
            "too_long": too_long,
            "max_length": MAX_QUERY_LENGTH,
            "results": results,
        },
        status=400 if too_long else 200,
    )


def csrf_failure(request, reason=""):
    """A form sent without its proof of origin, most often one left open too long: said in the
    visitor's language, in the site's own page, where Django's is a technical one in English."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """A lost database connection outside a view is an outage (503), not a bug (500)."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return outage_response()
    return HttpResponseServerError(render_to_string("500.html"))


@never_cache
@login_required
def my_data(request):
    """A member's data page: download everything, or delete the account."""
    if request.GET.get("download"):
        response = HttpResponse(
            privacy.personal_data_json(request.user), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    # The periods this site keeps things for, as its operator set them: the privacy policy is
    # staff's text, and may name other figures.
    kept = {
        "contact_days": settings.CONTACT_RETENTION_DAYS,
        "request_days": settings.REQUEST_RETENTION_DAYS,
        "mail_days": settings.MAIL_RETENTION_DAYS,
    }
    return render(request, "wpm/my_data.html", kept)


@never_cache
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.erase(user)
        messages.success(request, _("Your account and all your data have been deleted."))
        return redirect("home")
    status = 400 if form.is_bound else 200
    return render(request, "wpm/delete_account.html", {"form": form}, status=status)
