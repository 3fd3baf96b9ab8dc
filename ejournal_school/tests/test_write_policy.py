"""Every stored field of every journal model has a named writer (REQ-04, REQ-44).

``POLICY`` says, for each ``ejournal.*`` model and each of its stored fields,
which roles may write it; every other role must be refused (``AccessError``
or ``UserError``: never a silent success, never a mere constraint). A model
or a field added without a decision here fails ``test_every_field_decided``.
One2many fields are not listed: their commands are writes of the records
they hold, decided by those records' own model.
"""

from datetime import date, timedelta

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, EjournalJournalCommon

ROLES = (
    "teacher",  # teaches maths in 5А and conducts its lessons
    "class_teacher",  # leads 5А, teaches nothing there
    "other_teacher",  # leads 6А, teaches English there
    "secretary",
    "control",
    "deputy",
    "admin",  # the school administrator
    "parent",  # portal: mother of a pupil of 5А
    "student",  # portal: a pupil of 5А
    "teacher_b",  # a teacher of the second school
)
NOBODY = frozenset()
DEPUTY = frozenset({"deputy", "admin"})
ADMIN = frozenset({"admin"})
CONDUCTOR = frozenset({"teacher"})
CLASS_TEACHER = frozenset({"class_teacher", "deputy", "admin"})
CARD_KEEPERS = frozenset({"class_teacher", "secretary", "admin"})
SECRETARY = frozenset({"secretary", "admin"})
PLAN_AUTHOR = frozenset({"teacher"})
EVENT_KEEPERS = frozenset({"teacher", "deputy", "admin"})
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date"}

