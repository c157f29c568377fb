"""News pages: staff write, publish, delete and moderate (each library only
its own); the public reads published posts and approved comments, and
comments with plain forms (JavaScript off)."""

import re

import pytest
from PIL import Image

from pustaka.libraries import services as library_services
from pustaka.news import services
from pustaka.news.models import Comment, Post
from tests.core.html import asset_urls, links, text
from tests.news.conftest import image

# --- staff pages ----------------------------------------------------------------


def test_staff_list_shows_only_the_own_library_posts(
    english_client_for, manager_a, post_a, draft_a, post_b
):
    page = english_client_for(manager_a).get("/staff/news/")
    assert page.status_code == 200
    shown = text(page.text)
    assert "Pelatihan budidaya lele" in shown and "Jadwal bulan puasa" in shown
    assert "Kelas komputer" not in shown
    assert ("News", "/staff/news/") in links(page.text)


def test_staff_of_another_library_cannot_open_or_change_a_post(
    english_client_for, manager_b, post_a
):
    client = english_client_for(manager_b)
    assert client.get(f"/staff/news/{post_a.pk}/").status_code == 404
    assert client.post(f"/staff/news/{post_a.pk}/", {"title": "x", "text": "y"}).status_code == 404
    assert client.post(f"/staff/news/{post_a.pk}/delete/").status_code == 404
    post_a.refresh_from_db()
    assert (post_a.title, post_a.deleted_at) == ("Pelatihan budidaya lele", None)


