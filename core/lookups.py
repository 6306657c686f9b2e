"""Integers a database column cannot hold never reach the database.

Django (5.0 on) answers an equality or comparison with an integer outside the column's range by matching
nothing; `__in` it still sends, and SQLite cannot even bind an integer beyond 64 bits (OverflowError, a 500
for whoever typed the id). This `in` leaves out the values no row of the column can have, before the query
is built, for every integer column: the ids of ModelMultipleChoiceField, the admin's many-to-many boxes
and our services alike. A form then says "not one of the available choices", as for any unknown id.
An equality on a foreign key (`consultation_id=pk`) is a lookup of the key, which Django does not check
either: it matches nothing too when the value is beyond the range of the column it points to.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedExact
from django.db.models.lookups import In


def _out_of_range(value, field, connection) -> bool:
    if not isinstance(value, int) or not isinstance(field, IntegerField):
        return False
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is not None and value < low) or (high is not None and value > high)


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            fits = [value for value in self.rhs if not _out_of_range(value, field, connection)]
            if not fits:
                raise EmptyResultSet
            self.rhs = fits
        return super().process_rhs(compiler, connection)


class ForeignKeyExact(RelatedExact):
    def process_rhs(self, compiler, connection):
        target = getattr(self.lhs.output_field, "target_field", None)
        if self.rhs_is_direct_value() and _out_of_range(self.rhs, target, connection):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register_integer_lookups() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignKey.register_lookup(ForeignKeyExact)
