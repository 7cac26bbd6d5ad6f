from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from wpm.choices import Track, blank_first
from wpm.forms import ComposedText, RowsFormSet, SingleLineFields
from wpm.geography import country_choices
from wpm.phones import PhoneNumberField
from wpm.widgets import Select, SelectMultiple

from . import photos, portable
from .choices import Background, language_choices
from .models import (
    ContactMessage,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
    replace_related,
)


class ProfileForm(ComposedText, forms.ModelForm):
    class Meta:
        model = Mediator
        fields = [
            "display_name",
            "pronouns",
            "headline",
            "bio",
            "text_language",
            "years_experience",
            "country",
            "nationalities",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 8}),
            "country": Select,
            "nationalities": SelectMultiple,
        }

    text_language = forms.ChoiceField(
        label=_("Language of your texts"),
        choices=language_choices,
        required=False,  # a form sent without it keeps the language she chose before
        help_text=_("The language of your headline, biography and notes."),
        widget=Select,
    )

    def clean_text_language(self):
        return self.cleaned_data["text_language"] or self.instance.text_language or "en"

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter the name to show."))
        return name


class StartProfileForm(ProfileForm):
    text_language = None  # type: ignore[assignment]  # she chooses it with the rest of "About you"

    class Meta(ProfileForm.Meta):
        fields = ["display_name", "headline"]


class ExpertiseForm(forms.ModelForm):
    tracks = forms.MultipleChoiceField(
        label=_("Track experience"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    backgrounds = forms.MultipleChoiceField(
        label=_("Professional backgrounds"),
        choices=Background.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mediator
        fields = ["expertise"]
        widgets = {"expertise": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["tracks"] = [row.track for row in self.instance.tracks.all()]
        self.initial["backgrounds"] = [row.background for row in self.instance.backgrounds.all()]

    @transaction.atomic
    def save(self, commit=True):
        mediator = super().save()
        replace_related(mediator, MediatorTrack, "track", self.cleaned_data["tracks"])
        replace_related(
            mediator, MediatorBackground, "background", self.cleaned_data["backgrounds"]
        )
        return mediator


class RegionsForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries you have worked on"),
        choices=country_choices,
        required=False,
        help_text=_("Regions and sub-regions follow from the countries."),
        widget=SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.initial["countries"] = [row.country.code for row in instance.regional_experience.all()]

    def clean_countries(self):
        chosen = self.cleaned_data["countries"]
        if len(chosen) > 60:
            raise forms.ValidationError(_("Please choose at most 60 countries."))
        return chosen

    @transaction.atomic
    def save(self):
        wanted = set(self.cleaned_data["countries"])
        existing = {row.country.code: row for row in self.instance.regional_experience.all()}
        for code, row in existing.items():
            if code not in wanted:
                row.delete()
        for code in wanted - existing.keys():
            RegionalExperience(mediator=self.instance, country=code).save()
        return self.instance


class AvailabilityForm(ComposedText, SingleLineFields, forms.ModelForm):
    class Meta:
        model = Mediator
        fields = [
            "availability",
            "deploys_within_72h",
            "remote_only",
            "availability_note",
            "phone",
            "accepts_contact",
        ]
        field_classes = {"phone": PhoneNumberField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A number typed without its country code is read as one of the country she lives in.
        self.fields["phone"].region = self.instance.country.code or ""


class PrivacyForm(forms.ModelForm):
    class Meta:
        model = Mediator
        fields = ["visibility", *Mediator.AUDIENCE_FIELDS]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {
            # A pseudonym cannot take back what was public: she should know before relying on it.
            "visibility": _(
                "A pseudonym hides your name from the public from now on, not before: what the "
                "public saw of you may have been kept by others. Under the pseudonym, your "
                "expertise, and your regions if you show them to the public, stay visible."
            )
        }


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. We remove all metadata, including location."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        return photos.open_photo(self.cleaned_data["photo"])


class LanguageForm(forms.ModelForm):
    code = forms.ChoiceField(
        label=_("Language"), choices=blank_first(language_choices), widget=Select
    )

    class Meta:
        model = MediatorLanguage
        fields = ["code", "level"]


LanguageFormSet = inlineformset_factory(
    Mediator,
    MediatorLanguage,
    form=LanguageForm,
    formset=RowsFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class TrainingForm(ComposedText, forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "provider", "year", "kind", "hours"]


TrainingFormSet = inlineformset_factory(
    Mediator,
    Training,
    form=TrainingForm,
    extra=1,
    max_num=50,
    validate_max=True,
    can_delete=True,
)


class ContactForm(SingleLineFields, forms.ModelForm):
    # Left empty by people; filled in by bots that fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "purpose", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, mediator: Mediator, **kwargs):
        super().__init__(*args, **kwargs)
        self.mediator = mediator

    def clean(self):
        cleaned = super().clean()
        email, message = cleaned.get("email"), cleaned.get("message")
        repeated = ContactMessage.objects.repeating
        if email and message and repeated(self.mediator, email, message).exists():
            self.add_error("message", _("You have sent her this message already."))
        return cleaned

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


# The member's own area edits the profile one section at a time.
SECTIONS = {
    "profile": (_("About you"), ProfileForm),
    "expertise": (_("Expertise and tracks"), ExpertiseForm),
    "languages": (_("Languages"), LanguageFormSet),
    "trainings": (_("Training"), TrainingFormSet),
    "regions": (_("Regional experience"), RegionsForm),
    "availability": (_("Availability and contact"), AvailabilityForm),
    "privacy": (_("Privacy"), PrivacyForm),
}


class ProfileFileForm(forms.Form):
    """A profile file from another network, in the format of mediators.portable."""

    file = forms.FileField(
        label=_("Profile file (JSON)"),
        help_text=_(
            "A profile in the mediator-profile format, at most 256 KB. Nothing is saved before "
            "you have seen every part."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_file(self):
        try:
            return portable.read(self.cleaned_data["file"])
        except portable.FileRefused as refused:
            raise forms.ValidationError(refused.problems) from None


class TakePartsForm(forms.Form):
    """The parts of a file she takes into her draft; every part starts ticked."""

    parts = forms.MultipleChoiceField(
        label=_("Parts to take"), widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, parts, starting, **kwargs):
        super().__init__(*args, **kwargs)
        self.starting = starting
        self.fields["parts"].choices = [(part, PART_NAMES[part]) for part in parts]
        self.fields["parts"].initial = parts

    def clean_parts(self):
        parts = self.cleaned_data["parts"]
        if self.starting and "about" not in parts:
            raise forms.ValidationError(_("A new profile needs a name: please keep “About you”."))
        return parts


PART_NAMES = {
    "about": _("About you"),
    "expertise": _("Expertise and tracks"),
    "languages": _("Languages"),
    "trainings": _("Training"),
    "regions": _("Regional experience"),
    "nationalities": _("Nationalities"),
    "country": _("Country where you are based"),
    "availability": _("Availability"),
    "phone": _("Phone number"),
    "bio": _("Biography"),
}
