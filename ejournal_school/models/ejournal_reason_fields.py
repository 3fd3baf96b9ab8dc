"""REQ-92: absence reasons are personal data (illness).

They are read only by the class teacher of the lesson's class, the control
group (director, deputies, school administrator) and the pupil's own family
in the diary (whose record rules already limit them to their own children).
For everybody else the column reads as empty *in SQL*: every read path goes
through ``Field.to_sql`` (read, search_read, web_read, read_group, domains,
ordering, exports, the gradebook's raw rows), so none of them shows, filters,
groups or sorts by a reason the user may not see.
"""

from odoo import fields
from odoo.tools import SQL


def _reason_visible_sql(model, alias, sql_field):
    env = model.env
    if (
        env.su
        or env.user._is_portal()
        or env.user.has_group("ejournal_school.group_ejournal_control")
    ):
        return sql_field
    return SQL(
        """CASE WHEN %(class_id)s IN (
                SELECT led.id FROM ejournal_class led
                JOIN hr_employee teacher ON teacher.id = led.class_teacher_id
                WHERE teacher.user_id = %(uid)s
            ) THEN %(value)s END""",
        class_id=SQL.identifier(alias, "class_id", to_flush=model._fields["class_id"]),
        uid=env.uid,
        value=sql_field,
    )


class ReasonSelection(fields.Selection):
    def to_sql(self, model, alias):
        return _reason_visible_sql(model, alias, super().to_sql(model, alias))


class ReasonDate(fields.Date):
    def to_sql(self, model, alias):
        return _reason_visible_sql(model, alias, super().to_sql(model, alias))


class ReasonDatetime(fields.Datetime):
    def to_sql(self, model, alias):
        return _reason_visible_sql(model, alias, super().to_sql(model, alias))


class ReasonMany2one(fields.Many2one):
    def to_sql(self, model, alias):
        return _reason_visible_sql(model, alias, super().to_sql(model, alias))


class ReasonBoolean(fields.Boolean):
    def to_sql(self, model, alias):
        return _reason_visible_sql(model, alias, super().to_sql(model, alias))
