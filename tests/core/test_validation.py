"""A row's validation looks up a foreign key's row only when the row it holds
was not read from the database (``BaseModel.clean_fields``). As the services
validate a new row: its new key is not looked up (``insert_logged``)."""

import pytest
from django.core.exceptions import ValidationError

from pustaka.libraries.models import Region

NEW_KEY = ["id"]


def village(parent) -> Region:
    return Region(code="64.02.01.2099", name="Desa Baru", level="desa", parent=parent)


def test_a_parent_read_from_the_database_is_not_looked_up_again(regions, django_assert_num_queries):
    kecamatan = Region.objects.get(code="64.02.01")
    with django_assert_num_queries(1):  # the code's uniqueness; not the parent's existence
        village(kecamatan).full_clean(exclude=NEW_KEY)


def test_a_parent_given_by_its_key_alone_is_looked_up(regions, django_assert_num_queries):
    row = Region(code="64.02.01.2099", name="Desa Baru", level="desa")
    row.parent_id = regions["64.02.01"].pk
    with django_assert_num_queries(2):
        row.full_clean(exclude=NEW_KEY)


def test_a_parent_never_saved_is_refused(regions):
    unsaved = Region(code="64.02.99", name="Belum Ada", level="kecamatan")
    with pytest.raises(ValidationError) as refused:
        village(unsaved).full_clean()
    assert "parent" in refused.value.message_dict


def test_a_parent_whose_key_was_changed_is_looked_up(regions):
    kecamatan = Region.objects.get(code="64.02.01")
    row = village(kecamatan)
    row.parent_id = kecamatan.pk.__class__(int=1)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "parent" in refused.value.message_dict


def test_uniqueness_is_still_checked(regions):
    kecamatan = Region.objects.get(code="64.02.01")
    twin = Region(code="64.02.01.2006", name="Kembar", level="desa", parent=kecamatan)
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert list(refused.value.message_dict) == ["code"]
