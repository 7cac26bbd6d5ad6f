"""The requester's own pages. No URL here reaches anyone else's request: outsiders get a 404."""

import logging
from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mediators.models import ContactMessage, Mediator
from wpm.pagecache import public_page
from wpm.pdf import FILES_PATH, render_pdf
from wpm.storage import STORAGE_ERRORS

from .forms import AnswerForm, ApplyForm, OutcomeForm, RelayForm, RequestForms
from .models import Access, Invitation, Request, Requester
from .numbers import numbers

logger = logging.getLogger(__name__)


def _own_requester(request):
    """The signed-in requester; someone who may still apply is sent to apply, anyone else 404."""
    requester = Requester.objects.filter(user=request.user).first()
    if requester is None:
        if Requester.may_apply(request.user):
            return None
        raise Http404
    return requester


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    """How an appointing body asks the network for mediators: anyone may read it; a signed-in
    newcomer applies for requester status here."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "appointments/apply.html", {"anonymous": True})
    if not Requester.may_apply(request.user):
        raise Http404
    requester = Requester.objects.filter(user=request.user).first()
    if requester is not None:
        return render(request, "appointments/apply.html", {"requester": requester})
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        requester = form.save(commit=False)
        requester.user = request.user
        requester.language = get_language()
        try:
            with transaction.atomic():
                requester.save()
        except IntegrityError:
            # Her other tab's application, sent at the same moment, was saved first: it stands.
            return redirect("appointments:apply")
        messages.success(
            request,
            _("Thank you. Staff will verify you; meanwhile you can prepare requests as drafts."),
        )
        return redirect("appointments:list")
    status = 400 if form.is_bound else 200
    return render(request, "appointments/apply.html", {"form": form}, status=status)


@never_cache
@login_required
def request_list(request):
    requester = _own_requester(request)
    if requester is None:
        return redirect("appointments:apply")
    requests = Request.objects.of(request.user).for_list()
    return render(request, "appointments/list.html", {"requester": requester, "requests": requests})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request):
    requester = _own_requester(request)
    if requester is None:
        return redirect("appointments:apply")
    if requester.status == Requester.Status.DECLINED:
        raise Http404
    data = request.POST if request.method == "POST" else None
    forms = RequestForms(data, instance=Request(requester=requester, language=get_language()))
    if request.method == "POST" and forms.is_valid():
        saved = forms.save()
        messages.success(request, _("Your request is saved as a draft."))
        return redirect(saved)
    return _request_form(request, forms)


def _request_form(request, forms, draft=None):
    """The form of a new request, or of her draft: a bound form shows again only when
    something in it is wrong."""
    return render(
        request,
        "appointments/form.html",
        {
            "form": forms.form,
            "formsets": forms.formsets,
            "invalid": forms.is_bound,
            "draft": draft,
        },
        status=400 if forms.is_bound else 200,
    )


def _sent_already(request, appointment_request):
    messages.info(
        request, _("This request has been sent: it can no longer be changed or discarded.")
    )
    return redirect(appointment_request)


def her_draft(view=None, *, declined=False):
    """A page of the requester's own draft, given the draft: once sent, the focal points work
    from a request as they received it, so a sent one leads back to its page, saying so. A
    requester staff declined reaches only the pages marked ``declined`` (discarding it)."""
    if view is None:
        return partial(her_draft, declined=declined)

    @never_cache
    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    @wraps(view)
    def wrapped(request, pk):
        draft = get_object_or_404(
            Request.objects.of(request.user).select_related("requester"), pk=pk
        )
        if draft.requester.status == Requester.Status.DECLINED and not declined:
            raise Http404
        if not draft.is_draft:
            return _sent_already(request, draft)
        return view(request, draft)

    return wrapped


@her_draft
def request_edit(request, draft):
    """She changes her draft, its criteria too, until she sends it."""
    if request.method != "POST":
        return _request_form(request, RequestForms(instance=draft), draft)
    forms = RequestForms(request.POST, instance=draft)
    with transaction.atomic():
        if not draft.lock_draft():  # sent from another tab since
            return _sent_already(request, draft)
        if forms.is_valid():
            forms.save()
            messages.success(request, _("Your draft is saved."))
            return redirect(draft)
    return _request_form(request, forms, draft)


@her_draft(declined=True)
def request_discard(request, draft):
    """She discards a draft she will not send, after being asked."""
    if request.method != "POST":
        return render(request, "appointments/discard.html", {"appointment_request": draft})
    title = draft.title
    if not draft.discard():  # sent from another tab since
        return _sent_already(request, draft)
    messages.success(request, _("The draft “%(title)s” is discarded.") % {"title": title})
    return redirect("appointments:list")


@never_cache
@login_required
def request_detail(request, pk):
    appointment_request = get_object_or_404(
        Request.objects.of(request.user)
        .for_list()
        .select_related("requester")
        .prefetch_related("languages", "expertise__area", "regions"),
        pk=pk,
    )
    return render(request, "appointments/detail.html", {"appointment_request": appointment_request})


@require_POST
@login_required
def request_send(request, pk):
    """A verified requester sends a complete draft; the focal points are told by email."""
    appointment_request = get_object_or_404(
        Request.objects.of(request.user).select_related("requester"), pk=pk
    )
    if not appointment_request.requester.is_verified:
        messages.error(request, _("You can send requests once staff have verified you."))
    elif not appointment_request.is_draft:
        messages.info(request, _("This request has been sent already."))
    else:
        try:
            appointment_request.check_sendable()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            with transaction.atomic():
                if not appointment_request.send():
                    messages.info(request, _("This request has been sent already."))
                    return redirect(appointment_request)
                # To staff in the site's language, as the back office speaks to them: the
                # requester's is hers, and staff keep no language of their own. A mail each:
                # who else is told (who may see restricted requests) is not theirs to know.
                with translation.override(settings.LANGUAGE_CODE):
                    subject = _("[WPM] A new request for mediators")
                    body = render_to_string(
                        "appointments/email/sent.txt",
                        {"appointment_request": appointment_request, "site": settings.SITE_URL},
                    )
                    for address in appointment_request.focal_point_addresses():
                        send_mail(subject, body, None, [address])
            messages.success(
                request, _("Your request is sent. The network's focal points have it.")
            )
    return redirect(appointment_request)


# The proposal: the mediators who said yes, each with what she released, to the requester alone.


def _own_proposal(request, pk):
    """Her request, once the network has proposed mediators for it, while staff verify her; a
    404 for anyone else."""
    appointment_request = get_object_or_404(
        Request.objects.of(request.user).for_list().select_related("requester__user"),
        pk=pk,
        proposed_at__isnull=False,
        requester__status=Requester.Status.VERIFIED,
    )
    return appointment_request


def _outcome_form(appointment_request, data=None):
    return OutcomeForm(
        data, appointment_request=appointment_request, candidates=appointment_request.proposal()
    )


@never_cache
@login_required
def proposal(request, pk):
    appointment_request = _own_proposal(request, pk)
    Access.objects.create(request=appointment_request, user=request.user, kind=Access.Kind.VIEWED)
    return _render_proposal(request, appointment_request, _outcome_form(appointment_request))


def _photo_url(invitation, profile):
    if not profile.shows["photo"]:
        return ""
    return reverse(
        "appointments:photo", kwargs={"pk": invitation.request_id, "invitation": invitation.pk}
    )


def _render_proposal(request, appointment_request, form, status=200):
    # What each released, her trainings among it, read for all of them at once.
    prefetch_related_objects(form.candidates, "mediator__trainings")
    candidates = []
    for invitation in form.candidates:
        profile = invitation.released_view()
        candidates.append((invitation, profile, _photo_url(invitation, profile)))
    context = {"appointment_request": appointment_request, "candidates": candidates, "form": form}
    return render(request, "appointments/proposal.html", context, status=status)


@never_cache
@login_required
def dossier(request, pk):
    """The nomination dossier: one CV per mediator in the proposal, only what she released, in
    the request's language."""
    appointment_request = _own_proposal(request, pk)
    candidates, files = [], {}
    for invitation in appointment_request.proposal().prefetch_related("mediator__trainings"):
        profile = invitation.released_view()
        photo = _photo_bytes(invitation) if profile.shows["photo"] else None
        name = f"photo-{invitation.pk}.jpg"
        if photo is not None:
            files[name] = (photo, "image/jpeg")
        candidates.append((invitation, profile, name if photo is not None else ""))
    Access.objects.create(request=appointment_request, user=request.user, kind=Access.Kind.DOSSIER)
    with translation.override(appointment_request.language):
        pdf = render_pdf(
            "appointments/dossier.html",
            {
                "appointment_request": appointment_request,
                "candidates": candidates,
                "today": timezone.localdate(),
                "files_path": FILES_PATH,
            },
            files=files,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dossier-{appointment_request.pk}.pdf"'
    return response


def _photo_bytes(invitation):
    """Her photo, read from storage; None (and a log entry) when storage fails: the dossier is
    made without it rather than not at all."""
    try:
        with invitation.her.photo_small.open("rb") as file:
            return file.read()
    except STORAGE_ERRORS:
        logger.exception("The photo of mediator %s could not be read", invitation.mediator_id)
        return None


@never_cache
@login_required
@require_safe
def photo(request, pk, invitation):
    """Her photo, to the requester she released it to, for as long as she says yes."""
    appointment_request = _own_proposal(request, pk)
    invitation = get_object_or_404(appointment_request.proposal(), pk=invitation)
    if not invitation.released_view().shows["photo"]:
        raise Http404
    try:
        opened = invitation.her.photo_small.open("rb")
    except STORAGE_ERRORS:
        logger.exception("The photo of mediator %s could not be read", invitation.mediator_id)
        return HttpResponse(
            _("The photo cannot be shown just now."), status=503, content_type="text/plain"
        )
    return FileResponse(opened, content_type="image/jpeg")


@require_POST
@login_required
def outcome(request, pk):
    appointment_request = _own_proposal(request, pk)
    form = _outcome_form(appointment_request, request.POST)
    if not form.is_valid():
        return _render_proposal(request, appointment_request, form, status=400)
    if form.save():
        messages.success(request, _("Thank you. The outcome is recorded."))
    else:
        messages.error(request, OutcomeForm.RECORDED_ALREADY)
    return redirect("appointments:proposal", pk=appointment_request.pk)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def relay(request, pk, invitation):
    """The requester writes to a mediator in her proposal through the network's relay."""
    appointment_request = _own_proposal(request, pk)
    invitation = get_object_or_404(appointment_request.proposal(), pk=invitation)
    if not invitation.may_be_written_to:
        messages.info(
            request,
            _(
                "This request is closed: the network relays messages only to the mediators "
                "appointed from it."
            ),
        )
        return redirect("appointments:proposal", pk=appointment_request.pk)
    requester = appointment_request.requester
    form = RelayForm(
        request.POST if request.method == "POST" else None,
        mediator=invitation.mediator,
        sender=requester.user.email,
    )
    if request.method == "POST":
        with transaction.atomic():
            # One message at a time to her: a second click waits here, then finds it sent.
            Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
            sent = form.is_valid()
            if sent:
                _relay(request, appointment_request, invitation, form)
        if sent:
            name = invitation.mediator.display_name
            messages.success(request, _("Your message has been sent to %(name)s.") % {"name": name})
            return redirect("appointments:proposal", pk=appointment_request.pk)
    context = {
        "appointment_request": appointment_request,
        "invitation": invitation,
        "form": form,
    }
    return render(request, "appointments/relay.html", context, status=400 if form.is_bound else 200)


def _relay(request, appointment_request, invitation, form) -> None:
    """The requester's message, kept and relayed to her by email, and who wrote to her: all
    or nothing, within the caller's transaction."""
    requester = appointment_request.requester
    message = ContactMessage.objects.create(
        mediator=invitation.mediator,
        sender=requester.user,
        name=requester.user.name or requester.user.email,
        email=requester.user.email,
        # Her organisation may be longer than the relay keeps.
        organisation=requester.organisation[: ContactMessage.ORGANISATION_LENGTH],
        purpose=ContactMessage.Purpose.MEDIATION,
        message=form.cleaned_data["message"],
    )
    Access.objects.create(
        request=appointment_request,
        user=request.user,
        kind=Access.Kind.CONTACTED,
        invitation=invitation,
    )
    with translation.override(invitation.mediator.mail_language):
        mail = EmailMessage(
            subject=_("[WPM] A message about a request you accepted"),
            body=render_to_string(
                "appointments/email/relay.txt",
                {"message": message, "invitation": invitation},
            ),
            to=[invitation.mediator.user.email],
            reply_to=[message.email],
        )
        mail.written_by = requester.user  # type: ignore[attr-defined]
        mail.send()


@require_safe
@public_page
def outcomes(request):
    """The public numbers: what became of the requests the network received."""
    return render(request, "appointments/outcomes.html", {"numbers": numbers()})


# A mediator's invitations, in her member area. Nobody else's answers 404.


@never_cache
@login_required
def invitation_list(request):
    get_object_or_404(Mediator, user=request.user)
    invitations = Invitation.objects.of_mediator(request.user).select_related(
        "request__role", "mediator"
    )
    return render(request, "appointments/invitations.html", {"invitations": invitations})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_detail(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.of_mediator(request.user).select_related(
            "request__role", "request__process", "request__requester", "mediator"
        ),
        pk=pk,
    )
    form = AnswerForm(request.POST if request.method == "POST" else None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        if form.save():
            messages.success(request, _("Your answer is recorded."))
        else:
            messages.info(request, _("You had answered already: this is the answer recorded."))
        return redirect(invitation)
    context = {
        "invitation": invitation,
        "form": form,
        "releases": invitation.releases.all(),
    }
    return render(
        request, "appointments/invitation.html", context, status=400 if form.is_bound else 200
    )
