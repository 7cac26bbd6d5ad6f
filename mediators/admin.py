from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.core.mail import EmailMessage, mailers, send_mail
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from wpm.admin import ChosenRowsAdmin, LookupAdminMixin, RowsInline
from wpm.adminlog import Note
from wpm.choices import Track
from wpm.forms import ComposedText
from wpm.lists import RegionListFilter
from wpm.models import PageVersion
from wpm.phones import PhoneNumberField

from .changes import LABELS
from .choices import language_choices, language_name
from .models import (
    ContactMessage,
    ExpertiseArea,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_en", "name_de")
    prepopulated_fields = {"slug": ("name_en",)}
    # A renamed area refreshes its profiles' search data by itself (the model's post_save
    # receiver), whoever renames it: refreshing here as well did it twice.


class LanguageInline(RowsInline):
    model = MediatorLanguage
    extra = 0


class TrainingInline(RowsInline):
    model = Training
    extra = 0


class RegionalExperienceInline(RowsInline):
    model = RegionalExperience
    extra = 0
    readonly_fields = ("subregion", "region")


class TrackInline(RowsInline):
    model = MediatorTrack
    extra = 0


class BackgroundInline(RowsInline):
    model = MediatorBackground
    extra = 0


class NeedsVerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Needs re-verification")),
            ("changed", _("Changed since last verification")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.needing_verification()
        if self.value() == "changed":
            return queryset.changed_since_verification().order_by("changed_at")
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        used = set(MediatorLanguage.objects.values_list("code", flat=True).distinct())
        return sorted(((code, language_name(code)) for code in used), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value() in dict(language_choices()):
            return queryset.filter(languages__code=self.value())
        return queryset


class RegionFilter(RegionListFilter):
    places = RegionalExperience
    placed = "mediator"


class TrackFilter(admin.SimpleListFilter):
    title = _("track")
    parameter_name = "track"

    def lookups(self, request, model_admin):
        return Track.choices

    def queryset(self, request, queryset):
        if self.value() in Track.values:
            return queryset.filter(tracks__track=self.value())
        return queryset


class MediatorAdminForm(ComposedText, forms.ModelForm):
    """Staff enter a phone number through the members' check, and a language from the list.

    A profile is hers: a form opened before she last saved her profile is refused, so that
    staff never save back what she has since changed, her privacy above all (a pseudonym, a
    part hidden from the public), which the older form would put back."""

    text_language = forms.ChoiceField(label=_("language of the texts"), choices=language_choices)
    # When the form was opened, as her profile's last save: written in by the change form's
    # template (admin/mediators/mediator/change_form.html), outside the fieldsets, which would
    # label it.
    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Mediator
        fields = ["phone", "text_language"]  # with the rest of the admin's fieldsets
        field_classes = {"phone": PhoneNumberField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["opened"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Locked until the save: the admin saves in the same transaction.
            saved = (
                Mediator.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if saved is not None and cleaned.get("opened") != saved.isoformat():
                raise forms.ValidationError(
                    _(
                        "This profile was changed after you opened this page, perhaps by "
                        "her. Open it again to see it as it is now, then make your change."
                    ),
                    code="stale",
                )
        return cleaned


# Staff's notes on a profile's history (wpm.adminlog): her review, and the changes she made since
# staff last verified the profile, verified or put back part by part.
REVIEWED = Note("Review: {}", _("Review: %(value)s"), Mediator.Status)
VERIFIED = Note("Verified", _("Verified"))
CHANGES_VERIFIED = Note("Verified the changes", _("Verified the changes"))
PUT_BACK = Note(
    "Put back: {}",
    _("Put back: %(value)s"),
    {
        **{
            field.name: field.verbose_name
            for field in Mediator._meta.get_fields()
            if hasattr(field, "verbose_name")
        },
        **LABELS,
    },
)


class PutBackForm(forms.Form):
    """Staff choose which changed parts of a profile go back to what they verified."""

    parts = forms.MultipleChoiceField(
        label=_("Parts to put back"), widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message to the member"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by email with the list of parts put back."),
    )

    def __init__(self, *args, changes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = [(change.part, change.label) for change in changes]


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the member"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Sent by email and shown in her member area."),
    )


# Why a review leaves out some of the profiles chosen.
NOT_SUBMITTED = ngettext_lazy(
    "%(count)d profile left out: its member has not submitted it yet.",
    "%(count)d profiles left out: their members have not submitted them yet.",
    "count",
)
UNCHANGED = ngettext_lazy(
    "%(count)d profile left out: it has this status already.",
    "%(count)d profiles left out: they have this status already.",
    "count",
)

REVIEW_SUBJECTS = {
    Mediator.Status.APPROVED: _("[WPM] Your profile is approved"),
    Mediator.Status.CHANGES_REQUESTED: _("[WPM] Please update your profile"),
    Mediator.Status.DECLINED: _("[WPM] About your profile"),
}


@admin.register(Mediator)
class MediatorAdmin(ChosenRowsAdmin, LookupAdminMixin, admin.ModelAdmin):
    # Curators look her up by name to record an engagement, editors to link an author to her
    # profile.
    looked_up_for = {
        ("processes", "engagement"): "processes.change_engagement",
        ("wpm", "articleauthor"): "wpm.change_articleauthor",
    }
    # By her name only: her address or a protected profile's pseudonym would tell them who
    # is behind it.
    looked_up_by = ("display_name",)
    list_display = (
        "display_name",
        "email",
        "status",
        "visibility",
        "submitted_at",
        "verified_on",
        "changed",
    )
    list_filter = (
        "status",
        NeedsVerificationFilter,
        "visibility",
        "expertise",
        LanguageFilter,
        RegionFilter,
        TrackFilter,
    )
    list_select_related = ("user",)
    search_fields = ("display_name", "pseudonym", "user__email", "headline")
    form = MediatorAdminForm
    autocomplete_fields = ("user",)
    # A dozen areas: boxes to tick, each with its label, rather than a box to search.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = (
        "slug",
        "pseudonym",
        "submitted_at",
        "reviewed_at",
        "changed",
        "created_at",
        "updated_at",
        "mail_language",
    )
    inlines = (
        LanguageInline,
        TrackInline,
        BackgroundInline,
        RegionalExperienceInline,
        TrainingInline,
    )
    actions = ("approve", "request_changes", "decline", "mark_verified")
    fieldsets = (
        (None, {"fields": ("user", "display_name", "slug", "pseudonym", "pronouns", "headline")}),
        (
            _("Profile"),
            {
                "fields": (
                    "bio",
                    "text_language",
                    "mail_language",
                    "years_experience",
                    "country",
                    "nationalities",
                    "expertise",
                )
            },
        ),
        (
            _("Availability"),
            {
                "fields": (
                    "availability",
                    "deploys_within_72h",
                    "remote_only",
                    "availability_note",
                    "phone",
                    "accepts_contact",
                )
            },
        ),
        (
            _("Privacy"),
            {"fields": ("visibility", *Mediator.AUDIENCE_FIELDS)},
        ),
        (
            _("Review"),
            {
                "fields": (
                    "status",
                    "staff_feedback",
                    "submitted_at",
                    "reviewed_at",
                    "verified_on",
                    "changed",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, mediator):
        return mediator.user.email

    @admin.display(description=_("changed since verification"), ordering="changed_at")
    def changed(self, mediator):
        if mediator.changed_at is None or not mediator.is_listed:
            return ""
        url = reverse("admin:mediators_mediator_changes", args=[mediator.pk])
        return format_html('<a href="{}">{}</a>', url, _("See the changes"))

    def get_readonly_fields(self, request, obj=None):
        # Once made, a profile stays with its member: staff never move it to another account.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "user") if obj is not None else fields

    def get_urls(self):
        return [
            path(
                "<path:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name="mediators_mediator_changes",
            ),
            *super().get_urls(),
        ]

    def changes_view(self, request, object_id):
        """What she changed since staff last verified her profile, beside what they verified:
        staff accept it all as verified, or put chosen parts back and tell her why."""
        if not self.has_change_permission(request):
            raise Http404
        mediator = self.get_object(request, unquote(object_id))
        if mediator is None or not mediator.is_listed:
            raise Http404
        changes = mediator.changes_since_verification()
        form = PutBackForm(request.POST if "put_back" in request.POST else None, changes=changes)
        if request.method == "POST" and "accept" in request.POST:
            mediator.mark_verified()
            PageVersion.bump()
            self.log_change(request, mediator, CHANGES_VERIFIED())
            self.message_user(request, _("The profile is marked as verified today."))
            return redirect("admin:mediators_mediator_changes", mediator.pk)
        if form.is_bound and form.is_valid():
            labels = dict(form.fields["parts"].choices)
            done = mediator.put_back(form.cleaned_data["parts"])
            self.log_change(request, mediator, PUT_BACK(done))
            with translation.override(mediator.mail_language):
                send_mail(
                    str(_("[WPM] Staff put back parts of your profile")),
                    render_to_string(
                        "mediators/email/put_back.txt",
                        {
                            "mediator": mediator,
                            "parts": [str(labels[part]) for part in done],
                            "message": form.cleaned_data["message"],
                            "site": settings.SITE_URL,
                        },
                    ),
                    None,
                    [mediator.user.email],
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d part put back; the member is told by email.",
                    "%(count)d parts put back; the member is told by email.",
                    len(done),
                )
                % {"count": len(done)},
            )
            return redirect("admin:mediators_mediator_changes", mediator.pk)
        return TemplateResponse(
            request,
            "admin/mediators/changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Changes since last verification: %(name)s")
                % {"name": mediator.display_name},
                "mediator": mediator,
                "changes": changes,
                "form": form,
                "opts": self.model._meta,
                "original": mediator,
            },
            status=400 if form.is_bound else 200,
        )

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            # A decision taken here is a review as the actions' are: the roster's feed and the
            # digests tell of her joining by it.
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            obj.decided(was_listed=form.initial["status"] == Mediator.Status.APPROVED)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search()
        if "status" in form.changed_data and form.instance.status == Mediator.Status.APPROVED:
            # Approving verifies her profile as it reads, its sections saved just now included.
            form.instance.mark_verified()

    def _leaves_out(self, request, queryset, kept, reason):
        """Whether a decision has profiles left to decide once those it leaves out are. Staff
        are told how many it leaves out, and why, on the page that asks for their message
        (which then carries the others only), or when the decision is applied at once."""
        kept_count = kept.count()
        left_out = queryset.count() - kept_count
        if left_out:
            self.message_user(request, reason % {"count": left_out}, messages.WARNING)
        return kept_count > 0

    def _review(self, request, queryset, status, action):
        """Ask staff for a message, then apply the decision and email each member.

        Profiles the decision would not change are left out, as the requesters' decisions
        leave them: she was told already, staff's message to her stays the one she was sent,
        and approving again would take the edits she made since as verified unseen."""
        changing = queryset.exclude(status=status)
        if not self._leaves_out(request, queryset, changing, UNCHANGED):
            return None
        queryset = changing
        form = ReviewForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            # The changelist's filters may no longer match once the status changes.
            chosen = list(queryset.select_related("user"))
            message = form.cleaned_data["message"]
            # A select-across of hundreds: each profile's own rows are read once for all of
            # them, and their mails queued together, within one transaction.
            with transaction.atomic(), PageVersion.once():
                Mediator.review_all(chosen, status, message)
                Mediator.refresh_search_of(chosen)
                LogEntry.objects.log_actions(request.user.pk, chosen, CHANGE, REVIEWED(status))
                mailers.default.send_messages(
                    [self._review_mail(mediator, status, message) for mediator in chosen]
                )
            count = len(chosen)
            self.message_user(
                request,
                ngettext("%(count)d profile updated.", "%(count)d profiles updated.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/mediators/review.html",
            {
                **self.admin_site.each_context(request),
                "title": dict(Mediator.Status.choices)[status],
                "mediators": queryset,
                "form": form,
                "action": action,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _review_mail(self, mediator, status, message):
        """The mail that tells her of staff's decision, in her language."""
        with translation.override(mediator.mail_language):
            return EmailMessage(
                str(REVIEW_SUBJECTS[status]),
                render_to_string(
                    "mediators/email/review.txt",
                    {"mediator": mediator, "message": message, "site": settings.SITE_URL},
                ),
                to=[mediator.user.email],
            )

    @admin.action(description=_("Approve and list the selected profiles"), permissions=["change"])
    def approve(self, request, queryset):
        """Lists those submitted, or listed before: a draft she is still writing, its privacy
        not yet chosen, is left out, as her own submission checks it first."""
        submitted = queryset.exclude(status=Mediator.Status.DRAFT)
        if not self._leaves_out(request, queryset, submitted, NOT_SUBMITTED):
            return None
        return self._review(request, submitted, Mediator.Status.APPROVED, "approve")

    @admin.action(description=_("Request changes to the selected profiles"), permissions=["change"])
    def request_changes(self, request, queryset):
        return self._review(request, queryset, Mediator.Status.CHANGES_REQUESTED, "request_changes")

    @admin.action(description=_("Decline the selected profiles"), permissions=["change"])
    def decline(self, request, queryset):
        return self._review(request, queryset, Mediator.Status.DECLINED, "decline")

    @admin.action(
        description=_("Mark the selected profiles as verified today"), permissions=["change"]
    )
    def mark_verified(self, request, queryset):
        chosen = list(queryset)
        with transaction.atomic(), PageVersion.once():
            Mediator.mark_all_verified(chosen)
            LogEntry.objects.log_actions(request.user.pk, chosen, CHANGE, VERIFIED())
        count = len(chosen)
        self.message_user(
            request,
            ngettext("%(count)d profile verified.", "%(count)d profiles verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ContactMessage)
class ContactMessageAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("mediator", "name", "organisation", "purpose", "created_at")
    list_filter = ("purpose",)
    list_select_related = ("mediator",)
    search_fields = ("name", "email", "organisation", "mediator__display_name")
    readonly_fields = (
        "mediator",
        "name",
        "email",
        "organisation",
        "purpose",
        "message",
        "created_at",
    )

    def has_add_permission(self, request):
        return False
