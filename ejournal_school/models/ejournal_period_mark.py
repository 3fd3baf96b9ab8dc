from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

PERIOD_MARK_KINDS = [
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("trimester", "Trimester"),
    ("annual", "Annual"),
    ("exam", "Exam"),
    ("final", "Final"),
]
YEAR_KINDS = ("annual", "exam", "final")


class EjournalPeriodMark(models.Model):
    """REQ-46: a quarter, half-year, annual, exam or final mark."""

    _name = "ejournal.period.mark"
    _description = "Period Mark"
    _inherit = ["ejournal.locked.record"]
    _order = "year_id desc, class_id, student_id, subject_id, kind"
    _check_company_auto = True
    _audit_fields = (
        "student_id",
        "subject_id",
        "class_id",
        "kind",
        "period_id",
        "value_id",
    )
    _create_fields = (
        "student_id",
        "class_id",
        "subject_id",
        "kind",
        "period_id",
        "value_id",
    )
    _write_fields = ("value_id",)

    student_id = fields.Many2one(
        "ejournal.student",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="restrict",
        index=True,
    )
    subject_id = fields.Many2one(
        "ejournal.subject",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    kind = fields.Selection(PERIOD_MARK_KINDS, required=True, default="quarter")
    period_id = fields.Many2one(
        "ejournal.period",
        index=True,
        check_company=True,
        domain="[('year_id', '=', year_id), ('kind', '=', kind)]",
    )
    year_id = fields.Many2one(
        related="class_id.year_id", store=True, index=True, string="School Year"
    )
    value_id = fields.Many2one(
        "ejournal.grade.scale.value", string="Mark", required=True, ondelete="restrict"
    )
    date_end = fields.Date(
        string="Period End",
        compute="_compute_date_end",
        help="Period marks are entered from this day on, within the grace days.",
    )
    proposed_average = fields.Float(compute="_compute_proposal", digits=(4, 2))
    proposed_value_id = fields.Many2one(
        "ejournal.grade.scale.value",
        string="Proposed Mark",
        compute="_compute_proposal",
    )
    proposed_formula = fields.Text(
        compute="_compute_proposal", string="How It Is Proposed"
    )
    teacher_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_teacher_user_ids",
        store=True,
        string="Teachers Allowed",
        help="The class teacher and the teachers of the subject in the class.",
    )
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    _student_subject_period_uniq = models.UniqueIndex(
        "(student_id, subject_id, kind, COALESCE(period_id, 0), class_id)",
        "This pupil already has this period mark.",
    )

    @api.depends("student_id", "subject_id", "kind", "period_id", "value_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for mark in self:
            what = mark.period_id.name if mark.period_id else kinds.get(mark.kind)
            parts = (mark.student_id.name, mark.subject_id.name, what)
            name = " · ".join(part for part in parts if part)
            if name and mark.value_id:
                name = f"{name}: {mark.value_id.display_name}"
            mark.display_name = name or self.env._("New Period Mark")

    @api.depends("kind", "period_id.date_end", "year_id.date_end")
    def _compute_date_end(self):
        for mark in self:
            mark.date_end = (
                mark.year_id.date_end
                if mark.kind in YEAR_KINDS
                else mark.period_id.date_end
            )

    @api.depends(
        "class_id.class_teacher_id.user_id",
        "class_id.assignment_ids.teacher_user_id",
        "class_id.assignment_ids.subject_id",
        "subject_id",
    )
    def _compute_teacher_user_ids(self):
        for mark in self:
            assignments = mark.class_id.assignment_ids.filtered(
                lambda a, subject=mark.subject_id: a.subject_id == subject
            )
            mark.teacher_user_ids = (
                assignments.teacher_user_id | mark.class_id.class_teacher_id.user_id
            )

    @api.depends("student_id", "subject_id", "kind", "period_id", "class_id")
    def _compute_proposal(self):
        for mark in self:
            if not (mark.student_id and mark.subject_id and mark.class_id):
                # A new record in the form: nothing to propose from yet.
                mark.proposed_average = 0.0
                mark.proposed_value_id = False
                mark.proposed_formula = False
                continue
            mark.proposed_average, mark.proposed_value_id, mark.proposed_formula = (
                mark._propose()
            )

    def _propose(self):
        """REQ-46: weighted average of the period's current marks (annual: of the
        period marks of the year); the gradebook proposes with the same terms."""
        self.ensure_one()
        scale = self.class_id.company_id._ejournal_grade_scale()
        if self.kind in ("annual", "final"):
            terms = self._annual_terms(
                self.student_id, self.subject_id, self.year_id
            ).get(self.student_id.id, [])
            scale = self.subject_id.grade_scale_id or scale
        elif self.period_id:
            marks = self.env["ejournal.mark"].search(
                self._current_marks_domain(
                    self.student_id, self.subject_id, self.period_id
                )
            )
            terms = [
                (m.value_id.code, m.value_id.numeric_value, m.weight) for m in marks
            ]
            scale = marks[:1].value_id.scale_id or scale
        else:
            terms = []
        return self._proposal_from_terms(terms, scale)

    @api.model
    def _annual_terms(self, students, subject, year):
        """REQ-46: ``{student id: [(code, value, 1.0)]}`` of the period marks of
        the year an annual mark is proposed from (for all pupils at once)."""
        terms = {}
        for mark in self.search_fetch(
            [
                ("student_id", "in", students.ids),
                ("subject_id", "=", subject.id),
                ("year_id", "=", year.id),
                ("kind", "in", ("quarter", "half_year", "trimester")),
                ("value_id.counts_in_average", "=", True),
            ],
            ["student_id", "value_id"],
        ):
            terms.setdefault(mark.student_id.id, []).append(
                (mark.value_id.code, mark.value_id.numeric_value, 1.0)
            )
        return terms

    @api.model
    def _current_marks_domain(self, students, subject, period):
        """The current marks a period mark is proposed from (the gradebook too)."""
        return [
            ("student_id", "in", students.ids),
            ("subject_id", "=", subject.id),
            ("date", ">=", period.date_start),
            ("date", "<=", period.date_end),
            ("value_id.counts_in_average", "=", True),
        ]

    @api.model
    def _proposal_from_terms(self, terms, scale):
        """Weighted average of ``(code, value, weight)`` terms, its mark and formula."""
        total_weight = sum(weight for _code, _value, weight in terms)
        if not total_weight or not scale:
            return 0.0, False, self.env._("No marks to propose from.")
        average = sum(value * weight for _code, value, weight in terms) / total_weight
        proposed = scale._value_for_average(average)
        products = " + ".join(f"{code}×{weight:g}" for code, _value, weight in terms)
        weights = " + ".join(f"{weight:g}" for _code, _value, weight in terms)
        formula = f"({products}) / ({weights}) = {average:.2f} → {proposed.code}"
        return average, proposed, formula

    @api.constrains("kind", "period_id")
    def _check_period(self):
        for mark in self:
            if mark.kind in YEAR_KINDS:
                if mark.period_id:
                    raise ValidationError(
                        self.env._(
                            "An annual, exam or final mark is not for one period."
                        )
                    )
            elif not mark.period_id or mark.period_id.kind != mark.kind:
                raise ValidationError(
                    self.env._("Choose a study period of the kind of this mark.")
                )

    @api.constrains("value_id", "subject_id", "class_id")
    def _check_value_in_scale(self):
        for mark in self:
            scale = (
                mark.subject_id.grade_scale_id
                or mark.company_id._ejournal_grade_scale()
            )
            if mark.value_id.scale_id != scale:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a mark of the scale %(scale)s.",
                        value=mark.value_id.code,
                        scale=scale.name,
                    )
                )

    @api.constrains("student_id", "class_id", "period_id")
    def _check_student_in_class(self):
        for mark in self:
            if mark.class_id not in mark.student_id.enrolment_ids.class_id:
                raise ValidationError(
                    self.env._(
                        "%(student)s did not study in class %(class_name)s.",
                        student=mark.student_id.name,
                        class_name=mark.class_id.name,
                    )
                )

    def _lock_reason(self, values):
        """REQ-46: entered from the period's last day, within the grace days."""
        if self:
            targets = [(mark.kind, mark.period_id, mark.class_id) for mark in self]
        else:
            targets = [
                (
                    values.get("kind") or "quarter",
                    self.env["ejournal.period"].browse(values.get("period_id")),
                    self.env["ejournal.class"].browse(values.get("class_id")),
                )
            ]
        for kind, period, school_class in targets:
            reason = self._window_reason(kind, period, school_class)
            if reason:
                return reason
        return False

    def _window_reason(self, kind, period, school_class):
        window = school_class.year_id if kind in YEAR_KINDS else period
        if not window.date_end:
            return False
        today = school_class.company_id._ejournal_today()
        if today < window.date_end:
            return self.env._(
                "The period ends on %(date)s: its marks are entered from that day on.",
                date=format_date(self.env, window.date_end),
            )
        deadline = window.date_end + timedelta(days=window.mark_grace_days)
        if today > deadline:
            return self.env._(
                "Period marks could be entered until %(deadline)s. Ask the deputy "
                "director for a correction.",
                deadline=format_date(self.env, deadline),
            )
        return False
