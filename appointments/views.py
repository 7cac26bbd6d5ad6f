"""The requester's own pages. No URL here reaches anyone else's request: outsiders get a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from mediators.models import Mediator

from .forms import AnswerForm, ApplyForm, RequestForms
from .models import Invitation, Request, Requester


def _own_requester(request):
    """The signed-in requester; someone who may still apply is sent to apply, anyone else 404."""
    requester = Requester.objects.filter(user=request.user).first()
    if requester is None:
        if Requester.may_apply(request.user):
            return None
        raise Http404
    return requester


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
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
        requester.save()
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
    forms = RequestForms(data, instance=Request(requester=requester))
    if request.method == "POST" and forms.is_valid():
        saved = forms.save()
        messages.success(request, _("Your request is saved as a draft."))
        return redirect(saved)
    status = 400 if forms.is_bound else 200
    return render(
        request,
        "appointments/form.html",
        # A bound form shows again only when something in it is wrong.
        {"form": forms.form, "formsets": forms.formsets, "invalid": forms.is_bound},
        status=status,
    )


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
                appointment_request.send()
                send_mail(
                    _("[WPM] A new request for mediators"),
                    render_to_string(
                        "appointments/email/sent.txt",
                        {"appointment_request": appointment_request},
                        request=request,
                    ),
                    None,
                    appointment_request.focal_point_addresses(),
                )
            messages.success(
                request, _("Your request is sent. The network's focal points have it.")
            )
    return redirect(appointment_request)


# A mediator's invitations, in her member area. Nobody else's answers 404.


@never_cache
@login_required
def invitation_list(request):
    get_object_or_404(Mediator, user=request.user)
    invitations = Invitation.objects.of_mediator(request.user).select_related("request__role")
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
        form.save()
        messages.success(request, _("Your answer is recorded."))
        return redirect(invitation)
    context = {
        "invitation": invitation,
        "form": form,
        "releases": invitation.releases.all(),
    }
    return render(
        request, "appointments/invitation.html", context, status=400 if form.is_bound else 200
    )
