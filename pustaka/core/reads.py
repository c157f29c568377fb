"""Reading the one row a unique key names, cheaply."""

from django.db import models


def one_or_none(queryset: models.QuerySet):
    """The row of ``queryset``, which a unique key limits to at most one;
    None when there is none.

    Unlike ``first()`` it orders nothing: Django compiles an ORDER BY by
    comparing it with every selected column, which on the desk's joins costs
    as much as the rest of the statement.
    """
    return next(iter(queryset.order_by()[:1]), None)
