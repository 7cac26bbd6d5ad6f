from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin as AllauthUserSessionAdmin
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import ActionLocation, IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminFileWidget, AutocompleteSelect
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import FileField, ForeignKey, ImageField, Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin as TaskResultAdmin
from django_tasks_db.models import DBTaskResult
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import formats
from .adminlog import Note, worded
from .forms import ArticleAdminForm, EventAdminForm, VoiceAdminForm
from .models import (
    Article,
    ArticleAuthor,
    ContentStatus,
    Event,
    Page,
    PageVersion,
    Topic,
    User,
    Voice,
)
from .storage import FilesNotStored, media_url, store_new_files

# The mixins below serve model admins, whose methods they call.
if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


def possible_key(model: type[Model], value: str) -> bool:
    """Whether a key sent by a browser is one a row of this model could have: of its type,
    and within what the database holds. Django puts any text it is sent in the query."""
    field = model._meta.pk
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class ChosenRowsAdmin(_ModelAdmin):
    """A list whose actions take only the rows a choice could name: a word, or a number
    beyond the database's, sent by hand among the rows chosen failed (500). It now names no
    row, as a row deleted meanwhile names none."""

    def response_action(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        action_location: ActionLocation = ActionLocation.CHANGE_LIST,
    ) -> HttpResponse | None:
        chosen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        possible = [value for value in chosen if possible_key(self.model, value)]
        if possible != chosen:
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, possible)
            post._mutable = False
            request.POST = post  # type: ignore[assignment]  # as immutable as the one it replaces
        return super().response_action(request, queryset, action_location)


class LookupAdminMixin(_ModelAdmin):
    """Staff who fill in a record that names one of this model's rows look it up by name
    through the admin's autocomplete, and see nothing else of it. ``looked_up_for`` maps each
    such record, as (app label, model name), to the permission that lets staff fill it in;
    ``looked_up_by`` names the fields they may search, where not all the admin's."""

    looked_up_for: dict[tuple[str, str], str] = {}
    looked_up_by: tuple[str, ...] | None = None

    def get_search_fields(self, request: HttpRequest) -> list[str] | tuple[str, ...]:
        if self.looked_up_by is not None and not super().has_view_permission(request):
            return self.looked_up_by
        return super().get_search_fields(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if super().has_view_permission(request, obj):
            return True
        match = request.resolver_match
        if obj is not None or match is None or match.url_name != "autocomplete":
            return False
        record = (request.GET.get("app_label", ""), request.GET.get("model_name", ""))
        permission = self.looked_up_for.get(record)
        return permission is not None and request.user.has_perm(permission)


class DatesChangeList(ChangeList):
    """A change list whose date links, edited by hand to a day at the edge of the calendar
    (the last of 9999, whose next day Python cannot reach, or one in year 1, which the
    database's time zone cannot), answer as any other wrong filter does: with the whole
    list. Django takes only a day that does not exist for a wrong filter; these failed (500)."""

    def get_filters(self, request: HttpRequest) -> Any:
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request: HttpRequest) -> None:
        try:
            super().get_results(request)
        except OverflowError as error:  # a day the database's time zone cannot hold
            raise IncorrectLookupParameters(error) from error


