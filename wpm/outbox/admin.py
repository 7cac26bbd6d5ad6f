from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wpm.admin import ChosenRowsAdmin, DatesAdmin

from .models import Mail, MailQuerySet
from .tasks import send_again


@admin.register(Mail)
class MailAdmin(ChosenRowsAdmin, DatesAdmin, admin.ModelAdmin):
    """What left and what is stuck, for the people who run the site. The message itself is not
    shown: it may be someone's contact message or a link that signs her in."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "recipients"]
    date_hierarchy = "created_at"
    fields = (
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sending_since",
        "sent_at",
        "failed_at",
        "last_error",
    )
    readonly_fields = fields
    actions = ["resend"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send again"), permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: MailQuerySet) -> None:
        chosen = queryset.count()
        count = send_again(queryset)
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d mail will be sent again.",
                    "%(count)d mails will be sent again.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        if skipped := chosen - count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d mail was left alone: it is sent or being sent, and a sent mail "
                    "no longer holds its message.",
                    "%(count)d mails were left alone: they are sent or being sent, and a sent "
                    "mail no longer holds its message.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("outbox.resend_mail")
