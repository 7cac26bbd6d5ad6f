import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wpm.derived import kept
from wpm.lists import FilteredListView
from wpm.pagecache import public_page, public_page_view
from wpm.ratelimit import allow, client_ip
from wpm.storage import STORAGE_ERRORS

from . import photos, portable
from .filters import RosterFilter
from .forms import (
    PART_NAMES,
    SECTIONS,
    ContactForm,
    PhotoForm,
    ProfileFileForm,
    StartProfileForm,
    TakePartsForm,
)
from .models import Audience, Mediator

logger = logging.getLogger(__name__)

CONTACT_LIMIT = (5, 60 * 60)  # messages per IP address per hour


@public_page_view
class RosterView(FilteredListView):
    """The roster: listed profiles this visitor may see, filtered from the query string."""

    template_name = "mediators/roster.html"
    context_object_name = "mediators"
    feed_name = "mediators:roster_feed"

    def get_filterset(self):
        filterset = RosterFilter.for_visitor(self.request)
        # The options' counts tell whether the words found anything (get_queryset).
        filterset.typos = False
        return filterset

    def get_paginator(self, queryset, per_page, **kwargs):
        # The matches are counted with the options (get_queryset): beside a count of every
        # match, PostgreSQL 15 expects a limited query to stop early and walks the names'
        # index, testing every profile on the way (27 ms for a region at 10,000 mediators).
        return self.counted_paginator(queryset, per_page, self.total, whole=self.whole, **kwargs)

    def get_queryset(self):
        matching = super().get_queryset()
        self.whole = not (self.filterset.narrows or self.filterset.errors)
        if not self.whole:
            self.total, self.facets = self.filterset.option_counts(matching)
            if not self.total and self.filterset.words:
                # Words that find nothing: words close to them, perhaps (a typo).
                matching = self.filterset.with_typos()
                self.total, self.facets = self.filterset.option_counts(matching)
            return matching
        # The whole roster's counts are the same for everyone of an audience until a profile
        # changes: counted once per version of the content (wpm.derived).
        self.total, self.facets = kept(
            "roster-facets",
            lambda: self.filterset.option_counts(matching),
            int(self.filterset.audience),
        )
        return matching

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = self.facets
        audience = self.filterset.audience
        context["cards"] = [mediator.as_seen_by(audience) for mediator in context["mediators"]]
        chosen = self.filterset.chosen
        for card in context["cards"]:
            card.matched = card.explain(chosen)
        return context


# Of an engagement's process, the page shows its name, address and countries: not its long text
# or search documents (named here, as the roster imports nothing of the processes).
LONG_PROCESS_FIELDS = ("description", "description_rendered", "rank_document", "search_document")


def _engagements(mediator, profile):
    """Her engagements as this audience may know them; processes own the confidentiality."""
    if profile.pseudonymous:
        return []
    rows = (
        mediator.engagements.select_related("process")
        .defer(*(f"process__{name}" for name in LONG_PROCESS_FIELDS))
        .prefetch_related("process__countries")
    )
    if profile.audience < Audience.STAFF:
        rows = rows.disclosed()
    return rows


def _visible_mediator(request, slug):
    """A listed profile this visitor may see; anything else is a 404, never a 403."""
    mediator = Mediator.for_page(slug, request.user)
    if mediator is None:
        raise Http404
    return mediator


@require_safe
@public_page
def profile(request, slug):
    mediator = _visible_mediator(request, slug)
    return _render_profile(request, mediator, Audience.of(request.user))