# model: {field: roles that may write it}. NOBODY marks what the journal sets
# itself (stored related and computed fields, stamps) or what never changes.
POLICY = {
    "ejournal.academic.year": {
        **dict.fromkeys(("name", "date_start", "date_end", "state"), DEPUTY),
        **dict.fromkeys(("company_id", "mark_grace_days"), NOBODY),
    },
    "ejournal.period": {
        **dict.fromkeys(("name", "date_start", "date_end", "kind", "year_id"), DEPUTY),
        **dict.fromkeys(("company_id", "mark_grace_days"), NOBODY),
    },
    "ejournal.holiday": {
        **dict.fromkeys(
            ("name", "kind", "date_start", "date_end", "grade_level", "year_id"),
            DEPUTY,
        ),
        "company_id": NOBODY,
    },
    "ejournal.day.transfer": {
        **dict.fromkeys(("date", "weekday", "reason", "year_id"), DEPUTY),
        **dict.fromkeys(("company_id", "entered_on", "is_late"), NOBODY),
    },
    "ejournal.education.area": {
        **dict.fromkeys(("name", "sequence", "active"), DEPUTY),
        "company_id": NOBODY,
    },
    "ejournal.subject": {
        **dict.fromkeys(
            (
                "name",
                "short_name",
                "sequence",
                "area_id",
                "teacher_ids",
                "grade_scale_id",
                "active",
            ),
            DEPUTY,
        ),
        "company_id": NOBODY,
    },
    "ejournal.curriculum.component": {
        **dict.fromkeys(("name", "sequence"), DEPUTY),
        "company_id": NOBODY,
    },
    "ejournal.curriculum": {
        **dict.fromkeys(
            ("name", "profile", "grade_level", "max_weekly_hours", "year_id"), DEPUTY
        ),
        **dict.fromkeys(
            ("company_id", "total_hours", "is_overloaded", "load_warning"), NOBODY
        ),
    },
    "ejournal.curriculum.line": {
        **dict.fromkeys(
            ("curriculum_id", "subject_id", "component_id", "hours_per_week"), DEPUTY
        ),
        "sequence": DEPUTY,
        "company_id": NOBODY,
    },
    "ejournal.curriculum.limit": {
        **dict.fromkeys(("curriculum_id", "component_id", "max_hours"), DEPUTY),
        "company_id": NOBODY,
    },
    "ejournal.class": {
        **dict.fromkeys(
            (
                "grade_level",
                "letter",
                "class_teacher_id",
                "curriculum_id",
                "room",
                "shift",
                "active",
            ),
            DEPUTY,
        ),
        # A class with lessons keeps its year; the name follows grade and letter.
        **dict.fromkeys(("year_id", "name", "company_id"), NOBODY),
    },
    "ejournal.class.enrolment": {
        **dict.fromkeys(("student_id", "class_id", "date_from", "date_to"), SECRETARY),
        "company_id": NOBODY,
    },
    "ejournal.subgroup": {
        **dict.fromkeys(("name", "class_id", "subject_id", "student_ids"), DEPUTY),
        "company_id": NOBODY,
    },
    "ejournal.teaching.assignment": {
        **dict.fromkeys(
            ("class_id", "subgroup_id", "subject_id", "teacher_id", "hours_per_week"),
            DEPUTY,
        ),
        **dict.fromkeys(("year_id", "teacher_user_id", "company_id"), NOBODY),
    },
    "ejournal.student": {
        **dict.fromkeys(("gender", "birth_date", "user_id"), CARD_KEEPERS),
        **dict.fromkeys(("class_id", "state", "personal_file_number"), SECRETARY),
        "active": SECRETARY,
        **dict.fromkeys(("partner_id", "company_id"), NOBODY),
    },
    "ejournal.parent": {
        **dict.fromkeys(("gender", "birth_date", "user_id"), CARD_KEEPERS),
        "active": SECRETARY,
        # The parent's own choice (the diary), and the digest's own stamp.
        **dict.fromkeys(("digest_opt_in", "last_digest_at"), NOBODY),
        **dict.fromkeys(("partner_id", "company_id"), NOBODY),
    },
    "ejournal.guardianship": {
        "relation": CARD_KEEPERS,
        # A link is replaced, never moved to another person.
        **dict.fromkeys(
            ("student_id", "parent_id", "student_class_id", "company_id"), NOBODY
        ),
    },
    "ejournal.work.type": {
        **dict.fromkeys(
            (
                "name",
                "short_name",
                "sequence",
                "weight",
                "is_control_work",
                "active",
            ),
            ADMIN,
        ),
        "company_id": NOBODY,
    },
    "ejournal.grade.scale": {
        **dict.fromkeys(("name", "sequence", "active"), ADMIN),
        "company_id": NOBODY,
    },
    "ejournal.grade.scale.value": {
        **dict.fromkeys(
            (
                "code",
                "name",
                "sequence",
                "numeric_value",
                "counts_in_average",
                "passing",
                "active",
            ),
            ADMIN,
        ),
        **dict.fromkeys(("scale_id", "company_id"), NOBODY),
    },
    "ejournal.bell": {
        **dict.fromkeys(("lesson_number", "time_start", "time_end", "shift"), DEPUTY),
        "company_id": NOBODY,
    },
    "ejournal.timetable.slot": {
        **dict.fromkeys(
            (
                "class_id",
                "subgroup_id",
                "weekday",
                "lesson_number",
                "subject_id",
                "teacher_id",
                "room",
                "date_from",
                "date_to",
            ),
            DEPUTY,
        ),
        "company_id": NOBODY,
    },
    "ejournal.event": {
        **dict.fromkeys(
            ("name", "description", "date_start", "date_end", "responsible_id"),
            CLASS_TEACHER,
        ),
        "class_id": DEPUTY,
        **dict.fromkeys(("scope", "entered_on", "is_late", "company_id"), NOBODY),
    },
    "ejournal.thematic.plan": {
        **dict.fromkeys(("class_id", "subject_id"), PLAN_AUTHOR),
        # Another teacher's plan is theirs to make.
        **dict.fromkeys(("teacher_id", "teacher_user_id", "year_id"), NOBODY),
        "company_id": NOBODY,
    },
    "ejournal.thematic.plan.line": {
        **dict.fromkeys(("name", "hours", "sequence"), PLAN_AUTHOR),
        **dict.fromkeys(("plan_id", "company_id"), NOBODY),
    },
    "ejournal.lesson": {
        **dict.fromkeys(
            (
                "date",
                "lesson_number",
                "class_id",
                "subgroup_id",
                "subject_id",
                "teacher_id",
                "slot_id",
                "substitute_teacher_id",
                "state",
            ),
            DEPUTY,
        ),
        "room": CONDUCTOR | DEPUTY,
        **dict.fromkeys(
            (
                "plan_line_id",
                "topic",
                "material",
                "work_done",
                "work_type_id",
                "attendance_taken",
                "attachment_ids",
            ),
            CONDUCTOR,
        ),
        **dict.fromkeys(
            (
                "period_id",
                "year_id",
                "company_id",
                "teacher_user_id",
                "substitute_user_id",
                "grade_scale_id",
                "control_work_deadline",
                "ends_at",
                "has_topic",
                "has_homework",
                "mark_count",
            ),
            NOBODY,
        ),
    },
    "ejournal.homework": {
        **dict.fromkeys(("text", "kind", "student_ids", "attachment_ids"), CONDUCTOR),
        **dict.fromkeys(("lesson_id", "date", "company_id"), NOBODY),
    },
    "ejournal.mark": {
        **dict.fromkeys(("value_id", "work_type_id", "comment"), CONDUCTOR),
        **dict.fromkeys(
            (
                "lesson_id",
                "student_id",
                "date",
                "subject_id",
                "class_id",
                "period_id",
                "company_id",
            ),
            NOBODY,
        ),
    },
    "ejournal.attendance": {
        "status": CONDUCTOR,
        **dict.fromkeys(("reason", "document_date"), CLASS_TEACHER),
        **dict.fromkeys(
            (
                "lesson_id",
                "student_id",
                "date",
                "subject_id",
                "class_id",
                "period_id",
                "company_id",
                "reason_set_on",
                "reason_set_by_id",
                "reason_is_late",
            ),
            NOBODY,
        ),
    },
    "ejournal.period.mark": {
        "value_id": frozenset({"teacher", "class_teacher"}),
        **dict.fromkeys(
            (
                "student_id",
                "class_id",
                "subject_id",
                "kind",
                "period_id",
                "year_id",
                "teacher_user_ids",
                "company_id",
            ),
            NOBODY,
        ),
    },
    # Frozen once submitted; the decision is written by the approval itself.
    "ejournal.correction": dict.fromkeys(
        (
            "name",
            "target",
            "operation",
            "mark_id",
            "attendance_id",
            "period_mark_id",
            "lesson_id",
            "student_id",
            "new_value_id",
            "new_work_type_id",
            "new_status",
            "old_value",
            "old_value_id",
            "old_work_type_id",
            "old_status",
            "new_value",
            "reason",
            "state",
            "requested_by_id",
            "requested_on",
            "approved_by_id",
            "approved_on",
            "company_id",
        ),
        NOBODY,
    ),
    # Append-only.
    "ejournal.audit.log": dict.fromkeys(
        (
            "log_time",
            "user_id",
            "db_role",
            "xact_id",
            "model_name",
            "res_id",
            "record_name",
            "operation",
            "old_values",
            "new_values",
            "prev_hash",
            "hash",
            "seq",
            "key_version",
            "company_id",
        ),
        NOBODY,
    ),
    "ejournal.audit.checkpoint": dict.fromkeys(
        (
            "company_id",
            "checkpoint_time",
            "last_seq",
            "last_log_id",
            "row_count",
            "head_hash",
            "key_version",
            "signature",
        ),
        NOBODY,
    ),
}
# Sample values that keep a record valid where the generic one would not.
SAMPLE_VALUES = {
    ("ejournal.attendance", "document_date"): TODAY,
    ("ejournal.class", "grade_level"): 7,
    ("ejournal.event", "date_start"): TODAY + timedelta(days=1),
    ("ejournal.holiday", "date_start"): date(2027, 9, 19),
}