def test_write_a_post_with_a_photo_and_publish_it(english_client_for, volunteer_a, media):
    client = english_client_for(volunteer_a)
    response = client.post(
        "/staff/news/new/",
        {
            "title": "Menanam pohon bersama",
            "text": "Warga menanam 50 pohon.\n\nTerima kasih semua.",
            "photo": image(1600, 1200),
            "photo_alt": "Warga menanam pohon di tepi sungai",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.status, post.library.code, post.author) == ("published", "DSA", volunteer_a)
    assert Image.open(post.photo.path).size == (800, 600)
    page = english_client_for(volunteer_a).get(f"/berita/{post.pk}/")
    assert f'<img class="news-photo" src="{post.photo.url}" alt="Warga menanam pohon' in page.text
    assert client.get(post.photo.url).status_code == 200


def test_save_a_draft_then_publish_it_from_the_list(english_client_for, manager_a, english):
    client = english_client_for(manager_a)
    client.post("/staff/news/new/", {"title": "Draf", "text": "Belum selesai."})
    post = Post.objects.get()
    assert post.status == "draft"
    assert english.get(f"/berita/{post.pk}/").status_code == 404
    listing = client.get("/staff/news/").text
    assert f'action="/staff/news/{post.pk}/publish/"' in listing
    client.post(f"/staff/news/{post.pk}/publish/")
    assert english.get(f"/berita/{post.pk}/").status_code == 200


def test_the_office_writes_district_news(english_client_for, admin, library_a, english):
    client = english_client_for(admin)
    form = client.get("/staff/news/new/").text
    assert "The whole district" in form
    client.post(
        "/staff/news/new/", {"library": "", "title": "Lomba", "text": "Isi.", "publish": "1"}
    )
    post = Post.objects.get()
    assert post.library is None
    assert "District news" in text(english.get("/berita/").text)


def test_a_missing_photo_description_is_shown_on_the_form(english_client_for, manager_a, media):
    response = english_client_for(manager_a).post(
        "/staff/news/new/", {"title": "Foto", "text": "Isi.", "photo": image(50, 50)}
    )
    assert response.status_code == 200
    assert "Say in a few words what the photo shows." in text(response.text)
    assert not Post.objects.exists()


def test_edit_a_post(english_client_for, manager_a, post_a):
    client = english_client_for(manager_a)
    assert 'value="Pelatihan budidaya lele"' in client.get(f"/staff/news/{post_a.pk}/").text
    client.post(f"/staff/news/{post_a.pk}/", {"title": "Pelatihan lele", "text": "Isi baru."})
    post_a.refresh_from_db()
    assert (post_a.title, post_a.text) == ("Pelatihan lele", "Isi baru.")


def test_volunteer_may_not_delete_the_manager_may(
    english_client_for, volunteer_a, manager_a, post_a
):
    volunteer = english_client_for(volunteer_a)
    assert "Delete this post" not in volunteer.get(f"/staff/news/{post_a.pk}/").text
    assert volunteer.post(f"/staff/news/{post_a.pk}/delete/").status_code == 403
    manager = english_client_for(manager_a)
    assert "will no longer be shown" in manager.get(f"/staff/news/{post_a.pk}/delete/").text
    manager.post(f"/staff/news/{post_a.pk}/delete/")
    post_a.refresh_from_db()
    assert post_a.deleted_at is not None


def test_viewer_reads_the_list_but_writes_nothing(english_client_for, viewer, post_a, comment_a):
    client = english_client_for(viewer)
    page = client.get("/staff/news/").text
    assert "Pelatihan budidaya lele" in page and "Write a post" not in page
    assert client.get("/staff/news/new/").status_code == 403
    assert client.get(f"/staff/news/{post_a.pk}/").status_code == 403
    queue = client.get("/staff/news/comments/").text
    assert "Kapan ada pelatihan lagi?" in queue and "Approve" not in queue
    moderate = client.post(
        f"/staff/news/comments/{comment_a.pk}/moderate/", {"decision": "approved"}
    )
    assert moderate.status_code == 403


def test_moderation_queue_holds_only_the_own_library_comments(
    english_client_for, manager_a, manager_b, comment_a, post_b
):
    services.comment_submit(post=post_b, name="Budi", text="Ikut kelas", client="c")
    queue_a = text(english_client_for(manager_a).get("/staff/news/comments/").text)
    assert "Kapan ada pelatihan lagi?" in queue_a and "Ikut kelas" not in queue_a
    listing = text(english_client_for(manager_a).get("/staff/news/").text)
    assert "1 comment waits for moderation" in listing
    client_b = english_client_for(manager_b)
    moderate = client_b.post(
        f"/staff/news/comments/{comment_a.pk}/moderate/", {"decision": "approved"}
    )
    assert moderate.status_code == 404
    assert Comment.objects.get(pk=comment_a.pk).status == "pending"


def test_approve_a_comment_and_it_appears_under_the_post(
    english_client_for, volunteer_a, comment_a, english
):
    client = english_client_for(volunteer_a)
    response = client.post(
        f"/staff/news/comments/{comment_a.pk}/moderate/", {"decision": "approved"}, follow=True
    )
    assert "The comment by Pak Rusdi is shown under the post." in text(response.text)
    assert "No comment is waiting." in text(response.text)
    assert "Kapan ada pelatihan lagi?" in english.get(f"/berita/{comment_a.post_id}/").text


def test_reject_a_comment(english_client_for, manager_a, comment_a, english):
    english_client_for(manager_a).post(
        f"/staff/news/comments/{comment_a.pk}/moderate/", {"decision": "rejected"}
    )
    assert Comment.objects.get().status == "rejected"
    assert "Kapan ada pelatihan lagi?" not in english.get(f"/berita/{comment_a.post_id}/").text


# --- public pages ---------------------------------------------------------------


def test_public_list_shows_published_posts_only(english, admin, post_a, draft_a, post_b, library_b):
    page = text(english.get("/berita/").text)
    assert "Pelatihan budidaya lele" in page and "Kelas komputer untuk ibu-ibu" in page
    assert "Jadwal bulan puasa" not in page
    # a library that closed down takes its news along
    library_services.library_update(actor=admin, library=library_b, changes={"is_active": False})
    page = text(english.get("/berita/").text)
    assert "Kelas komputer untuk ibu-ibu" not in page


def test_public_list_of_one_library(english, post_a, post_b):
    page = text(english.get("/berita/", {"perpustakaan": "dsa"}).text)
    assert "News of Perpustakaan Desa Rebaq Rinding" in page
    assert "Pelatihan budidaya lele" in page and "Kelas komputer" not in page
    assert english.get("/berita/", {"perpustakaan": "XX"}).status_code == 404


def test_public_list_pages_ten_at_a_time(english, manager_a, library_a):
    for number in range(12):
        services.post_create(
            actor=manager_a, library=library_a, title=f"Berita {number:02d}", text="x", publish=True
        )
    first = english.get("/berita/").text
    assert first.count('<article class="news-item">') == 10
    assert "Page 1 of 2" in text(first)
    assert english.get("/berita/", {"page": 2}).text.count('<article class="news-item">') == 2


def test_deleted_and_draft_posts_are_not_found(english, manager_a, post_a, draft_a):
    assert english.get(f"/berita/{draft_a.pk}/").status_code == 404
    services.post_delete(actor=manager_a, post=post_a)
    assert english.get(f"/berita/{post_a.pk}/").status_code == 404


def test_post_page_shows_paragraphs_and_approved_comments_only(english, manager_a, post_a):
    approved = services.comment_submit(post=post_a, name="Ibu Salmah", text="Bagus!", client="a")
    services.comment_moderate(actor=manager_a, comment=approved, decision="approved")
    services.comment_submit(post=post_a, name="Rina", text="Belum dibaca", client="b")
    rejected = services.comment_submit(post=post_a, name="Spam", text="Beli obat", client="c")
    services.comment_moderate(actor=manager_a, comment=rejected, decision="rejected")

    page = english.get(f"/berita/{post_a.pk}/").text

    assert "<p>Sabtu ini ada pelatihan.</p>\n\n<p>Semua warga diundang.</p>" in page
    assert "Ibu Salmah" in page and "Bagus!" in page
    assert "Belum dibaca" not in page and "Beli obat" not in page


def test_html_written_by_people_is_shown_as_text(english, manager_a, library_a):
    post = services.post_create(
        actor=manager_a,
        library=library_a,
        title="<b>Judul</b>",
        text='<script>alert("x")</script>',
        publish=True,
    )
    comment = services.comment_submit(post=post, name="<i>A</i>", text="<img src=x>", client="a")
    services.comment_moderate(actor=manager_a, comment=comment, decision="approved")
    page = english.get(f"/berita/{post.pk}/").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page
    assert "<b>Judul</b>" not in page


def comment_form(**extra) -> dict:
    return {"name": "Pak Rusdi", "text": "Kapan ada pelatihan lagi?", "homepage": "", **extra}


def test_comment_with_javascript_off_waits_for_moderation(english, post_a):
    page = english.get(f"/berita/{post_a.pk}/").text
    form = re.search(
        r'<form method="post" action="/berita/[^"]+/" class="narrow"[^>]*>(.*?)</form>', page, re.S
    )
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form[1] and 'name="homepage"' in form[1]
    assert '<label for="id_name">' in form[1] and '<label for="id_text">' in form[1]

    response = english.post(f"/berita/{post_a.pk}/", comment_form(), follow=True)

    assert response.redirect_chain == [(f"/berita/{post_a.pk}/", 302)]
    assert "Your comment waits for moderation" in text(response.text)
    comment = Comment.objects.get()
    assert (comment.status, comment.name) == ("pending", "Pak Rusdi")
    assert "Kapan ada pelatihan lagi?" not in response.text.split("Write a comment")[0]


def test_a_filled_honeypot_sends_nothing(english, post_a):
    response = english.post(f"/berita/{post_a.pk}/", comment_form(homepage="http://spam.example"))
    assert response.status_code == 200
    assert "The form was not sent. Please check it and send it again." in text(response.text)
    assert 'name="homepage" value=""' in response.text
    assert not Comment.objects.exists()


def test_the_fourth_comment_in_ten_minutes_is_refused(english, post_a):
    for _number in range(3):
        assert english.post(f"/berita/{post_a.pk}/", comment_form()).status_code == 302
    response = english.post(f"/berita/{post_a.pk}/", comment_form())
    assert response.status_code == 200
    assert "Please wait a few minutes and try again." in text(response.text)
    assert Comment.objects.count() == 3


def test_the_rate_limit_keeps_no_address_in_the_database(english, post_a):
    english.post(f"/berita/{post_a.pk}/", comment_form(), REMOTE_ADDR="10.1.2.3")
    stored = [str(value) for value in Comment.objects.values().get().values()]
    assert not any("10.1.2.3" in value for value in stored)


@pytest.mark.parametrize("path", ["/berita/", "/berita/{post}/"])
def test_news_pages_load_nothing_from_outside(english, post_a, path):
    page = english.get(path.format(post=post_a.pk)).text
    assert all(url.startswith("/") for url in asset_urls(page))


def test_home_and_library_pages_show_the_latest_news(english, admin, post_a, post_b):
    services.post_create(actor=admin, library=None, title="Lomba bercerita", text="x", publish=True)
    home = text(english.get("/").text)
    for title in ("Pelatihan budidaya lele", "Kelas komputer untuk ibu-ibu", "Lomba bercerita"):
        assert title in home
    library = english.get("/perpustakaan/DSA/").text
    assert ("Pelatihan budidaya lele", f"/berita/{post_a.pk}/") in links(library)
    assert "Kelas komputer" not in library and "Lomba bercerita" not in library
    assert ("All news of this library", "/berita/?perpustakaan=DSA") in links(library)
