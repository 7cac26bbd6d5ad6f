from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mediators.choices import language_choices
from mediators.models import ContactMessage, Mediator
from processes.models import Process
from wpm.choices import blank_first
from wpm.forms import RowsFormSet
from wpm.geography import country_choices
from wpm.validators import validate_single_line
from wpm.widgets import Select

from .models import Invitation, Request, Requester, RequestExpertise, RequestLanguage, RequestRegion


class ApplyForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the network keeps my name, email address, organisation and role to "
            "verify me and to handle my requests."
        ),
        error_messages={"required": _("Please agree, or we cannot verify you.")},
    )

    class Meta:
        model = Requester
        fields = ["organisation", "position"]

    def clean_organisation(self) -> str:
        value = self.cleaned_data["organisation"]
        validate_single_line(value)
        return value

    def clean_position(self) -> str:
        value = self.cleaned_data["position"]
        validate_single_line(value)
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RequestForm(forms.ModelForm):
    class Meta:
        model = Request
        fields = [
            "title",
            "process",
            "process_description",
            "role",
            "track",
            "start_date",
            "duration",
            "mode",
            "proposals_due",
            "confidentiality",
            "language",
        ]
        widgets = {
            "start_date": DateInput(),
            "proposals_due": DateInput(),
            "process_description": forms.Textarea(attrs={"rows": 4}),
            "process": Select,
            "role": Select,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = Process.objects.public().order_by("name")

    def clean_title(self) -> str:
        value = self.cleaned_data["title"]
        validate_single_line(value)
        return value


class LanguageForm(forms.ModelForm):
    code = forms.ChoiceField(
        label=_("Language"), choices=blank_first(language_choices), widget=Select
    )

    class Meta:
        model = RequestLanguage
        fields = ["code", "level", "need"]


def _criteria(model, form=forms.ModelForm, fields=None):
    return inlineformset_factory(
        Request,
        model,
        form=form,
        formset=RowsFormSet,
        fields=fields,
        extra=2,
        max_num=20,
        validate_max=True,
        can_delete=True,
    )


class RegionForm(forms.ModelForm):
    country = forms.ChoiceField(
        label=_("Country"), choices=blank_first(country_choices), widget=Select
    )

    class Meta:
        model = RequestRegion
        fields = ["country", "need"]


LanguageFormSet = _criteria(RequestLanguage, LanguageForm)
ExpertiseFormSet = _criteria(RequestExpertise, fields=["area", "need"])
RegionFormSet = _criteria(RequestRegion, RegionForm)

CRITERIA = (
    ("languages", _("Languages"), LanguageFormSet),
    ("expertise", _("Expertise"), ExpertiseFormSet),
    ("regions", _("Regional experience"), RegionFormSet),
)


class RequestForms:
    """A request and its three kinds of criteria, validated and saved as one."""

    def __init__(self, data=None, *, instance: Request) -> None:
        self.instance = instance
        self.form = RequestForm(data, instance=instance)
        self.formsets = [
            (title, formset(data, instance=instance, prefix=prefix))
            for prefix, title, formset in CRITERIA
        ]

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for _title, formset in self.formsets)])

    def save(self) -> Request:
        """The request and its criteria; the language she writes it in becomes hers, for the
        mails that reach her about it."""
        with transaction.atomic():
            request = self.form.save()
            for _title, formset in self.formsets:
                formset.instance = request
                formset.save()
            Requester.objects.filter(pk=request.requester_id).update(language=get_language())
        return request


