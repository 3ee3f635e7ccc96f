"""Upload checks that run before anything decodes a file: the image memory budget, metadata
removal without re-encoding, and document types checked by content as well as by name."""

import struct
import warnings

from django.conf import settings
from PIL import Image, ImageMode

# Palette images are expanded to RGBA when Wagtail resizes them.
EXPANDED_MODES = {"P": "RGBA", "PA": "RGBA"}
EXIF_ORIENTATION = 0x0112


class UploadError(ValueError):
    """Refused upload; the message is shown to staff as it is."""


def decoded_bytes(width, height, mode):
    """Memory a decoded frame takes: width × height × bands × bytes per band."""
    descriptor = ImageMode.getmode(EXPANDED_MODES.get(mode, mode))
    return width * height * len(descriptor.bands) * int(descriptor.typestr[-1])


def check_image_budget(fileobj):
    """Refuse an image whose decoded size exceeds PORTAL_IMAGE_MEMORY_BUDGET; reads the header only."""
    budget = settings.PORTAL_IMAGE_MEMORY_BUDGET
    fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(fileobj) as image:
                width, height, mode = image.width, image.height, image.mode
        except Image.DecompressionBombError:
            width = height = None
        except (OSError, SyntaxError, ValueError):
            fileobj.seek(0)
            return  # not an image Pillow knows: Wagtail's own checks refuse it in Chinese
    fileobj.seek(0)
    if width is None or decoded_bytes(width, height, mode) > budget:
        size = f"{width}×{height} 像素" if width else "像素过多"
        need = f"解码后约需 {decoded_bytes(width, height, mode) / 1e6:.0f} MB 内存，" if width else ""
        raise UploadError(
            f"图片太大（{size}），{need}超过本站上限 {budget / 1e6:.0f} MB。"
            "请先把图片缩小（彩色照片不超过约 4000 万像素，如 7000×5000）再上传。"
        )


def strip_metadata(data):
    """The image bytes without EXIF, GPS, XMP, IPTC or comments. JPEG, PNG and WebP are edited
    segment by segment, so pixels are never re-encoded; a JPEG keeps only its orientation."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _strip_jpeg(data)
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _strip_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _strip_webp(data)
    except (IndexError, struct.error):
        raise UploadError("图片文件已损坏（不完整），无法读取。") from None
    return data  # GIF carries no camera metadata


# JPEG: keep JFIF (APP0), ICC profile (APP2) and Adobe colour info (APP14); drop other APPn and COM.
JPEG_KEEP = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _strip_jpeg(data):
    out, pos, orientation = [b"\xff\xd8"], 2, None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise UploadError("JPEG 文件已损坏，无法读取。")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image: anything after it (phones append more pictures) goes
            break
        if marker in JPEG_STANDALONE:
            out.append(data[pos : pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment, payload = data[pos : pos + 2 + length], data[pos + 4 : pos + 2 + length]
        pos += 2 + length
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            orientation = _jpeg_orientation(segment) or orientation
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            if marker in JPEG_KEEP and payload.startswith(JPEG_KEEP[marker]):
                out.append(segment)
        else:
            out.append(segment)
            if marker == 0xDA:  # start of scan: copy the entropy-coded data up to the next marker
                end = _next_marker(data, pos)
                out.append(data[pos:end])
                pos = end
    out.append(b"\xff\xd9")
    if orientation and orientation != 1:
        out.insert(1, _orientation_segment(orientation))
    return b"".join(out)


def _next_marker(data, pos):
    while True:
        pos = data.find(b"\xff", pos)
        if pos == -1 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


def _jpeg_orientation(segment):
    exif = Image.Exif()
    try:
        exif.load(segment[10:])
    except (SyntaxError, ValueError, struct.error):
        return None
    return exif.get(EXIF_ORIENTATION)


def _orientation_segment(orientation):
    """An EXIF block holding only the orientation, so phone photos stay upright."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    payload = exif.tobytes()  # starts with b"Exif\0\0"
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


# PNG: drop EXIF, text, time and iTXt (XMP) chunks; everything else is image data.
PNG_DROP = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def _strip_png(data):
    out, pos = [data[:8]], 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, end = data[pos + 4 : pos + 8], pos + 12 + length
        if kind not in PNG_DROP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _strip_webp(data):
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, (length,) = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + length + (length & 1)
        if kind == b"VP8X":  # clear the "has EXIF" and "has XMP" flags
            flags = data[pos + 8] & ~0x0C
            chunks.append(data[pos : pos + 8] + bytes([flags]) + data[pos + 9 : end])
        elif kind not in (b"EXIF", b"XMP "):
            chunks.append(data[pos:end])
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# What a document's first bytes must be for its extension.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc .xls .ppt and WPS's .wps .et .dps
ZIP = b"PK\x03\x04"  # .docx .xlsx .pptx .odt .ods .odp
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(("doc", "xls", "ppt", "wps", "et", "dps"), (OLE2,)),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp"), (ZIP,)),
    **dict.fromkeys(("jpg", "jpeg"), (b"\xff\xd8\xff",)),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def check_document_content(name, fileobj):
    """Refuse a document whose content is not what its extension says (an HTML page named .pdf)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    signatures = DOCUMENT_SIGNATURES.get(extension)
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    if signatures is not None and not head.startswith(signatures):
        raise UploadError(
            f"文件“{name}”的内容不是 .{extension} 格式（可能改过扩展名）。请上传原始的 PDF、Office 文档或图片。"
        )


# Recorded readings of an article or issue: MP3 or M4A (AAC), checked by content too.
AUDIO_EXTENSIONS = ("mp3", "m4a")
MAX_AUDIO_BYTES = 30 * 1024 * 1024


def _looks_like_audio(extension, head):
    if extension == "mp3":
        # An ID3 tag, or an MPEG audio frame header (11 sync bits set).
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    return head[4:8] == b"ftyp"  # ISO media (M4A)


def validate_audio_file(file):
    """Model validator for an uploaded recording: type by name and content, and size."""
    from django.core.exceptions import ValidationError

    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in AUDIO_EXTENSIONS:
        raise ValidationError("录音只能是 MP3 或 M4A 文件。")
    if file.size > MAX_AUDIO_BYTES:
        raise ValidationError(f"录音文件太大（{file.size / 1024 / 1024:.0f} MB），请不超过 30 MB。")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not _looks_like_audio(extension, head):
        raise ValidationError(
            f"文件“{name.rsplit('/', 1)[-1]}”的内容不是 .{extension} 录音（可能改过扩展名）。"
        )
