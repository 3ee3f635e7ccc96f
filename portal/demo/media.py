"""Pictures, PDFs and collections for demo content, generated locally with Pillow."""

import hashlib
import io
import random
from functools import cache
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

# A CJK font if the machine has one; demo pictures fall back to shapes without text.
CJK_FONT_PATHS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]

PALETTE = ["#a61b1b", "#0b4f8a", "#1d6b2f", "#8a4b00", "#5b2a86", "#2b5d6b", "#7d1414"]


@cache
def cjk_font_path():
    return next((p for p in CJK_FONT_PATHS if Path(p).exists()), None)


def get_collection(name):
    """A child of the root collection, created once."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def draw_picture(text, seed, size=(800, 600), color=None):
    """A flat illustration: coloured background, a few shapes and (with a CJK font) the text."""
    rng = random.Random(seed)
    color = color or PALETTE[rng.randrange(len(PALETTE))]
    img = PILImage.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    w, h = size
    for _ in range(6):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(min(w, h) // 10, min(w, h) // 3)
        shade = tuple(min(255, c + rng.randrange(20, 70)) for c in img.getpixel((0, 0)))
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=max(3, r // 8))
    font_path = cjk_font_path()
    if text and font_path:
        font_size = max(24, min(w // max(len(text), 1), h // 4))
        font = ImageFont.truetype(font_path, font_size)
        box = draw.textbbox((0, 0), text, font=font)
        tw, th = box[2] - box[0], box[3] - box[1]
        draw.rectangle(
            [(w - tw) / 2 - 20, (h - th) / 2 - 20, (w + tw) / 2 + 20, (h + th) / 2 + 30], fill="white"
        )
        draw.text(((w - tw) / 2, (h - th) / 2), text, font=font, fill=color)
    return img


def get_or_create_image(
    title, text="", seed=None, size=(800, 600), collection=None, color=None, picture=None
):
    """A Wagtail image with this title, drawn once (or from `picture`); later runs reuse it."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    if picture is None:
        picture = draw_picture(text, seed if seed is not None else title, size=size, color=color)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    name = f"demo-{hashlib.md5(title.encode()).hexdigest()[:12]}.png"
    image = Image(title=title, description=title, collection=collection or get_collection("社区图片"))
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=name)
    image.save()
    return image


def pdf_bytes(pages):
    """A small PDF with one generated page per text in `pages` (Pillow's PDF writer)."""
    images = [draw_picture(text, text, size=(595, 842), color="#ffffff") for text in pages]
    for img, text in zip(images, pages, strict=True):
        ImageDraw.Draw(img).rectangle([30, 30, 565, 812], outline="#a61b1b", width=4)
        if not cjk_font_path():
            ImageDraw.Draw(img).text((60, 60), text.encode("ascii", "ignore").decode() or "PDF", fill="#000")
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()
