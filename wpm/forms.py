import datetime
import unicodedata
import zoneinfo
from collections.abc import Iterable
from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .formats import zone_name
from .images import reencoded
from .lists import NOT_FILTERS, searched, watched_list
from .models import SavedSearch
from .validators import validate_single_line


class FormRenderer(TemplatesSetting):
    """Django's form renderer, whose labels say which fields are required before anyone
    submits (templates/includes/form_label.html), in every form of the site and the admin, and
    whose long multiple choices become pickers (templates/includes/form_field.html)."""

    OURS = {
        "django/forms/label.html": "includes/form_label.html",
        "django/forms/field.html": "includes/form_field.html",
    }

    def get_template(self, template_name: str) -> Any:
        return super().get_template(self.OURS.get(template_name, template_name))


def error_summary(
    form: forms.BaseForm | forms.BaseFormSet | None,
    formsets: Iterable[tuple[str, forms.BaseFormSet]] = (),
) -> list[dict[str, str]]:
    """Each error of a page's form, and of the formsets beside it given as (title, formset),
    as the summary at the top of the page lists them: its message, the field's label and the id
    its link leads to. The form may itself be a formset (her languages): a row's errors name
    the row, and the formset's own (a language given twice) name no field."""
    entries: list[dict[str, str]] = []
    for title, part in [(None, form), *formsets]:
        if isinstance(part, forms.BaseFormSet):
            entries += [{"message": str(message)} for message in part.non_form_errors()]
            for number, row in enumerate(part.forms, start=1):
                # A row she removes is not saved, so its errors do not count.
                if row.errors and not row.cleaned_data.get(DELETION_FIELD_NAME):
                    where = _("row %(number)d") % {"number": number}
                    entries += _errors_of(row, f"{title}, {where}" if title else where)
        elif part is not None:
            entries += _errors_of(part)
    return entries


def _errors_of(form: forms.BaseForm, row: str = "") -> list[dict[str, str]]:
    """A form's errors; those of a row as a whole (given twice) lead to its first field."""
    if not form.errors:  # every page with a form asks, the lists on every request
        return []
    first = form.visible_fields()[:1]
    whole = {"label": row, "anchor": _anchor(first[0])} if row and first else {}
    entries = [{"message": str(message), **whole} for message in form.non_field_errors()]
    for field in form:
        label = f"{field.label} ({row})" if row else str(field.label)
        entries += [
            {"message": str(message), "label": label, "anchor": _anchor(field)}
            for message in field.errors
        ]
    return entries


def _anchor(field: forms.BoundField) -> str:
    # A group of boxes has no one box a label names: the link leads to the group's wrapper.
    return "" if field.is_hidden else field.id_for_label or field.auto_id or ""


