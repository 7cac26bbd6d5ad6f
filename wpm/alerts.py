"""Saved searches: a signed-in person keeps a search of the roster, the catalogue or the
agreements, reads them in her account, and hears once a week by email of their new matches
(send_search_alerts), with a link in each email that stops it without signing in."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import SaveSearchForm
from .models import DIGEST_SETTLED, SavedSearch, User


def _back(request, fallback):
    """Where the form came from, if it is this site's, else the fallback."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_POST
@login_required
def save_search(request):
    form = SaveSearchForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
        except IntegrityError:
            # The same search saved by a second click or tab since the form's check.
            messages.info(request, _("You have saved this search already."))
            return HttpResponseRedirect(_back(request, reverse("saved_searches")))
        messages.success(
            request,
            _("Search saved: once a week we email you what newly matches “%(title)s”.")
            % {"title": saved.title},
        )
    else:
        for error in form.non_field_errors() or [_("This search could not be saved.")]:
            messages.error(request, error)
    return HttpResponseRedirect(_back(request, reverse("saved_searches")))


@never_cache
@require_safe
@login_required
def saved_searches(request):
    searches = request.user.saved_searches.all()
    return render(request, "wpm/saved_searches.html", {"searches": searches})


@require_POST
@login_required
def delete_saved_search(request, pk):
    search = get_object_or_404(request.user.saved_searches, pk=pk)
    search.delete()
    messages.success(
        request, _("“%(title)s” is no longer saved: no more emails.") % {"title": search.heading}
    )
    return HttpResponseRedirect(reverse("saved_searches"))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in a digest: stop the emails of the searches it names, without signing in.
    The link asks; only the button (POST, with its CSRF token) deletes them."""
    searches = list(SavedSearch.from_token(token))
    if not searches:
        raise Http404
    if request.method == "POST":
        SavedSearch.objects.filter(pk__in=[search.pk for search in searches]).delete()
        return render(request, "wpm/unsubscribed.html", {"searches": searches})
    return render(request, "wpm/unsubscribe.html", {"searches": searches})


def send_digest(user: User, now: datetime.datetime) -> int:
    """Email her the new matches of each of her saved searches that is due, in one message,
    up to a moment every write before it has committed by, and count from there on: together or
    not at all. How many new matches it told of."""
    until = now - DIGEST_SETTLED
    with transaction.atomic():
        searches = list(user.saved_searches.due(now).select_for_update())
        if not searches:
            return 0
        # One email in one language, her newest saved search's: its searches' names, what they
        # found and every link.
        with override(searches[0].language):
            sections: list[dict[str, Any]] = []
            for search in searches:
                total, newest = search.new_matches(until=until)
                if total:
                    sections.append({"search": search, "total": total, "newest": newest})
            SavedSearch.objects.filter(pk__in=[search.pk for search in searches]).update(
                checked_at=until
            )
            if not sections:
                return 0
            told = [section["search"] for section in sections]
            stop_all = settings.SITE_URL + reverse(
                "unsubscribe", args=[SavedSearch.unsubscribe_token(*told)]
            )
            for section in sections:
                token = SavedSearch.unsubscribe_token(section["search"])
                section["stop"] = settings.SITE_URL + reverse("unsubscribe", args=[token])
            EmailMessage(
                _("[WPM] New matches of your saved searches"),
                render_to_string(
                    "wpm/email/search_digest.txt",
                    {"sections": sections, "site": settings.SITE_URL, "stop_all": stop_all},
                ),
                to=[user.email],
                headers={"List-Unsubscribe": f"<{stop_all}>", "Auto-Submitted": "auto-generated"},
            ).send()
        return sum(section["total"] for section in sections)


def send_digests(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Every due digest: (emails sent, new matches told of)."""
    now = now or timezone.now()
    sent = told = 0
    users = User.objects.filter(pk__in=SavedSearch.objects.due(now).values("user"))
    for user in users.iterator():
        count = send_digest(user, now)
        sent += bool(count)
        told += count
    return sent, told
