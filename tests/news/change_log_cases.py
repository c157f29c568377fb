"""Change-log cases for the news services (collected by tests/core/test_change_log.py)."""

from pustaka.news import services
from tests.change_log import Expected


def _post(post, operation, **fields):
    return Expected("news.post", str(post.pk), operation, fields)


def case_post_create(manager_a, library_a):
    post = services.post_create(
        actor=manager_a, library=library_a, title="Lomba mewarnai", text="Untuk anak-anak."
    )
    return [_post(post, "create", title="Lomba mewarnai", status="draft")]


def case_post_update(manager_a, post_a):
    services.post_update(actor=manager_a, post=post_a, changes={"title": "Pelatihan lele"})
    return [_post(post_a, "update", title="Pelatihan lele")]


def case_post_publish(volunteer_a, draft_a):
    services.post_publish(actor=volunteer_a, post=draft_a)
    return [_post(draft_a, "update", status="published")]


def case_post_delete(manager_a, post_a):
    services.post_delete(actor=manager_a, post=post_a)
    post_a.refresh_from_db()
    return [_post(post_a, "update", deleted_at=post_a.deleted_at.isoformat())]


def case_comment_submit(post_a):
    comment = services.comment_submit(post=post_a, name="Ibu Salmah", text="Terima kasih!")
    fields = {"name": "Ibu Salmah", "status": "pending", "post_id": str(post_a.pk)}
    return [Expected("news.comment", str(comment.pk), "create", fields)]


def case_comment_moderate(volunteer_a, comment_a):
    services.comment_moderate(actor=volunteer_a, comment=comment_a, decision="approved")
    return [Expected("news.comment", str(comment_a.pk), "update", {"status": "approved"})]


CASES = {
    f"pustaka.news.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_post_create,
        case_post_update,
        case_post_publish,
        case_post_delete,
        case_comment_submit,
        case_comment_moderate,
    ]
}