class ShortlistForm(forms.ModelForm):
    """A focal point puts an approved mediator on a request's shortlist, once."""

    mediator = forms.ModelChoiceField(
        queryset=Mediator.objects.listed(), widget=forms.HiddenInput, label=_("mediator")
    )

    class Meta:
        model = Invitation
        fields = ["mediator", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, request: Request, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.request = request

    def clean_mediator(self) -> Mediator:
        mediator = self.cleaned_data["mediator"]
        if Invitation.objects.filter(request=self.instance.request, mediator=mediator).exists():
            raise forms.ValidationError(_("She is on the shortlist already."))
        return mediator


class AnswerForm(forms.Form):
    """Her answer to an invitation: yes with the parts she releases, no, or her yes taken
    back. Nothing is answered once the deadline has passed."""

    ACTIONS = ("accept", "decline", "withdraw")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    parts = forms.MultipleChoiceField(
        label=_("What the requester may see of you"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["parts"].choices = Invitation.part_choices()  # type: ignore[attr-defined]
        self.fields["parts"].initial = invitation.parts_shown_to_members()

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        answered = self.invitation.current_status in (
            Invitation.Status.ACCEPTED,
            Invitation.Status.DECLINED,
            Invitation.Status.WITHDRAWN,
        )
        if action in ("accept", "decline") and not self.invitation.may_answer and not answered:
            raise forms.ValidationError(_("This invitation can no longer be answered."))
        # One she answered already (a second click, or the page before it sent again) goes on
        # to save(), which records nothing and says which answer stands.
        if action == "withdraw" and not self.invitation.may_withdraw:
            raise forms.ValidationError(_("There is no acceptance to withdraw."))
        if action == "accept" and "profile" not in cleaned.get("parts", []):
            self.add_error(
                "parts",
                _(
                    "A yes always releases “%(part)s”: the requester cannot weigh a mediator "
                    "she may not name. Tick it to accept, or decline."
                )
                % {"part": Invitation.PROFILE_PART},
            )
        return cleaned

    def save(self) -> bool:
        """Record her answer; False if another answer of hers was recorded in the meantime
        (a second click or tab), which then stands."""
        action = self.cleaned_data["action"]
        if action == "accept":
            return self.invitation.accept(self.cleaned_data["parts"])
        if action == "decline":
            return self.invitation.decline()
        return self.invitation.withdraw()


class OutcomeForm(forms.Form):
    """What came of a proposal: each proposed mediator appointed, not selected or withdrawn,
    and the request filled from the list, filled otherwise or cancelled. The requester records
    it on her proposal page, a focal point in the admin; both use this form."""

    OPEN = ""
    RECORDED_ALREADY = _(
        "An outcome was recorded for this request meanwhile: it stands, and yours was not saved."
    )

    outcome = forms.ChoiceField(
        label=_("The request"),
        required=False,
        choices=[(OPEN, _("Still open")), *Request.Outcome.choices],
    )

    def __init__(self, *args, appointment_request: Request, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.appointment_request = appointment_request
        self.candidates = list(candidates)
        self.fields["outcome"].initial = appointment_request.outcome
        choices = [("", _("Not yet known")), *Invitation.Outcome.choices]
        for invitation in self.candidates:
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=invitation.mediator.display_name,
                required=False,
                choices=choices,
                initial=invitation.outcome,
            )

    @staticmethod
    def field_name(invitation: Invitation) -> str:
        return f"candidate-{invitation.pk}"

    def candidate_fields(self):
        return [(invitation, self[self.field_name(invitation)]) for invitation in self.candidates]

    def clean(self):
        cleaned = super().clean()
        if self.appointment_request.status == Request.Status.CLOSED:
            raise forms.ValidationError(_("This request is closed; its outcome is recorded."))
        if not self.appointment_request.is_open:
            raise forms.ValidationError(_("This request was never sent: it has no outcome."))
        appointed = [
            invitation
            for invitation in self.candidates
            if cleaned.get(self.field_name(invitation)) == Invitation.Outcome.APPOINTED
        ]
        outcome = cleaned.get("outcome")
        if outcome == Request.Outcome.FILLED_FROM_LIST and not appointed:
            self.add_error(
                "outcome", _("Mark who was appointed, or choose how else the role was filled.")
            )
        if appointed and outcome in (Request.Outcome.FILLED_OTHERWISE, Request.Outcome.CANCELLED):
            self.add_error(
                "outcome",
                _("Someone from the proposal is marked appointed: it was filled from it."),
            )
        return cleaned

    def save(self) -> bool:
        """Record it; False, changing nothing, if the request closed since the form was
        checked (the requester and a focal point at once, or a second tab): the first outcome
        recorded stands."""
        with transaction.atomic():
            status = (
                Request.objects.select_for_update()
                .filter(pk=self.appointment_request.pk)
                .values_list("status", flat=True)
                .get()
            )
            if status not in Request.OPEN:
                return False
            for invitation in self.candidates:
                value = self.cleaned_data[self.field_name(invitation)]
                if value != invitation.outcome:
                    invitation.outcome = value
                    invitation.save(update_fields=["outcome"])
            if self.cleaned_data["outcome"]:
                # One who left the proposal while it was open (she withdrew, or staff took her
                # profile out) keeps no outcome of it: marked appointed before she left, she
                # would count an appointment the request did not make.
                self.appointment_request.invitations.exclude(
                    pk__in=[invitation.pk for invitation in self.candidates]
                ).exclude(outcome="").update(outcome="")
                self.appointment_request.close(self.cleaned_data["outcome"])
        return True


class RelayForm(forms.Form):
    """A requester writes to a mediator in her proposal; the message reaches her by email and
    her address stays hidden unless she released it."""

    message = forms.CharField(
        label=_("Message"),
        max_length=ContactMessage._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, mediator: Mediator, sender: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.mediator = mediator
        self.sender = sender

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if ContactMessage.objects.repeating(self.mediator, self.sender, message).exists():
            raise forms.ValidationError(_("You have sent her this message already."))
        return message
