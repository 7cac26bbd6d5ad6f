"""Photos as phones and cameras send them, for the tests of what members and staff upload."""

import struct
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# Damaged EXIF blocks that Pillow reads, orientation 6 (held upright, the picture lying on its
# side) among them, but cannot write back: a GPS directory or a maker's name of the wrong type
# or length. Named by what writing them back raises.
DAMAGED_EXIF = {
    "struct.error": (
        "4578696600004d4d002a0000000800030109000200000006000000320112000300000001000600008825"
        "cd040000000100000038000000024d616b657200000200010002000000024e0000000002000500000003"
        "000000560000000000000034000000010000001f000000010000000c00002e01"
    ),
    "AttributeError": (
        "4578696600004d4d002a000000080003010f000a00000006000000320112000300000001000600008825"
        "00040000000100000038f20000004d616b6572000002000100020b0000024e0000000002000500000003"
        "000000560000000000000034000000010000001f00000001000000dd00000001"
    ),
    "TypeError": (
        "4578696600004d4d002a000000080003010f000200000006000000320112000300000001000600008825"
        "00040000000100000038000000004d616b657200000200010002000000024e000000000c000500000003"
        "000000560000000084000034000000010000001f000000010000000c00000001"
    ),
}


def photo_with_damaged_exif(kind, size=(400, 300)):
    """A landscape JPEG whose damaged EXIF says it was taken upright."""
    buffer = BytesIO()
    exif = bytes.fromhex(DAMAGED_EXIF[kind])
    Image.new("RGB", size, "teal").save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0042.jpg", buffer.getvalue())


def png(image):
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("portrait.png", buffer.getvalue())


def cut_out_portrait(mode):
    """A portrait whose background was removed: a skin-toned square on transparency, in RGBA,
    grey with alpha (LA), or a palette with a transparent colour (P)."""
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    image.paste((230, 190, 160, 255), (50, 50, 150, 150))
    if mode == "LA":
        image = image.convert("LA")
    elif mode == "P":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
        image.info["transparency"] = image.getpixel((0, 0))
    return png(image)


def grey_16_bit(level):
    """A 16-bit greyscale PNG, as scanners and some editors write them, all of one level."""
    return png(Image.frombytes("I;16", (200, 200), struct.pack("<H", level) * (200 * 200)))
