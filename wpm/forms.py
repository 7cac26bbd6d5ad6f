from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


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