def _render_profile(request, mediator, audience, **context):
    profile = mediator.as_seen_by(audience)
    context.update(mediator=mediator, profile=profile, engagements=_engagements(mediator, profile))
    return render(request, "mediators/profile.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, slug):
    """Relay a visitor's message to the mediator by email; her address is never shown.

    The form has a page of its own, so that the profile carries no CSRF token and can be cached.
    """
    mediator = get_object_or_404(
        Mediator.objects.visible_to(request.user), slug=slug, accepts_contact=True
    )
    profile = mediator.as_seen_by(Audience.of(request.user))
    status = 200
    if request.method != "POST":
        form = ContactForm(mediator=mediator)
    else:
        form = ContactForm(request.POST, mediator=mediator)
        if not allow("contact", client_ip(request), *CONTACT_LIMIT):
            form.add_error(None, _("Too many messages from your address. Please try again later."))
            status = 429
        elif not _relay_contact(form, mediator, _signed_in(request)):
            status = 400
        else:
            messages.success(
                request,
                _("Thank you. Your message has been sent to %(name)s.") % {"name": profile.name},
            )
            return redirect(mediator)
    context = {"mediator": mediator, "profile": profile, "form": form}
    return render(request, "mediators/contact.html", context, status=status)


def _relay_contact(form, mediator, sender=None) -> bool:
    """Keep the visitor's message and mail it to her, all or nothing, if the form is valid. Two
    clicks at once are taken one after the other: her row is locked while the first is checked
    and written, so the second finds it sent (ContactForm refuses a repeat)."""
    with transaction.atomic():
        Mediator.objects.select_for_update().filter(pk=mediator.pk).first()
        if not form.is_valid():
            return False
        if not form.is_spam():
            message = form.save(commit=False)
            message.mediator = mediator
            message.sender = sender
            message.save()
            with override(mediator.mail_language):
                mail = EmailMessage(
                    subject=_("[WPM] A message from %(name)s") % {"name": message.name},
                    body=render_to_string("mediators/email/contact.txt", {"message": message}),
                    to=[mediator.user.email],
                    reply_to=[message.email],
                )
                mail.written_by = sender  # type: ignore[attr-defined]
                mail.send()
    return True


def _signed_in(request):
    return request.user if request.user.is_authenticated else None


def _photo_owner(request, name):
    """The profile a photo belongs to, if this visitor may see that photo."""
    by_name = Q(photo=name) | Q(photo_small=name)
    if request.user.is_authenticated:
        own = Mediator.objects.filter(by_name, user=request.user).first()
        if own is not None:
            return own
    mediator = get_object_or_404(Mediator.objects.visible_to(request.user), by_name)
    if not mediator.as_seen_by(Audience.of(request.user)).shows["photo"]:
        raise Http404
    return mediator


@require_safe
def photo(request, name):
    mediator = _photo_owner(request, name)
    file = mediator.photo if mediator.photo.name == name else mediator.photo_small
    try:
        opened = file.open("rb")
    except STORAGE_ERRORS:
        logger.exception("Photo %s of mediator %s could not be read", name, mediator.pk)
        return HttpResponse(
            _("The photo cannot be shown just now."), status=503, content_type="text/plain"
        )
    response = FileResponse(opened, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# The member's own area. No URL here names a profile: each acts on the member's own.


def _own_mediator(request):
    return get_object_or_404(
        Mediator.objects.prefetch_related("expertise", "tracks", "backgrounds"),
        user=request.user,
    )


@never_cache
@login_required
def me(request):
    mediator = Mediator.objects.filter(user=request.user).first()
    if mediator is None and request.method != "POST" and hasattr(request.user, "requester"):
        # Her area is her requests: the profile form is a mediator's.
        return redirect("appointments:list")
    if mediator is None:
        form = StartProfileForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            mediator = form.save(commit=False)
            mediator.user = request.user
            mediator.mail_language = get_language()
            try:
                with transaction.atomic():
                    mediator.save()
            except IntegrityError:
                # Started in another tab since the form's check: hers is the one there.
                return redirect("mediators:me")
            mediator.refresh_search()
            messages.success(request, _("Your profile is started. Fill in each section below."))
            return redirect("mediators:me")
        return render(request, "mediators/me_start.html", {"form": form})
    return render(
        request,
        "mediators/me.html",
        {
            "mediator": mediator,
            "sections": [(key, title) for key, (title, _form) in SECTIONS.items()],
            "missing": mediator_missing(mediator),
            "checklist": mediator.checklist(),
        },
    )


def mediator_missing(mediator):
    """What a profile still needs before staff can review it."""
    missing = []
    if not mediator.headline.strip():
        missing.append(_("a headline"))
    if not mediator.expertise.exists():
        missing.append(_("at least one expertise area"))
    if not mediator.languages.exists():
        missing.append(_("at least one language"))
    return missing


@never_cache
@login_required
def me_edit(request, section):
    if section not in SECTIONS:
        raise Http404
    mediator = _own_mediator(request)
    title, form_class = SECTIONS[section]
    # What her listed profile said before (the form writes onto it as it validates).
    before = mediator.content() if request.method == "POST" and mediator.is_listed else None
    form = form_class(request.POST or None, instance=mediator)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            # The language she works in now: a section may be rows of hers, not her profile.
            Mediator.objects.filter(pk=mediator.pk).update(mail_language=get_language())
            mediator.refresh_from_db()
            mediator.refresh_search()
            if before is not None:
                mediator.record_edit(before)
        saved = _("%(section)s saved.") % {"section": title}
        if mediator.changed_at is not None:
            saved += " " + _("It shows at once; staff look over changes to listed profiles.")
        messages.success(request, saved)
        return redirect("mediators:me")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "mediators/me_edit.html",
        {"mediator": mediator, "form": form, "title": title, "section": section},
        status=status,
    )


@never_cache
@login_required
def me_photo(request):
    mediator = _own_mediator(request)
    form = PhotoForm()
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            photos.remove_photo(mediator)
            messages.success(request, _("Your photo is removed."))
            return redirect("mediators:me")
        form = PhotoForm(request.POST, request.FILES)
        if not form.is_valid():
            status = 400
        else:
            try:
                photos.replace_photo(mediator, form.cleaned_data["photo"])
            except photos.PhotoNotStored:
                # The fault is on our side and passes: 503, where 400 would blame her photo.
                form.add_error(
                    None,
                    _(
                        "Your photo could not be stored just now, so nothing was changed. "
                        "Please try again later."
                    ),
                )
                status = 503
            else:
                messages.success(request, _("Your photo is saved."))
                return redirect("mediators:me")
    return render(
        request, "mediators/me_photo.html", {"mediator": mediator, "form": form}, status=status
    )


PREVIEW_AUDIENCES = {"public": Audience.PUBLIC, "members": Audience.MEMBERS}


@never_cache
@login_required
def me_preview(request, audience):
    if audience not in PREVIEW_AUDIENCES:
        raise Http404
    mediator = get_object_or_404(
        Mediator.objects.for_profile(),
        user=request.user,
    )
    return _render_profile(request, mediator, PREVIEW_AUDIENCES[audience], preview=audience)


@require_POST
@login_required
def me_submit(request):
    mediator = _own_mediator(request)
    if not mediator.can_submit:
        messages.error(request, _("Your profile cannot be submitted in its current state."))
    elif missing := mediator_missing(mediator):
        messages.error(
            request,
            _("Before you submit, please add: %(missing)s.") % {"missing": ", ".join(missing)},
        )
    else:
        mediator.submit()
        messages.success(request, _("Thank you. Staff will review your profile."))
    return redirect("mediators:me")


# Her profile in the format that moves between networks (mediators.portable).


def _site(request):
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def profile_schema(request):
    """The JSON Schema of the profile format, at a stable, versioned address, for anyone."""
    response = JsonResponse(portable.schema(_site(request)), json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/schema+json"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@never_cache
@login_required
@require_safe
def me_export(request):
    """Her whole profile as a file she may take to another network."""
    mediator = _own_mediator(request)
    data = portable.export(mediator, source_url=_site(request))
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="mediator-profile.json"'
    return response


IMPORT_KEY = "mediators.profile_file"


def _may_import(request):
    """A file starts a profile, or fills a draft; a profile staff review or list is edited
    section by section."""
    mediator = Mediator.objects.filter(user=request.user).first()
    if mediator is not None and not mediator.can_submit:
        messages.error(
            request,
            _("Your profile is with staff or listed: please change it section by section."),
        )
        return mediator, False
    return mediator, True


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def me_import(request):
    mediator, allowed = _may_import(request)
    if not allowed:
        return redirect("mediators:me")
    form = ProfileFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        reading = form.cleaned_data["file"]
        request.session[IMPORT_KEY] = {
            "profile": reading.profile,
            "source": reading.source,
            "left_out": reading.left_out,
        }
        return redirect("mediators:me_import_review")
    return render(
        request,
        "mediators/me_import.html",
        {"form": form, "mediator": mediator},
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def me_import_review(request):
    """Every part of the file, as it would read here; she takes the parts she ticks."""
    mediator, allowed = _may_import(request)
    stored = request.session.get(IMPORT_KEY)
    if not allowed or stored is None:
        return redirect("mediators:me" if not allowed else "mediators:me_import")
    reading = portable.Reading(**stored)
    form = TakePartsForm(request.POST or None, parts=reading.parts, starting=mediator is None)
    if request.method == "POST" and form.is_valid():
        if mediator is None:
            mediator = Mediator(user=request.user)
        mediator.mail_language = get_language()
        portable.take(mediator, reading, form.cleaned_data["parts"])
        del request.session[IMPORT_KEY]
        messages.success(
            request,
            _(
                "The parts you chose are in your draft. Each is seen by staff only until you "
                "choose otherwise under Privacy."
            ),
        )
        return redirect("mediators:me")
    parts = [
        {
            "key": part,
            "name": PART_NAMES[part],
            "lines": portable.describe(reading, part),
            "audience": portable.audience_in_file(reading, part),
        }
        for part in reading.parts
    ]
    return render(
        request,
        "mediators/me_import_review.html",
        {"form": form, "parts": parts, "reading": reading, "mediator": mediator},
        status=400 if form.is_bound else 200,
    )
