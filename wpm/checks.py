"""What `check --deploy` says of the site's own settings, beside Django's."""

import shutil
import subprocess

from django.conf import settings
from django.core.checks import Info, Tags, register
from django.core.checks import Warning as CheckWarning

# The scripts PDF documents need a font for beyond DejaVu Sans (Latin, Greek, Cyrillic, Arabic),
# as fontconfig names a language that uses each, and the Debian package with the font
# document.css names for it.
SCRIPT_FONTS = {
    "zh": ("CJK (Chinese, Japanese and Korean)", "fonts-noto-cjk"),
    "am": ("Ethiopic", "fonts-noto-core"),
    "hi": ("Devanagari", "fonts-noto-core"),
}


@register(Tags.security, deploy=True)
def site_url(app_configs, **kwargs):
    """Mail links to SITE_URL (invitations, proposals, digests and the address that stops
    them): left at its default, each one leads to the server's own loopback."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        CheckWarning(
            f"SITE_URL is {settings.SITE_URL!r}: the links in the site's mail lead there.",
            hint="Set SITE_URL to the site's public https:// address.",
            id="wpm.W001",
        )
    ]


def scripts_without_font() -> dict[str, str] | None:
    """The scripts of SCRIPT_FONTS no installed font has, each with its package, as fontconfig
    (which the PDF renderer asks for fonts) lists them; None where fontconfig cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    lacking = {}
    for language, (script, package) in SCRIPT_FONTS.items():
        try:
            found = subprocess.run(  # noqa: S603 (fc-list, with a language code of ours)
                [fc_list, f":lang={language}", "family"],
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if not found.stdout.strip():
            lacking[script] = package
    return lacking


@register("documents", deploy=True)
def document_fonts(app_configs, **kwargs):
    """A name in a script no installed font has prints as a row of boxes in the nomination
    dossier."""
    lacking = scripts_without_font()
    if lacking is None:
        return [
            Info(
                "fontconfig's fc-list could not be run: the fonts for names in PDF documents "
                "were not checked.",
                hint="Install fontconfig (Debian: apt-get install fontconfig) to check them.",
                id="wpm.I002",
            )
        ]
    if not lacking:
        return []
    packages = " ".join(sorted(set(lacking.values())))
    return [
        CheckWarning(
            f"No font for {', '.join(lacking)}: names in these scripts print as boxes in PDF "
            "documents such as the nomination dossier.",
            hint=f"Install the fonts (Debian: apt-get install {packages}).",
            id="wpm.W002",
        )
    ]
