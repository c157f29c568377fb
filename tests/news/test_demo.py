"""The demo news: posts of the district and of some libraries, comments
approved and waiting, loaded once."""

from pustaka.libraries import demo as libraries_demo
from pustaka.news import demo
from pustaka.news.models import Comment, Post


def test_demo_news_is_loaded_once(db):
    # given the demo district
    libraries_demo.demo_load()
    # when the news is loaded
    added = demo.demo_load()
    # then
    assert added == {"news posts": 6, "comments": 3}
    published = Post.objects.filter(status="published")
    assert published.filter(library__isnull=True).count() == 1
    assert set(published.exclude(library=None).values_list("library__code", flat=True)) == {
        "DS01",
        "DS02",
        "TB01",
    }
    assert Post.objects.get(status="draft").library.code == "DS01"
    assert Post.objects.get(title__startswith="Kelas komputer").author.username == "pengelola2"
    statuses = sorted(Comment.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "pending"]
    # and loading again adds nothing
    assert demo.demo_load() == {"news posts": 0, "comments": 0}
    assert Post.objects.count() == 6
