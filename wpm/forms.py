from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .images import reencoded


def _consent_label():
    return format_html(
        _('I have read the <a href="{}">privacy policy</a> and agree to it.'),
        reverse_lazy("privacy"),
    )


class SignupForm(AllauthSignupForm):
    """Signing up records the person's consent to the privacy policy, with its time."""

    privacy_consent = forms.BooleanField(label=lazy(_consent_label, str)(), required=True)

    def save(self, request):
        user = super().save(request)
        user.privacy_consent_at = timezone.now()
        user.save(update_fields=["privacy_consent_at"])
        return user


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you, enter your password."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class PublishedImageForm(forms.ModelForm):
    """Admin form for content with an image: each upload is re-encoded at a bounded size."""

    image_fields: dict[str, int] = {}  # field name: the longest side, in pixels

    def clean(self):
        cleaned_data = super().clean()
        for name, edge in self.image_fields.items():
            upload = cleaned_data.get(name)
            if isinstance(upload, UploadedFile):
                try:
                    cleaned_data[name] = reencoded(upload, edge)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned_data


class VoiceAdminForm(PublishedImageForm):
    image_fields = {"photo": 240}  # shown at 56 px, sharp on screens of up to four times


class ArticleAdminForm(PublishedImageForm):
    image_fields = {"image": 1600}
