"""The news services: who may write, publish, delete and moderate; photos
made small; comments that wait, with a honeypot and a rate limit."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from pustaka.core.abuse import RateLimited
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.news import services
from pustaka.news.models import Comment, Post
from tests.news.conftest import image


@pytest.fixture(autouse=True)
def _english():
    """Refusals are read in English."""
    with translation.override("en"):
        yield


def write(actor, library, **extra):
    return services.post_create(
        actor=actor, library=library, title="Judul", text="Isi berita.", **extra
    )


# --- who may write ------------------------------------------------------------


def test_library_staff_write_their_own_library_news(manager_a, volunteer_a, library_a):
    by_manager = write(manager_a, library_a)
    by_volunteer = write(volunteer_a, library_a, publish=True)
    assert (by_manager.status, by_manager.published_at, by_manager.author) == (
        "draft",
        None,
        manager_a,
    )
    assert by_volunteer.status == "published"
    assert by_volunteer.published_at is not None


def test_staff_of_another_library_cannot_write_there(manager_b, library_a):
    with pytest.raises(NotPermitted):
        write(manager_b, library_a)
    assert not Post.objects.exists()


def test_district_news_is_for_the_office_only(admin, manager_a, viewer, library_a):
    post = write(admin, None, publish=True)
    assert post.library is None
    for actor in (manager_a, viewer):
        with pytest.raises(NotPermitted):
            write(actor, None)
    with pytest.raises(NotPermitted):
        write(viewer, library_a)


def test_office_writes_for_any_library(admin, library_b):
    assert write(admin, library_b).library == library_b


def test_title_and_text_are_trimmed_and_required(manager_a, library_a):
    post = services.post_create(
        actor=manager_a,
        library=library_a,
        title="  Lomba   mewarnai ",
        text="Paragraf satu.  \r\n\r\nParagraf dua.\r\n\r\n",
    )
    assert (post.title, post.text) == ("Lomba mewarnai", "Paragraf satu.\n\nParagraf dua.")
    with pytest.raises(Invalid) as refused:
        services.post_create(actor=manager_a, library=library_a, title=" ", text="")
    assert set(refused.value.fields) == {"title", "text"}


def test_a_very_long_text_is_refused(manager_a, library_a):
    with pytest.raises(Invalid) as refused:
        services.post_create(actor=manager_a, library=library_a, title="T", text="a" * 20_001)
    assert refused.value.fields["text"] == ["Keep the text under 20000 characters."]


def test_update_changes_the_post_of_the_own_library_only(manager_a, manager_b, post_a):
    changed = services.post_update(actor=manager_a, post=post_a, changes={"title": " Baru "})
    assert changed == ["title"]
    post_a.refresh_from_db()
    assert post_a.title == "Baru"
    with pytest.raises(NotPermitted):
        services.post_update(actor=manager_b, post=post_a, changes={"title": "Lain"})


def test_update_refuses_unknown_fields(manager_a, post_a):
    with pytest.raises(Invalid) as refused:
        services.post_update(actor=manager_a, post=post_a, changes={"status": "draft"})
    assert refused.value.fields == {"status": ["Unknown field."]}


# --- publishing and deleting ----------------------------------------------------


def test_publish_a_draft_once(volunteer_a, draft_a):
    services.post_publish(actor=volunteer_a, post=draft_a)
    draft_a.refresh_from_db()
    assert draft_a.status == "published"
    assert abs(draft_a.published_at - timezone.now()) < datetime.timedelta(minutes=1)
    with pytest.raises(Invalid, match="published already"):
        services.post_publish(actor=volunteer_a, post=draft_a)


def test_manager_deletes_a_post_a_volunteer_may_not(manager_a, volunteer_a, post_a):
    with pytest.raises(NotPermitted):
        services.post_delete(actor=volunteer_a, post=post_a)
    services.post_delete(actor=manager_a, post=post_a)
    post_a.refresh_from_db()
    assert post_a.deleted_at is not None
    with pytest.raises(NotFound):
        services.post_update(actor=manager_a, post=post_a, changes={"title": "x"})
    with pytest.raises(NotFound):
        services.post_delete(actor=manager_a, post=post_a)


def test_office_deletes_district_news(admin, manager_a):
    post = write(admin, None)
    with pytest.raises(NotPermitted):
        services.post_delete(actor=manager_a, post=post)
    services.post_delete(actor=admin, post=post)
    assert Post.objects.get().deleted_at is not None


# --- photos ---------------------------------------------------------------------


def test_a_photo_is_made_small_as_a_jpeg(manager_a, library_a, media):
    post = write(manager_a, library_a, photo=image(2000, 1500), photo_alt="Warga menanam pohon")
    with Image.open(post.photo.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (800, 600))
    assert post.photo.name.startswith("news/")


def test_a_transparent_png_photo_is_kept_on_white(manager_a, library_a, media):
    upload = image(400, 1600, kind="PNG", mode="RGBA")
    post = write(manager_a, library_a, photo=upload, photo_alt="Poster lomba")
    with Image.open(post.photo.path) as stored:
        assert (stored.format, stored.mode, stored.size) == ("JPEG", "RGB", (200, 800))


def test_a_photo_needs_words_for_those_who_cannot_see_it(manager_a, library_a, post_a, media):
    with pytest.raises(Invalid) as refused:
        write(manager_a, library_a, photo=image(100, 100))
    assert refused.value.fields == {"photo_alt": ["Say in a few words what the photo shows."]}
    with pytest.raises(Invalid):
        services.post_update(actor=manager_a, post=post_a, changes={"photo": image(100, 100)})


def test_a_photo_is_replaced_and_removed(manager_a, post_a, media):
    services.post_update(
        actor=manager_a, post=post_a, changes={"photo": image(1000, 400), "photo_alt": "Kolam"}
    )
    post_a.refresh_from_db()
    assert Image.open(post_a.photo.path).size == (800, 320)
    services.post_update(actor=manager_a, post=post_a, changes={"photo": ""})
    post_a.refresh_from_db()
    assert not post_a.photo


def test_a_file_that_is_not_an_image_is_refused(manager_a, library_a, media):
    upload = SimpleUploadedFile("foto.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(Invalid) as refused:
        write(manager_a, library_a, photo=upload, photo_alt="x")
    assert refused.value.fields == {"photo": ["This file could not be read as an image."]}
    assert not Post.objects.exists()


# --- comments -------------------------------------------------------------------


def comment(post, client="client-1", **extra):
    values = {"name": "Ibu Salmah", "text": "Terima kasih!", **extra}
    return services.comment_submit(post=post, client=client, **values)


def test_a_comment_waits_for_moderation(post_a):
    made = comment(post_a, name="  Ibu   Salmah ", text=" Bagus sekali.\r\nTerima kasih. ")
    assert (made.status, made.name, made.text) == (
        "pending",
        "Ibu Salmah",
        "Bagus sekali.\nTerima kasih.",
    )


def test_comments_only_on_published_posts(draft_a, post_a, manager_a):
    with pytest.raises(NotFound):
        comment(draft_a)
    services.post_delete(actor=manager_a, post=post_a)
    with pytest.raises(NotFound):
        comment(post_a)


def test_a_filled_honeypot_refuses_the_comment(post_a):
    with pytest.raises(Invalid) as refused:
        comment(post_a, honeypot="http://spam.example")
    assert refused.value.code == "honeypot"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("name", "text", "problems"),
    [
        ("", "Bagus", {"name": ["Give your name."]}),
        ("a" * 81, "Bagus", {"name": ["Keep your name under 80 characters."]}),
        ("Rina", " x ", {"text": ["Write your comment."]}),
        ("Rina", "a" * 2001, {"text": ["Keep your comment under 2000 characters."]}),
    ],
)
def test_comment_length_limits(post_a, name, text, problems):
    with pytest.raises(Invalid) as refused:
        comment(post_a, name=name, text=text)
    assert refused.value.fields == problems


def test_three_comments_per_address_in_ten_minutes(post_a, post_b, monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr("pustaka.core.abuse.time.time", lambda: now)
    for _number in range(3):
        comment(post_a)
    with pytest.raises(RateLimited):
        comment(post_b)
    # another address is not held up
    comment(post_a, client="client-2")
    # ten minutes after the first comments, the first address may comment again
    now += 601
    comment(post_a)
    assert Comment.objects.count() == 5


def test_refused_comments_do_not_count_towards_the_limit(post_a):
    for _number in range(3):
        with pytest.raises(Invalid):
            comment(post_a, text="")
    comment(post_a)


# --- moderation -----------------------------------------------------------------


def test_staff_approve_and_reject_comments_of_their_library(volunteer_a, comment_a):
    services.comment_moderate(actor=volunteer_a, comment=comment_a, decision="approved")
    assert Comment.objects.get().status == "approved"
    services.comment_moderate(actor=volunteer_a, comment=comment_a, decision="rejected")
    assert Comment.objects.get().status == "rejected"
    with pytest.raises(Invalid, match="already"):
        services.comment_moderate(actor=volunteer_a, comment=comment_a, decision="rejected")


def test_other_libraries_and_the_viewer_cannot_moderate(manager_b, viewer, admin, comment_a):
    for actor in (manager_b, viewer):
        with pytest.raises(NotPermitted):
            services.comment_moderate(actor=actor, comment=comment_a, decision="approved")
    services.comment_moderate(actor=admin, comment=comment_a, decision="approved")
    assert Comment.objects.get().status == "approved"


def test_an_unknown_decision_is_refused(manager_a, comment_a):
    with pytest.raises(Invalid) as refused:
        services.comment_moderate(actor=manager_a, comment=comment_a, decision="pending")
    assert refused.value.fields == {"decision": ["Choose approve or reject."]}
