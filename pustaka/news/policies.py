"""Pure rules about news: how long texts may be, how large photos are kept,
how often one address may comment, and who may write and delete."""

from pustaka.core.permissions import Access

# Posts.
TEXT_MAX = 20_000
PHOTO_MAX_WIDTH = 800
PHOTO_MAX_HEIGHT = 800
PHOTO_MAX_BYTES = 10 * 1024 * 1024

# Comments: at most COMMENT_LIMIT from one address in COMMENT_WINDOW seconds.
COMMENT_NAME_MAX = 80
COMMENT_TEXT_MIN = 2
COMMENT_TEXT_MAX = 2_000
COMMENT_LIMIT = 3
COMMENT_WINDOW = 10 * 60


def clean_text(text: str) -> str:
    """Plain text as kept: spaces at the ends of lines and of the text dropped,
    Windows line ends made plain, paragraphs (blank lines) kept."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def may_write(access: Access, library_id) -> bool:
    """Write, publish and moderate: the office anywhere (alone for district
    posts, ``library_id`` None), a library's managers and volunteers for it."""
    if library_id is None:
        return access.is_district_admin
    return access.can_manage_items(library_id)


def may_delete(access: Access, library_id) -> bool:
    """Delete a post: the office, or the library's manager."""
    if library_id is None:
        return access.is_district_admin
    return access.can_edit_library(library_id)
