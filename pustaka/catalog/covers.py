"""Cover images: an uploaded photo or scan becomes a small JPEG kept with the
installation's media, so covers load on a slow link and need no outside service."""

import uuid
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

MAX_HEIGHT = 400
MAX_WIDTH = 1200
JPEG_QUALITY = 80


def cover_jpeg(upload) -> ContentFile:
    """``upload`` (a file of any image type Pillow reads) as a JPEG at most
    400 px high, turned upright, transparency on white."""
    return image_jpeg(upload, max_width=MAX_WIDTH, max_height=MAX_HEIGHT)


def image_jpeg(upload, *, max_width: int, max_height: int) -> ContentFile:
    """``upload`` as a JPEG that fits ``max_width`` x ``max_height`` (covers,
    news photos), turned upright, transparency on white."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.draft("RGB", (max_width, max_height))
        picture = ImageOps.exif_transpose(image)
        picture.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
        picture = _on_white(picture)
        buffer = BytesIO()
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def _on_white(picture: Image.Image) -> Image.Image:
    if picture.mode in {"RGBA", "LA", "P", "PA"}:
        picture = picture.convert("RGBA")
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        return background
    return picture.convert("RGB")
