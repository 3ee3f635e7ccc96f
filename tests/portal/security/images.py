"""Image files made in tests: a tiny PNG of 121 megapixels, photos with GPS in their EXIF."""

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_blank_png(width=11_000, height=11_000):
    """An RGB PNG of width × height white pixels, compressed row by row (a few hundred KB)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * (width * 3)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    )


def camera_exif(orientation=1):
    """EXIF as a phone writes it: camera model, orientation and where the photo was taken."""
    exif = Image.Exif()
    exif[0x0110] = "Lishan Phone 12"  # model
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (36.0, 40.0, 12.5), 3: "E", 4: (117.0, 7.0, 30.2)})
    return exif


def photo(fmt="JPEG", size=(320, 200), orientation=1, **save_options):
    """A photo with a red left half, so turning it can be seen; carries GPS in its EXIF."""
    image = Image.new("RGB", size, "white")
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, fmt, exif=camera_exif(orientation), **save_options)
    return out.getvalue()


def gps_of(image):
    return dict(image.getexif().get_ifd(GPS_IFD))
