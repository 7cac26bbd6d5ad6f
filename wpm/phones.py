"""Phone numbers: checked by the phone-number library and kept the one way the world dials
them (E.164, "+4930123456"), shown the way people read them ("+49 30 123456")."""

from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID = _("Please enter a phone number with its country code, for example +49 30 1234567.")


def normalise(value: str, region: str = "") -> str:
    """The number in E.164; a number written without its country code is read as one of the
    region's (an ISO country code), where one is known."""
    try:
        number = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def readable(stored: str) -> str:
    """A stored number in the international format people read and dial."""
    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberField(forms.CharField):
    """A phone number typed in any common way, cleaned to E.164. `region` reads a number typed
    without its country code."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def __init__(self, *args: Any, region: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.region = region

    def prepare_value(self, value: Any) -> Any:
        return readable(value) if value and value.startswith("+") else value

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return normalise(value, self.region) if value else value
