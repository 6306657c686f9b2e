"""Integers a database column cannot hold never reach the database.

Django (5.0 on) answers an equality or comparison with an integer outside the column's range by matching
nothing; `__in` it still sends, and SQLite cannot even bind an integer beyond 64 bits (OverflowError, a 500
for whoever typed the id). This `in` leaves out the values no row of the column can have, before the query
is built, for every integer column: the ids of ModelMultipleChoiceField, the admin's many-to-many boxes
and our services alike. A form then says "not one of the available choices", as for any unknown id.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            fits = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not fits:
                raise EmptyResultSet
            self.rhs = fits
        return super().process_rhs(compiler, connection)


def register_integer_lookups() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
