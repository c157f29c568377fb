"""``field__among=values``: a lookup for long lists of keys (imports)."""

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField, Lookup, TextField


class Among(Lookup):
    """``field IN values`` with the values sent as one parameter: a JSON array
    read by ``json_each`` on SQLite, an array on PostgreSQL.

    ``__in`` costs the ORM a parameter each and the database a statement as
    long as the list to parse and plan; an import looks up hundreds of control
    numbers, ISBNs and barcodes a batch."""

    lookup_name = "among"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        field = self.lhs.output_field
        texts = isinstance(field, (CharField, TextField))  # a text is its own value there
        values = [
            item
            if texts and type(item) is str
            else field.get_db_prep_value(item, connection, prepared=False)
            for item in value
        ]
        return "%s", [values if connection.vendor == "postgresql" else json.dumps(values)]

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            sql = f"{lhs} = ANY({rhs})"
        else:
            sql = f"{lhs} IN (SELECT value FROM json_each({rhs}))"
        return sql, [*lhs_params, *rhs_params]
