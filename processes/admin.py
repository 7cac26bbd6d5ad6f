from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wpm.admin import STATUS, ChosenRowsAdmin, HistoryAdmin, LookupAdminMixin, RowsInline
from wpm.lists import RegionListFilter
from wpm.models import PageVersion

from .models import Agreement, Engagement, Process, ProcessCountry, ProcessLink
from .record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    ProcessInstrument,
    ProcessParty,
    Source,
)

# Fields the PA-X import also writes: a staff edit of one of them is kept on the next import.
IMPORTED_PROCESS_FIELDS = {
    "name",
    "track",
    "conflict_level",
    "conflict_type",
    "stage",
    "start_year",
    "start_date",
    "ucdp_ids",
}
IMPORTED_AGREEMENT_FIELDS = {
    "process",
    "name",
    "date",
    "stage",
    "conflict_level",
    "pax_region",
    "gender_provisions",
    "source_url",
}


def remember_edits(obj, changed, importable):
    """Record which imported fields staff have changed, so an import does not undo them."""
    edited = set(obj.edited_fields) | (set(changed) & importable)
    obj.edited_fields = sorted(edited)


@admin.register(Instrument)
class InstrumentAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_en", "name_de")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Party)
class PartyAdmin(ChosenRowsAdmin, admin.ModelAdmin):
    list_display = ("name", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name",)


class CountryInline(RowsInline):
    model = ProcessCountry
    readonly_fields = ("subregion", "region")


class PartyInline(RowsInline):
    model = ProcessParty
    autocomplete_fields = ("party",)
    related = ("party",)


class InstrumentInline(RowsInline):
    model = ProcessInstrument
    related = ("instrument",)


class LinkInline(RowsInline):
    model = ProcessLink
    fk_name = "source"
    autocomplete_fields = ("target",)
    related = ("target",)


class AgreementInline(RowsInline):
    model = Agreement
    fields = ("name", "date", "stage", "gender_provisions", "source_url")
    show_change_link = True


class EngagementInline(RowsInline):
    model = Engagement
    autocomplete_fields = ("mediator",)
    related = ("mediator",)


class FigureInline(RowsInline):
    model = ParticipationFigure
    fk_name = "process"
    exclude = ("agreement",)


class MilestoneInline(RowsInline):
    model = Milestone


class SourceInline(RowsInline):
    model = Source


class RegionFilter(RegionListFilter):
    places = ProcessCountry
    placed = "process"


@admin.register(Process)
class ProcessAdmin(LookupAdminMixin, HistoryAdmin):
    looked_up_for = {("wpm", "article"): "wpm.change_article"}  # editors: related processes
    list_display = ("name", "track", "conflict_level", "stage", "start_year", "status", "preview")
    list_filter = ("status", "track", "conflict_level", "stage", RegionFilter, "instruments")
    search_fields = ("name", "summary", "pax_id")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("edited_fields", "created_at", "updated_at")
    inlines = (
        CountryInline,
        PartyInline,
        InstrumentInline,
        LinkInline,
        AgreementInline,
        EngagementInline,
        FigureInline,
        MilestoneInline,
        SourceInline,
    )
    actions = ("publish", "unpublish")
    history_list_display = ("status", "stage")

    @admin.display(description=_("preview"))
    def preview(self, process):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            process.get_absolute_url(),
            _("View on site"),
        )

    def save_model(self, request, obj, form, change):
        if change:
            remember_edits(obj, form.changed_data, IMPORTED_PROCESS_FIELDS)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Countries and sources come from the import too: an edit of either is kept.
        changed = {formset.prefix for formset in formsets if formset.has_changed()} & {
            "countries",
            "sources",
        }
        if change and changed - set(form.instance.edited_fields):
            remember_edits(form.instance, changed, changed)
            form.instance.save(update_fields=["edited_fields"])

    def _set_status(self, request, queryset, status):
        count = 0
        with transaction.atomic(), PageVersion.once():
            for process in queryset:
                process.status = status  # the import never changes it
                # A save, not an update: it keeps a history entry.
                process.save(update_fields=["status", "updated_at"])
                self.log_change(request, process, STATUS(status))
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d process updated.", "%(count)d processes updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected processes"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Process.Status.PUBLISHED)

    @admin.action(description=_("Return the selected processes to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Process.Status.DRAFT)


class AgreementFigureInline(admin.TabularInline):
    model = ParticipationFigure
    fk_name = "agreement"
    extra = 0
    exclude = ("process",)


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ("name", "process", "date", "stage", "gender_provisions")
    list_filter = ("stage", "gender_provisions", "conflict_level", "pax_region")
    list_select_related = ("process",)
    search_fields = ("name", "pax_id", "process__name")
    autocomplete_fields = ("process",)
    readonly_fields = ("edited_fields",)
    inlines = (AgreementFigureInline,)

    def save_model(self, request, obj, form, change):
        if change:
            remember_edits(obj, form.changed_data, IMPORTED_AGREEMENT_FIELDS)
        super().save_model(request, obj, form, change)


@admin.register(Engagement)
class EngagementAdmin(HistoryAdmin):
    list_display = ("mediator", "process", "role", "confidentiality", "start_year", "end_year")
    list_filter = ("confidentiality", "role", "process__track")
    list_select_related = ("mediator", "process")
    search_fields = ("mediator__display_name", "process__name")
    autocomplete_fields = ("mediator", "process")
