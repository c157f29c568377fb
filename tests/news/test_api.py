"""The news API: published posts, writing a post, moderating comments; each
library's staff only for their library."""

from pustaka.news.models import Comment, Post


def post_json(client, path, data=None):
    return client.post(path, data=data or {}, content_type="application/json")


def test_list_published_posts(api_for, viewer, post_a, draft_a, post_b):
    response = api_for(viewer).get("/api/v1/news")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {item["title"] for item in body["items"]} == {
        "Pelatihan budidaya lele",
        "Kelas komputer untuk ibu-ibu",
    }
    only_a = api_for(viewer).get("/api/v1/news", {"library": "DSA"}).json()
    assert [item["library"] for item in only_a["items"]] == ["DSA"]
    assert only_a["items"][0]["text"] == "Sabtu ini ada pelatihan.\n\nSemua warga diundang."


def test_staff_write_a_post_for_their_own_library(api_for, volunteer_a, library_a):
    response = post_json(
        api_for(volunteer_a), "/api/v1/news", {"title": "Lomba", "text": "Isi.", "publish": True}
    )
    assert response.status_code == 201
    assert (response.json()["library"], response.json()["status"]) == ("DSA", "published")
    refused = post_json(
        api_for(volunteer_a), "/api/v1/news", {"title": "x", "text": "y", "library": "DSB"}
    )
    assert refused.status_code == 403
    assert Post.objects.count() == 1


def test_office_writes_district_news_and_publishes_a_draft(api_for, admin, library_b):
    client = api_for(admin)
    district = post_json(client, "/api/v1/news", {"title": "Kabupaten", "text": "Isi."}).json()
    assert (district["library"], district["status"]) == (None, "draft")
    published = post_json(client, f"/api/v1/news/{district['id']}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    for_b = post_json(client, "/api/v1/news", {"title": "B", "text": "Isi.", "library": "dsb"})
    assert for_b.json()["library"] == "DSB"


def test_the_viewer_cannot_write(api_for, viewer, library_a):
    response = post_json(api_for(viewer), "/api/v1/news", {"title": "x", "text": "y"})
    assert response.status_code == 403


def test_moderate_comments_through_the_api(api_for, manager_a, manager_b, comment_a):
    waiting = api_for(manager_a).get("/api/v1/news/comments").json()
    assert [item["name"] for item in waiting["items"]] == ["Pak Rusdi"]
    assert api_for(manager_b).get("/api/v1/news/comments").json()["count"] == 0
    path = f"/api/v1/news/comments/{comment_a.pk}/moderate"
    assert post_json(api_for(manager_b), path, {"decision": "approved"}).status_code == 404
    response = post_json(api_for(manager_a), path, {"decision": "approved"})
    assert response.status_code == 200 and response.json()["status"] == "approved"
    again = post_json(api_for(manager_a), path, {"decision": "approved"})
    assert again.status_code == 422
    assert Comment.objects.get().status == "approved"