class SingleLineFields:
    """A form mixin: every field typed on one line (not a text area) refuses line breaks,
    which a mail's headers and a CSV's rows must never receive from a visitor."""

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            value = data.get(name)
            one_line = isinstance(field.widget, forms.widgets.Input)
            if one_line and isinstance(value, str):
                try:
                    validate_single_line(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return data


class ComposedText:
    """A form mixin: text is kept composed (Unicode NFC), however it was typed or pasted. A
    name pasted decomposed, as some systems and PDFs give it, looks the same, but matches
    nothing written the usual way: the back office's search, a lookup by name."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = unicodedata.normalize("NFC", value)
        return data


def _consent_label():
    return format_html(
        _('I have read the <a href="{}">privacy policy</a> and agree to it.'),
        reverse_lazy("privacy"),
    )


# The session's key for where someone signing up was going.
AFTER_CONFIRMATION = "wpm:after_confirmation"


class SignupForm(AllauthSignupForm):
    """Signing up records the person's consent to the privacy policy, with its time."""

    privacy_consent = forms.BooleanField(label=lazy(_consent_label, str)(), required=True)

    def save(self, request):
        user = super().save(request)
        user.privacy_consent_at = timezone.now()
        user.save(update_fields=["privacy_consent_at"])
        # Where she was going (the requesters' application): kept for the sign-in that follows
        # her confirmation, which the address's check interrupts (wpm.adapters).
        going = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(going, {request.get_host()}, request.is_secure()):
            request.session[AFTER_CONFIRMATION] = going
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


class SaveSearchForm(forms.Form):
    """Keep a list's search, to hear of its new matches weekly: the list's feed and the query
    string the list was read from. The filters must be understood, as the list would."""

    feed = forms.CharField(max_length=60)
    query = forms.CharField(max_length=2000, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        watched = watched_list(data.get("feed", ""))
        if watched is None:
            raise ValidationError(_("Only a search of a list can be saved."))
        query = QueryDict(data.get("query", ""), mutable=True)
        for name in NOT_FILTERS:
            query.pop(name, None)
        # Without what the list ignores: a search saved from a campaign's link is the search.
        query = searched(watched.for_reader(self.user, ""), query)
        filterset = watched.for_reader(self.user, query.urlencode())
        if filterset.is_bound and not filterset.is_valid():
            raise ValidationError(_("Some filters could not be understood."))
        data["query"] = query.urlencode()
        data["title"] = watched.search_title(filterset)
        saved = self.user.saved_searches
        if saved.filter(feed=data["feed"], query=data["query"]).exists():
            raise ValidationError(_("You have saved this search already."))
        if saved.count() >= settings.SAVED_SEARCHES_PER_USER:
            raise ValidationError(
                _("You can keep up to %(count)d saved searches: delete one to save another.")
                % {"count": settings.SAVED_SEARCHES_PER_USER}
            )
        return data

    def save(self):
        return SavedSearch.objects.create(
            user=self.user,
            feed=self.cleaned_data["feed"],
            query=self.cleaned_data["query"],
            title=self.cleaned_data["title"],
            language=get_language(),
        )


class TypedDateTimeField(forms.SplitDateTimeField):
    """A date and time as typed, on no clock yet: the form it serves says whose clock it is."""

    def compress(
        self, data_list: tuple[datetime.date, datetime.time] | None
    ) -> datetime.datetime | None:
        if not data_list:
            return None
        day, time = data_list
        if day in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if time in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return datetime.datetime.combine(day, time)


class EventAdminForm(forms.ModelForm):
    """An event's times as staff type them: on the clock of the place, in its time zone, as its
    page, card and calendar show them. Django read them on the server's clock (Berlin): 10:00
    typed for a Nairobi event was shown there as 12:00, 02:30 on the night Berlin's clocks skip
    it was refused for Nairobi, and a time New York's clocks skip was moved an hour on."""

    TIMES = ("starts_at", "ends_at")

    starts_at = TypedDateTimeField(label=_("starts"), widget=AdminSplitDateTime)
    ends_at = TypedDateTimeField(label=_("ends"), widget=AdminSplitDateTime)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self._zone(self.instance.time_zone)
        for name in self.TIMES:
            self.fields[name].help_text = _("On the clock of the event's time zone.")
            value = getattr(self.instance, name, None)
            if zone and value and self.instance.pk:
                self.initial[name] = timezone.make_naive(value, zone)

    @staticmethod
    def _zone(name: str) -> Any:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A zone not understood is refused by its own field; meanwhile the times are read on
        # UTC, whose clock skips and repeats no hour, so that only that error shows.
        zone = self._zone(cleaned.get("time_zone") or "") or datetime.UTC
        for name in self.TIMES:
            typed = cleaned.get(name)
            if typed is None:
                continue
            try:
                cleaned[name] = self._on_the_clock(typed, zone)
            except ValidationError as error:
                self.add_error(name, error)
            else:
                setattr(self.instance, name, cleaned[name])
        return cleaned

    @staticmethod
    def _on_the_clock(typed: datetime.datetime, zone: Any) -> datetime.datetime:
        """The moment a time names on a zone's clock; refused where the clock skips or repeats
        it as it changes to or from summer time, which would make it another moment or two."""
        moment = typed.replace(tzinfo=zone)
        if moment.utcoffset() == typed.replace(tzinfo=zone, fold=1).utcoffset():
            return moment
        names = {"time": date_format(typed, "DATETIME_FORMAT"), "zone": zone_name(str(zone))}
        if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != typed:
            message = _(
                "%(time)s does not exist in %(zone)s: the clocks there skip it. Give another time."
            )
            raise ValidationError(message, code="skipped", params=names)
        message = _(
            "%(time)s comes twice in %(zone)s: the clocks there go back over it. Give another time."
        )
        raise ValidationError(message, code="repeated", params=names)


class RowsFormSet(BaseInlineFormSet):
    """Rows of a parent edited together (her languages, a request's criteria): a row given twice
    is named by its field's label, in the reader's language, not by the column's name ("code")
    Django's message puts there."""

    def get_unique_error_message(self, unique_check: Any) -> str:
        fields = self.form.base_fields
        names = [
            str(fields[name].label) if name in fields else name
            for name in unique_check
            if name != self.fk.name
        ]
        return str(_("%(fields)s: each may be given only once.")) % {"fields": ", ".join(names)}
