"""Text folded for search: ASCII letters in lower case and the accents of Spanish letters
taken off (María, MARIA and maria are one word; Núñez and nunez), the same in Python and in
SQL on SQLite and PostgreSQL. Other letters are left as they are (matched as typed).

``Folded`` is the SQL expression (an immutable one, for a stored generated column: the
officials' ``search`` column), :func:`fold` its Python twin for the words searched. Only
ASCII letters change case, as SQLite's ``lower()`` does, so both databases fold alike.
"""

from django.db.models import Func, TextField

# Spanish's accented letters. No more: SQLite has no TRANSLATE, each letter is one more
# nested REPLACE, and SQLite's parser refuses a column expression nested about 30 deep.
ACCENTED = "áéíóúüñÁÉÍÓÚÜÑ"
PLAIN = "aeiouunaeiouun"
assert len(ACCENTED) == len(PLAIN)
UPPER_ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER_ASCII = "abcdefghijklmnopqrstuvwxyz"
_TABLE = str.maketrans(UPPER_ASCII + ACCENTED, LOWER_ASCII + PLAIN)


def fold(text: str) -> str:
    """``text`` as the search column holds it."""
    return text.translate(_TABLE)


class Folded(Func):
    """SQL: the text of one expression folded like :func:`fold`."""

    arity = 1
    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):  # SQLite (and any other)
        sql, params = compiler.compile(self.source_expressions[0])
        sql, params = f"LOWER({sql})", list(params)
        for accented, plain in zip(ACCENTED, PLAIN, strict=True):
            sql = f"REPLACE({sql}, %s, %s)"
            params += [accented, plain]
        return sql, params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"TRANSLATE({sql}, %s, %s)", [*params, UPPER_ASCII + ACCENTED, LOWER_ASCII + PLAIN]
