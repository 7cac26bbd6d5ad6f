from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.core.paginator import InvalidPage
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wpm.admin import ChosenRowsAdmin, DatesAdmin, HistoryAdmin, RowsInline
from wpm.adminlog import Note
from wpm.pagination import CountedPaginator

from .forms import OutcomeForm, ShortlistForm
from .matching import checklist
from .models import (
    Access,
    Invitation,
    Request,
    Requester,
    RequestExpertise,
    RequestLanguage,
    RequestRegion,
    Role,
    earliest_today,
)

# Staff's notes (wpm.adminlog): a decision on a requester, and a request's shortlist, proposal and
# outcome.
DECIDED = Note("Decision: {}", _("Decision: %(value)s"), Requester.Status)
SHORTLISTED = Note("Shortlisted #{}", _("Shortlisted #%(value)s"))
PROPOSED = Note("Proposed {}", _("Proposed: %(value)s"))
OUTCOME_RECORDED = Note("Outcome recorded", _("Outcome recorded"))


@admin.register(Role)
class RoleAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_en", "name_de")
    prepopulated_fields = {"slug": ("name_en",)}


class DecisionFilter(admin.SimpleListFilter):
    """The queue first: the list opens on the applications waiting for a decision. A search
    looks through every requester: a focal point types in the address of one who wrote in,
    whatever became of her application."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def __init__(self, request, params, model, model_admin):
        self.searching = bool(request.GET.get(SEARCH_VAR))
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [*Requester.Status.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or (self.ALL if self.searching else Requester.Status.APPLIED)

    def queryset(self, request, queryset):
        if self.value() in Requester.Status.values:
            return queryset.filter(status=self.value())
        return queryset

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


DECISION_SUBJECTS = {
    Requester.Status.VERIFIED: _("[WPM] You can now send requests"),
    Requester.Status.DECLINED: _("[WPM] About your application as a requester"),
}


@admin.register(Requester)
class RequesterAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = (
        "email",
        "organisation",
        "position",
        "language",
        "status",
        "applied_at",
        "decided_at",
    )
    list_filter = (DecisionFilter,)
    list_select_related = ("user",)
    search_fields = ("user__email", "user__name", "organisation")
    readonly_fields = ("user", "status", "applied_at", "decided_at", "decided_by")
    fields = (
        "user",
        "organisation",
        "position",
        "language",
        "status",
        "applied_at",
        "decided_at",
        "decided_by",
    )
    actions = ("approve", "decline")

    def has_add_permission(self, request):
        return False  # she applies herself, on the site

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, requester):
        return requester.user.email

    def _decide(self, request, queryset, status):
        """Record the decision and tell each requester by email, together or not at all.
        Requesters the decision does not change hear nothing again."""
        chosen = list(queryset.exclude(status=status).select_related("user"))
        with transaction.atomic():
            for requester in chosen:
                was_verified = requester.is_verified
                cancelled = requester.decide(status, request.user)
                self.log_change(request, requester, DECIDED(status))
                with translation.override(requester.language):
                    send_mail(
                        str(DECISION_SUBJECTS[status]),
                        render_to_string(
                            f"appointments/email/{status}.txt",
                            {
                                "requester": requester,
                                "was_verified": was_verified,
                                "cancelled": cancelled,
                                "site": settings.SITE_URL,
                            },
                        ),
                        None,
                        [requester.user.email],
                    )
        count = len(chosen)
        self.message_user(
            request,
            ngettext("%(count)d requester updated.", "%(count)d requesters updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Verify the selected requesters"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, Requester.Status.VERIFIED)

    @admin.action(description=_("Decline the selected requesters"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, Requester.Status.DECLINED)


class LanguageInline(RowsInline):
    model = RequestLanguage


class ExpertiseInline(RowsInline):
    model = RequestExpertise
    related = ("area",)


class RegionInline(RowsInline):
    model = RequestRegion
    readonly_fields = ("subregion", "region")


@admin.register(Request)
class RequestAdmin(HistoryAdmin):
    list_display = (
        "title",
        "organisation",
        "role",
        "status",
        "outcome",
        "confidentiality",
        "proposals_due",
        "sent_at",
    )
    list_filter = ("status", "confidentiality", "role")
    list_select_related = ("requester", "role")
    # A requester writes in about her request: she is found by her address or her name too.
    search_fields = (
        "title",
        "requester__organisation",
        "requester__user__email",
        "requester__user__name",
    )
    # What the requester wrote is hers: focal points read it and handle the request.
    readonly_fields = (
        "requester",
        "process",
        "status",
        "outcome",
        "created_at",
        "sent_at",
        "proposed_at",
        "closed_at",
        "purged_at",
        "candidates",
    )
    inlines = (LanguageInline, ExpertiseInline, RegionInline)
    view_on_site = False  # its page on the site answers its requester alone
    revertible = False  # its status, outcome and dates move only through its steps

    def get_queryset(self, request):
        return super().get_queryset(request).for_focal_point(request.user)

    # The history pages read the request without get_queryset: a restricted request's history
    # would show its title to every focal point.
    def _hidden(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return None

    def history_view(self, request, object_id, extra_context=None):
        hidden = self._hidden(request, object_id)
        return hidden or super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        hidden = self._hidden(request, object_id)
        return hidden or super().history_form_view(request, object_id, version_id, extra_context)

    def has_add_permission(self, request):
        return False  # requesters file requests on the site

    @admin.display(description=_("organisation"), ordering="requester__organisation")
    def organisation(self, obj):
        return obj.requester.organisation if obj.requester else ""

    @admin.display(description=_("candidates"))
    def candidates(self, obj):
        if obj.pk is None:
            return ""
        url = reverse("admin:appointments_request_candidates", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Candidates from the roster"))

    def get_urls(self):
        candidates = self.admin_site.admin_view(self.candidates_view)
        return [
            path(
                "<path:object_id>/candidates/",
                candidates,
                name="appointments_request_candidates",
            ),
            path(
                "<path:object_id>/shortlist/",
                self.admin_site.admin_view(self.shortlist_view),
                name="appointments_request_shortlist",
            ),
            path(
                "<path:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="appointments_request_propose",
            ),
            path(
                "<path:object_id>/outcome/",
                self.admin_site.admin_view(self.outcome_view),
                name="appointments_request_outcome",
            ),
            *super().get_urls(),
        ]

    CANDIDATES_PER_PAGE = 25

    def candidates_view(self, request, object_id):
        """Focal points see every approved mediator ranked by the request's criteria; anyone
        else, and a focal point without the right to a restricted request, gets a 404."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self.has_view_or_change_permission(request):
            raise Http404
        appointment_request = self.get_object(request, unquote(object_id))
        if appointment_request is None:
            raise Http404
        criteria = appointment_request.criteria()
        paginator = CountedPaginator(
            appointment_request.candidates(criteria), self.CANDIDATES_PER_PAGE
        )
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404 from error
        rows = [(candidate, checklist(candidate, criteria)) for candidate in page]
        shortlist = list(appointment_request.shortlist())
        proposal = [row for row in shortlist if row.in_proposal]
        open_to_change = (
            self.has_change_permission(request, appointment_request) and appointment_request.is_open
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": appointment_request,
            "title": _("Candidates for “%(title)s”") % {"title": appointment_request.title},
            "criteria": criteria,
            "page": page,
            "rows": rows,
            "shortlist": shortlist,
            "shortlist_short": appointment_request.shortlist_short(shortlist),
            "enough": Invitation.ENOUGH,
            # Shortlisting ends when the proposals are due: nobody could answer any more.
            "may_shortlist": open_to_change
            and appointment_request.proposals_due >= earliest_today(),
            "proposal": proposal,
            "may_propose": open_to_change and any(row.may_be_proposed for row in shortlist),
            "outcome_form": OutcomeForm(
                appointment_request=appointment_request, candidates=proposal
            ),
        }
        return TemplateResponse(request, "admin/appointments/candidates.html", context)

    def _changeable(self, request, object_id):
        """The request for a POST from a focal point who may change it; a 404 for anyone else."""
        appointment_request = self.get_object(request, unquote(object_id))
        if appointment_request is None or not self.has_change_permission(
            request, appointment_request
        ):
            raise Http404
        return appointment_request

    def propose_view(self, request, object_id):
        """Send the requester the mediators who accepted: she is told by email."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        appointment_request = self._changeable(request, object_id)
        if not appointment_request.is_open:
            self.message_user(
                request, _("Only a sent, open request can be proposed to."), messages.ERROR
            )
            return redirect("admin:appointments_request_candidates", appointment_request.pk)
        added = appointment_request.propose()
        if added:
            self.log_change(request, appointment_request, PROPOSED(added))
            self.message_user(
                request,
                ngettext(
                    "%(count)d mediator proposed to the requester.",
                    "%(count)d mediators proposed to the requester.",
                    added,
                )
                % {"count": added},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("Nobody new has accepted: there is nothing to propose."), messages.ERROR
            )
        return redirect("admin:appointments_request_candidates", appointment_request.pk)

    def outcome_view(self, request, object_id):
        """A focal point records what came of the proposal, as the requester may on her page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        appointment_request = self._changeable(request, object_id)
        form = OutcomeForm(
            request.POST,
            appointment_request=appointment_request,
            candidates=appointment_request.proposal(),
        )
        if form.is_valid():
            if form.save():
                self.log_change(request, appointment_request, OUTCOME_RECORDED())
                self.message_user(request, _("The outcome is recorded."), messages.SUCCESS)
            else:
                self.message_user(request, OutcomeForm.RECORDED_ALREADY, messages.ERROR)
        else:
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
        return redirect("admin:appointments_request_candidates", appointment_request.pk)

    def shortlist_view(self, request, object_id):
        """A focal point who may change the request puts a candidate on its shortlist, and
        she is invited by email; a POST with its CSRF token, and a 404 for anyone else."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        appointment_request = self._changeable(request, object_id)
        if not appointment_request.is_open:
            self.message_user(
                request, _("Only a sent, open request has a shortlist."), messages.ERROR
            )
            return redirect("admin:appointments_request_candidates", appointment_request.pk)
        if appointment_request.proposals_due < earliest_today():
            # She could no longer answer: the invitation would lapse the day it is sent.
            self.message_user(
                request,
                _("The proposals were due on %(date)s: nobody can be invited any more.")
                % {"date": date_format(appointment_request.proposals_due)},
                messages.ERROR,
            )
            return redirect("admin:appointments_request_candidates", appointment_request.pk)
        form = ShortlistForm(request.POST, request=appointment_request)
        if form.is_valid():
            try:
                invitation = appointment_request.invite(
                    form.cleaned_data["mediator"], form.cleaned_data["note"], request.user
                )
            except IntegrityError:
                # Another focal point put her on the shortlist since the form was checked.
                self.message_user(request, _("She is on the shortlist already."), messages.ERROR)
                return redirect("admin:appointments_request_candidates", appointment_request.pk)
            if invitation is None:
                # Its requester closed it since the page was read.
                self.message_user(
                    request, _("Only a sent, open request has a shortlist."), messages.ERROR
                )
                return redirect("admin:appointments_request_candidates", appointment_request.pk)
            self.log_change(request, appointment_request, SHORTLISTED(invitation.pk))
            self.message_user(
                request,
                _("%(name)s is on the shortlist and has been invited.")
                % {"name": invitation.mediator.display_name},
                messages.SUCCESS,
            )
        else:
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
        return redirect("admin:appointments_request_candidates", appointment_request.pk)


@admin.register(Access)
class AccessAdmin(ChosenRowsAdmin, DatesAdmin, admin.ModelAdmin):
    """Who looked at a proposal, downloaded its dossier or wrote to a mediator: read-only, and a
    restricted request's only for those who may see it."""

    list_display = ("at", "kind", "request", "user", "invitation")
    list_filter = ("kind",)
    list_select_related = ("request", "user", "invitation__mediator", "invitation__request")
    search_fields = ("request__title", "user__email")
    date_hierarchy = "at"

    def get_queryset(self, request):
        visible = Request.objects.for_focal_point(request.user)
        return super().get_queryset(request).filter(request__in=visible)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
