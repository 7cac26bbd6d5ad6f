import zoneinfo

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

MAX_PDF_BYTES = 20 * 1024 * 1024


def validate_pdf(file: File) -> None:
    """Only a real PDF of at most 20 MB: checked by its first bytes, not its name."""
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is larger than 20 MB."))
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."))


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone such as Europe/Berlin."))


def validate_single_line(value: str) -> None:
    """A name goes into a mail's subject, where a line break would start a header of its own."""
    if any(character in value for character in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise ValidationError(_("Enter this on a single line."), code="multiline")