class DatesAdmin(_ModelAdmin):
    """A list with a date hierarchy, whose links edited by hand never fail (DatesChangeList)."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return DatesChangeList


class ChosenRowSelect(AutocompleteSelect):
    """An autocomplete box that names its chosen row from the inline row it belongs to
    (RowsFormSet). Django's reads the chosen row again: a query for every row of every inline."""

    chosen: Model | None = None  # the row, set by RowsFormSet

    def optgroups(
        self, name: str, value: Sequence[str], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        values = [str(item) for item in value if str(item) not in self.choices.field.empty_values]
        if self.chosen is None or values != [str(self.chosen.pk)]:
            return super().optgroups(name, value, attrs)  # a new choice, after an error
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.chosen)
        options.append(self.create_option(name, self.chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


class LabelledRowsFormSet(BaseInlineFormSet):
    """Rows shown as a table, whose every field says what it is (its column's name and its
    row's number) to those who cannot see the column headers: the table alone labels none."""

    def add_fields(self, form: forms.ModelForm[Any], index: int | None) -> None:
        super().add_fields(form, index)
        row = _("new row") if index is None else _("row %(number)d") % {"number": index + 1}
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # in the admin's wrapper
            if widget is not None and not widget.is_hidden:
                widget.attrs["aria-label"] = f"{field.label} ({row})"


class RowsFormSet(LabelledRowsFormSet):
    """Rows that know the object they belong to (Django gives them its id only, so a row's
    name that shows it read it again), whose select lists are read once for all of them, and
    whose autocomplete boxes name their chosen row from the row itself (ChosenRowSelect)."""

    fk: ForeignKey[Any, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shared_choices: dict[str, list[tuple[Any, Any]]] = {}

    def _construct_form(self, i: int, **kwargs: Any) -> forms.ModelForm[Any]:
        # Django's hook for building each form, private and so left out of the stubs.
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        setattr(form.instance, self.fk.name, self.instance)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # in the admin's wrapper
            if isinstance(widget, ChosenRowSelect):
                if form.instance._meta.get_field(name).is_cached(form.instance):
                    widget.chosen = getattr(form.instance, name)
                continue
            listed = isinstance(field, forms.ModelChoiceField) and isinstance(widget, forms.Select)
            if not listed:
                continue  # the rows' own hidden ids among them
            if name not in self.shared_choices:
                self.shared_choices[name] = list(iter(field.choices))  # one query, no count
            field.choices = self.shared_choices[name]  # validation still asks the database
        return form


class RowsInline(admin.TabularInline):
    """An object's rows of one kind, on its change form in a number of queries that does not
    grow with them: each row is read with the other rows its name shows (``related``), and
    RowsFormSet reads the rest once."""

    extra = 0
    formset = RowsFormSet
    related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        return rows.select_related(*self.related) if self.related else rows

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = ChosenRowSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


FILES_NOT_STORED = _(
    "The file could not be stored just now, so nothing was saved. "
    "Please choose it again and try again in a few minutes."
)


class StoredFileWidget(AdminFileWidget):
    """A file's box in the back office, which names the stored file with a link to it, or
    without one when the storage cannot give its address (``media_url``): object storage
    without credentials cannot sign it, and Django's box failed with it (500)."""

    template_name = "admin/widgets/stored_file_input.html"

    def is_initial(self, value: Any) -> bool:
        # Django's asks the storage for the address, which may fail: a stored file is one
        # to keep or clear whether or not it has one.
        return isinstance(value, FieldFile) and bool(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["url"] = media_url(value) if context["widget"]["is_initial"] else ""
        return context


class FilesNotStoredForm(forms.BaseForm):
    """The form she sent, shown again because the storage failed as it was saved. Her values
    were found good a moment ago and are not read again (her image re-encoded for nothing)."""

    def full_clean(self) -> None:
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}
        self.add_error(None, FILES_NOT_STORED)


# Marks a request whose files the storage did not take.
NOT_STORED = "files_not_stored"


class UploadsAdmin(_ModelAdmin):
    """A model's admin whose rows keep files staff upload. When the storage fails as she saves,
    she gets her form back (503) with what she typed and why; nothing is saved, and no file of
    hers stays in the storage. A file the storage cannot give an address for is shown without
    its link (StoredFileWidget)."""

    formfield_overrides = {
        FileField: {"widget": StoredFileWidget},
        ImageField: {"widget": StoredFileWidget},
    }

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        store_new_files(obj)  # rather than in the row's save, so that a failure is told apart
        super().save_model(request, obj, form, change)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except FilesNotStored:
            pass
        # The admin's transaction is rolled back; the page is built again around her form.
        setattr(request, NOT_STORED, True)
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:  # her form, not a row deleted meanwhile (a redirect)
            response.status_code = 503
        return response

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change, **kwargs)
        if not getattr(request, NOT_STORED, False):
            return form
        return type(form.__name__, (FilesNotStoredForm, form), {})


@admin.register(User)
class UserAdmin(ChosenRowsAdmin, DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    list_display = ("email", "name", "is_staff", "is_active", "date_joined", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "name")
    ordering = ("email",)


class ValuesNamed(HistoricalRecordContextHelper):
    """A history's changes name a choice as its form does, in the reader's language ("Entwurf
    → Veröffentlicht"), not by the code stored ("draft → published")."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        choices = dict(getattr(field, "flatchoices", None) or ())
        if choices and not isinstance(value, list):
            return choices.get(value, value)
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(ChosenRowsAdmin, SimpleHistoryAdmin):
    """simple-history's admin, whose history pages take only keys their models could have: it
    read any text as one, and a word where a number belongs failed (500).

    A model whose rows move through steps (``revertible = False``) shows its past versions
    without "Revert": a revert saves the whole old row, the fields the change form keeps
    read-only included, and would put a closed request back to a draft. simple-history hides
    the button but still saves a revert posted, so the post is refused here.
    """

    revertible = True

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.revertible or super().revert_disabled(request, obj)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST" and not self.revertible:
            raise PermissionDenied
        self._check_key(self.model, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        self._check_key(history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._check_key(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Any, foreign_keys_are_objs: bool = True
    ) -> None:
        # The history page names each version by its row as it was (history_object), which
        # simple-history builds afresh, without the rows read with the version (its
        # get_history_queryset reads them): an engagement's name read her profile and the
        # process again, two queries a version. This is the page's one hook between reading
        # the versions and showing them.
        for record in historical_records:
            record.history_object = self._as_it_was(record)
            if record.history_change_reason is None:  # printed as "None" by the template
                record.history_change_reason = ""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)

    def get_history_queryset(
        self, request: HttpRequest, history_manager: Any, pk_name: str, object_id: Any
    ) -> QuerySet[Any]:
        # simple-history's own, but for a model whose history tracks no foreign key: it called
        # select_related() with no names, which Django deprecates (it would follow every one).
        versions = history_manager.filter(**{pk_name: object_id}).select_related("history_user")
        keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, ForeignKey)
        ]
        return versions.select_related(*keys) if keys else versions

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return ValuesNamed(self.model, historical_record)

    def _as_it_was(self, record: Any) -> Model:
        """A version's row as it was, with the rows it points to that were read with it."""
        row = record.history_object
        for field in row._meta.concrete_fields:
            if not field.many_to_one:
                continue
            kept = record._meta.get_field(field.name)
            # None for a row deleted since: left to the row's own name to say so.
            if kept.is_cached(record) and kept.get_cached_value(record) is not None:
                field.set_cached_value(row, kept.get_cached_value(record))
        return row

    def _check_key(self, model: type[Model], key: str) -> None:
        """A 404 for a key from the address that no row of this model could have."""
        if not possible_key(model, unquote(key)):
            raise Http404


# allauth's list of sessions, searched by what this site's users have: an email address, not
# the username it searched (a server error on every search).
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(ChosenRowsAdmin, AllauthUserSessionAdmin):
    search_fields = ("user__email", "ip")


# The other apps' lists take only the rows a choice could name too: a word among the rows chosen
# for an action was a server error on them, as on the site's own.
for _model, _other_admin in (
    (Group, DjangoGroupAdmin),
    (EmailAddress, AllauthEmailAddressAdmin),
    (Authenticator, AllauthAuthenticatorAdmin),
    (DBTaskResult, TaskResultAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, type(_other_admin.__name__, (ChosenRowsAdmin, _other_admin), {}))


# Staff publishing or withdrawing an item (and a process: processes.admin).
STATUS = Note("Status: {}", _("Status: %(value)s"), ContentStatus)


class PublishActions(ChosenRowsAdmin):
    """Publish or withdraw several items at once; drafts are previewed with 'View on site'."""

    actions = ("publish", "withdraw")

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Any], status: str) -> None:
        for item in queryset:
            self.log_change(request, item, STATUS(status))
        count = queryset.update(status=status)
        PageVersion.bump()
        self.message_user(
            request,
            ngettext("%(count)d item updated.", "%(count)d items updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_status(request, queryset, ContentStatus.PUBLISHED)

    @admin.action(description=_("Return the selected items to draft"), permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_status(request, queryset, ContentStatus.DRAFT)


@admin.register(Voice)
class VoiceAdmin(UploadsAdmin, PublishActions, admin.ModelAdmin):
    form = VoiceAdminForm
    list_display = ("name", "role", "country", "status", "is_featured", "position")
    list_editable = ("is_featured", "position")
    list_filter = ("status", "is_featured", "quote_language")
    search_fields = ("name", "role", "organisation", "quote")


@admin.register(Topic)
class TopicAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug")
    search_fields = ("name_en", "name_de")
    prepopulated_fields = {"slug": ("name_en",)}


class AuthorInline(RowsInline):
    """Authors, each linked to a listed profile if she has one: found by typing, since a list
    of the whole roster would be tens of thousands of options in every row."""

    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ("mediator",)
    related = ("mediator",)


@admin.register(Article)
class ArticleAdmin(UploadsAdmin, DatesAdmin, PublishActions, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ("title", "kind", "language", "status", "published_on", "preview")
    list_filter = ("status", "kind", "language", "topics")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("topics",)
    autocomplete_fields = ("related_processes",)  # published ones (limit_choices_to)
    inlines = (AuthorInline,)
    date_hierarchy = "published_on"
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "body", "language", "translation")}),
        (_("Media"), {"fields": ("image", "image_alt", "pdf")}),
        (_("Links"), {"fields": ("topics", "related_processes")}),
        (_("Publication"), {"fields": ("status", "published_on")}),
    )

    @admin.display(description=_("preview"))
    def preview(self, article: Article) -> SafeString:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            article.get_absolute_url(),
            _("View on site"),
        )


@admin.register(Page)
class PageAdmin(PublishActions, admin.ModelAdmin):
    list_display = ("slug", "title_en", "title_de", "position", "status")
    list_editable = ("position",)
    list_filter = ("status",)
    search_fields = ("title_en", "title_de", "body_en", "body_de")


class EventTimeFilter(admin.SimpleListFilter):
    """Upcoming or past, as the site lists them. In place of a hierarchy of dates: it sorted
    events into days on the server's clock, and a New York evening fell on Berlin's next day."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "upcoming":
            return queryset.upcoming()  # type: ignore[attr-defined]
        if self.value() == "past":
            return queryset.past()  # type: ignore[attr-defined]
        return queryset


@admin.register(Event)
class EventAdmin(PublishActions, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ("title", "kind", "starts", "online", "status")
    list_filter = (EventTimeFilter, "status", "kind", "online", "language")
    search_fields = ("title", "description", "place")
    prepopulated_fields = {"slug": ("title",)}

    @admin.display(description=_("starts"), ordering="starts_at")
    def starts(self, event: Event) -> str:
        """On the clock of the event's place, as its form and its page give it, the zone named."""
        starts = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone))
        return f"{date_format(starts, 'DATETIME_FORMAT')} ({formats.zone_name(event.time_zone)})"


@admin.register(LogEntry)
class AuditLogAdmin(ChosenRowsAdmin, DatesAdmin, admin.ModelAdmin):
    """Every staff action in the back office: who, when, what changed. Read-only."""

    list_display = (
        "action_time",
        "user",
        "content_type",
        "object_repr",
        "action_flag",
        "change",
    )
    # Only the people who acted: every account, members' too, would be thousands of links.
    list_filter = ("action_flag", "content_type", ("user", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user", "content_type")
    search_fields = ("object_repr", "change_message", "user__email")
    date_hierarchy = "action_time"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    @admin.display(description=_("change message"))
    def change(self, entry: LogEntry) -> str:
        # In the reader's language: Django's own edits as it words them, the site's notes too.
        return worded(entry)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