@tagged("post_install", "-at_install", "ejournal", "ejournal_write_policy")
class TestWritePolicy(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            "teacher": cls.user_teacher,
            "class_teacher": cls.user_class_teacher,
            "other_teacher": cls.user_other_teacher,
            "secretary": cls.user_secretary,
            "control": cls.user_control,
            "deputy": cls.user_deputy,
            "admin": cls.user_admin_school,
            "parent": cls.user_parent,
            "student": cls.user_student,
            "teacher_b": cls.user_teacher_b,
        }
        cls.samples = cls._samples()

    @classmethod
    def _samples(cls):
        """One record per model, in a state where its writers may write it."""
        env = cls.env
        next_year = cls._create_year(
            cls.school_a,
            name="2027/2028",
            start="2027-09-01",
            end="2028-05-31",
            state="draft",
        )
        next_period = env["ejournal.period"].create(
            cls._period_vals(next_year, "1st quarter", "2027-09-01", "2027-10-31")
        )
        trimester = env["ejournal.period"].create(
            cls._period_vals(cls.year, "T1", "2026-09-01", "2026-10-13")
            | {"kind": "trimester"}
        )
        lesson = cls.lesson_future
        mark = env["ejournal.mark"].create(
            cls._mark_vals(cls.lesson_today, cls.student_5a_1)
        )
        absence = env["ejournal.attendance"].create(
            {
                "lesson_id": cls.lesson_today.id,
                "student_id": cls.student_5a_2.id,
                "status": "absent",
            }
        )
        with journal_unlocked():
            period_mark = env["ejournal.period.mark"].create(
                {
                    "student_id": cls.student_5a_1.id,
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.subject_math.id,
                    "kind": "trimester",
                    "period_id": trimester.id,
                    "value_id": cls.v4.id,
                }
            )
        past_mark = cls._past_mark(cls.lesson_yesterday, cls.student_5a_3)
        correction = (
            env["ejournal.correction"]
            .with_user(cls.user_teacher)
            .create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": past_mark.id,
                    "new_value_id": cls.v3.id,
                    "reason": "Ошибка ввода",
                }
            )
            .sudo()
        )
        plan = env["ejournal.thematic.plan"].create(
            {
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_math.id,
                "teacher_id": cls.employee_teacher.id,
                "line_ids": [Command.create({"name": "Дроби", "hours": 2})],
            }
        )
        scale = env["ejournal.grade.scale"].create(
            {
                "name": "Школьная шкала",
                "company_id": cls.school_a.id,
                "value_ids": [
                    Command.create({"code": "A", "numeric_value": 5}),
                    Command.create({"code": "B", "numeric_value": 4}),
                ],
            }
        )
        work_type = env["ejournal.work.type"].create(
            {"name": "Проект", "weight": 2, "company_id": cls.school_a.id}
        )
        env.flush_all()
        audit = env["ejournal.audit.log"]
        return {
            "ejournal.academic.year": next_year,
            "ejournal.period": next_period,
            "ejournal.holiday": env["ejournal.holiday"].create(
                {
                    "name": "Праздник",
                    "year_id": next_year.id,
                    "kind": "holiday",
                    "date_start": "2027-09-20",
                    "date_end": "2027-09-20",
                }
            ),
            "ejournal.education.area": cls.area_languages,
            "ejournal.subject": cls.subject_english,
            "ejournal.curriculum.component": cls.component_school,
            "ejournal.curriculum": cls.curriculum_5,
            "ejournal.curriculum.line": cls.curriculum_5.line_ids[:1],
            "ejournal.curriculum.limit": cls.limit_invariant,
            "ejournal.class": cls.class_5a,
            "ejournal.class.enrolment": cls.student_5a_3.enrolment_ids[:1],
            "ejournal.subgroup": cls.subgroup_5a_english,
            "ejournal.teaching.assignment": cls.assignment_math_5a,
            "ejournal.student": cls.student_5a_3,
            "ejournal.parent": cls.parent_5a,
            "ejournal.guardianship": cls.parent_5a.guardianship_ids[:1],
            "ejournal.work.type": work_type,
            "ejournal.grade.scale": scale,
            "ejournal.grade.scale.value": scale.value_ids[:1],
            "ejournal.bell": cls.bell_6,
            "ejournal.timetable.slot": cls.slot_math_fri,
            "ejournal.day.transfer": env["ejournal.day.transfer"].create(
                {"date": "2026-12-26", "weekday": "0", "year_id": cls.year.id}
            ),
            "ejournal.event": env["ejournal.event"].create(
                {
                    "name": "Родительское собрание",
                    "date_start": TODAY + timedelta(days=2),
                    "date_end": TODAY + timedelta(days=2),
                    "class_id": cls.class_5a.id,
                    "company_id": cls.school_a.id,
                }
            ),
            "ejournal.thematic.plan": plan,
            "ejournal.thematic.plan.line": plan.line_ids,
            "ejournal.lesson": lesson,
            "ejournal.homework": env["ejournal.homework"].create(
                {"lesson_id": cls.lesson_today.id, "text": "§ 12"}
            ),
            "ejournal.mark": mark,
            "ejournal.attendance": absence,
            "ejournal.period.mark": period_mark,
            "ejournal.correction": correction,
            "ejournal.audit.log": audit.search(
                [("company_id", "=", cls.school_a.id)], limit=1
            ),
            "ejournal.audit.checkpoint": env["ejournal.audit.checkpoint"]._make(
                cls.school_a
            ),
        }

    # Helpers ------------------------------------------------------------------

    @staticmethod
    def _decided_fields(model):
        return sorted(
            name
            for name, field in model._fields.items()
            if field.store and field.type != "one2many" and name not in MAGIC
        )

    def _other_value(self, record, name):
        """A value different from the current one, valid where it can be."""
        if (record._name, name) in SAMPLE_VALUES:
            return SAMPLE_VALUES[record._name, name]
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type == "many2one":
            Comodel = self.env[field.comodel_name].sudo()
            domain = [("id", "!=", current.id)]
            if "company_id" in Comodel._fields and field.comodel_name != "res.company":
                domain.append(("company_id", "in", [self.school_a.id, False]))
            other = Comodel.search(domain, limit=1)
            return other.id or False
        if field.type == "many2many":
            return [Command.clear()]
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]
            return next((key for key in keys if key != current), False)
        if field.type == "boolean":
            return not current
        if field.type == "integer":
            return (current or 0) + 1
        if field.type == "float":
            return (current or 0) + 0.5
        if field.type == "date":
            return (current or TODAY) + timedelta(days=1)
        if field.type == "datetime":
            return (current or fields.Datetime.now()) + timedelta(hours=1)
        return f"{current or ''}✓"

    def _write_outcome(self, record, role, name, value):
        """``written``, ``refused`` (by a right or a rule), or ``invalid``."""
        user = self.role_users[role]
        with self._rolled_back():
            try:
                with self.env.cr.savepoint():
                    record.with_user(user).write({name: value})
                    record.env.flush_all()
            except (AccessError, UserError) as error:
                if type(error) in (AccessError, UserError):
                    return "refused"
                return f"invalid: {error}"
            except (ValueError, psycopg2.Error) as error:
                return f"invalid: {error}"
        return "written"

    # Tests --------------------------------------------------------------------

    def test_every_field_decided(self):
        """REQ-44: a model or a stored field without a decision fails."""
        models = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("ejournal.")
            and not model._abstract
            and not model._transient
            and model._auto
        }
        self.assertEqual(set(POLICY), models, "models without a write policy")
        for name in sorted(models):
            with self.subTest(model=name):
                self.assertEqual(
                    sorted(POLICY[name]),
                    self._decided_fields(self.env[name]),
                    f"{name}: fields without a write policy",
                )

    @mute_logger(
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
        "odoo.sql_db",
    )
    def test_each_role_writes_what_it_may(self):
        """REQ-04, REQ-44: each role writes the fields named for it and is
        refused the rest, on every journal model."""
        report = []
        for model_name, record in sorted(self.samples.items()):
            self.assertTrue(record, f"no sample record of {model_name}")
            for name in self._decided_fields(record):
                value = self._other_value(record, name)
                allowed = POLICY.get(model_name, {}).get(name, NOBODY)
                for role in ROLES:
                    outcome = self._write_outcome(record, role, name, value)
                    # A writer may still hit a constraint with the sample value:
                    # that too shows no right or rule stood in the way.
                    if role in allowed:
                        passed = outcome == "written" or outcome.startswith("invalid")
                    else:
                        passed = outcome == "refused"
                    if not passed:
                        report.append(f"{model_name}.{name} {role}: {outcome}")
        self.assertFalse(report, "\n" + "\n".join(report))
