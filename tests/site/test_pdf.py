"""PDF documents: made from templates, readable as text, and deaf to anything outside the app."""

import logging
import re
import socket
import threading
from io import BytesIO

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from wpm.pdf import html_to_pdf


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def drawn_characters(pdf):
    """The characters the PDF draws with a glyph of their own. A character no installed font
    has is drawn as the missing-glyph box: its glyph number is one the embedded font lacks."""
    drawn = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            cid_font = font["/DescendantFonts"][0].get_object()
            descriptor = cid_font["/FontDescriptor"].get_object()
            file = descriptor.get("/FontFile2") or descriptor["/FontFile3"]  # TrueType or CFF
            embedded = TTFont(BytesIO(file.get_object().get_data()))
            names, glyphs = embedded.getGlyphOrder(), embedded.getGlyphSet()
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", to_unicode, re.DOTALL):
                for glyph, text in re.findall(r"<([0-9a-f]+)> <([0-9a-f]*)>", block):
                    number = int(glyph, 16)  # the glyph's number in the font (CIDToGIDMap Identity)
                    if not 0 < number < len(names):
                        continue
                    pen = BoundsPen(glyphs)
                    glyphs[names[number]].draw(pen)
                    if pen.bounds is not None:  # it draws something
                        drawn.update(bytes.fromhex(text).decode("utf-16-be"))
    return drawn


@pytest.fixture
def listener():
    """A server on this machine that counts who connects to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[object] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except TimeoutError:
                continue
            hits.append(connection)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def test_a_document_holds_its_text_and_uses_the_sites_own_styles(caplog):
    html = (
        '<html lang="de"><head><link rel="stylesheet" href="/static/css/document.css"></head>'
        "<body><h1>Nominierungsdossier</h1><p>Führte Gespräche in دمشق.</p>"
        '<img src="/static/img/logo.svg" alt=""></body></html>'
    )
    with caplog.at_level(logging.WARNING):
        pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert "Nominierungsdossier" in text and "Führte Gespräche" in text
    assert not [r for r in caplog.records if r.name.startswith(("wpm.pdf", "weasyprint"))]


@pytest.mark.fonts
def test_a_chinese_name_is_drawn_in_chinese_type():
    """Han characters take other shapes in Japanese type; left to the fonts installed, a
    Chinese name in an English document was drawn in the Japanese ones."""
    html = (
        '<html lang="en"><head><link rel="stylesheet" href="/static/css/document.css"></head>'
        "<body><h1>王秀英</h1><p>王秀英</p></body></html>"
    )
    han_fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(BytesIO(html_to_pdf(html))).pages
        for font in page["/Resources"]["/Font"].values()
        if "CJK" in str(font.get_object()["/BaseFont"])
    }
    assert han_fonts and all("Noto-Sans-CJK-SC" in font for font in han_fonts), (
        f"drawn with {han_fonts or 'no CJK font'}; install fonts-noto-cjk (see README)"
    )


def test_nothing_outside_the_static_files_is_fetched(listener, tmp_path, caplog):
    port, hits = listener
    secret = tmp_path / "secret.css"
    secret.write_text("body::before { content: 'SECRET-FROM-DISK'; }")
    elsewhere = f"http://127.0.0.1:{port}"
    html = f"""<html><head>
      <link rel="stylesheet" href="{elsewhere}/x.css">
      <link rel="stylesheet" href="file://{secret}">
      <style>@import url("{elsewhere}/imported.css");
        @font-face {{ font-family: x; src: url("{elsewhere}/font.woff"); }}
        body {{ background: url("file:///etc/hostname"); }}</style>
      </head><body><p>Kept</p>
      <img src="{elsewhere}/pixel.png"><img src="file:///etc/passwd">
      <img src="/static/../../../etc/passwd"><img src="data:image/svg+xml,%3Csvg/%3E">
      <object data="{elsewhere}/o"></object><iframe src="{elsewhere}/f"></iframe>
    </body></html>"""
    with caplog.at_level(logging.WARNING, logger="wpm.pdf"):
        text = text_of(html_to_pdf(html))
    assert "Kept" in text and "SECRET-FROM-DISK" not in text
    assert hits == [], "the renderer connected to another host"
    refused = [r.getMessage() for r in caplog.records if r.name == "wpm.pdf"]
    assert any(f"{elsewhere}/x.css" in message for message in refused)
    assert any("file://" in message for message in refused)


def test_making_a_document_leaves_the_logs_to_the_site(caplog):
    """The PDF engine's account of each step it takes stays out of the server's logs."""
    with caplog.at_level(logging.INFO):
        pdf = html_to_pdf("<html><body><p>Dossier</p></body></html>")
    assert pdf.startswith(b"%PDF-")
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
