"""Search of the union catalogue: one service, an SQLite FTS5 and a PostgreSQL
full-text backend behind it, indexing the same Python-stemmed terms."""
