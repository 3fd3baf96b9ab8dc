from collections import defaultdict

from psycopg2 import IntegrityError

from odoo import api, models
from odoo.exceptions import AccessError, UserError

ATTENDANCE_STATUSES = ("absent", "late")
PERIOD_KIND_PREFERENCE = ("quarter", "trimester", "half_year")


class EjournalGradebook(models.AbstractModel):
    """REQ-42…46: the server side of the teachers' gradebook (an OWL client action).

    Everything runs as the current user: the record rules decide which grids a
    user reads, and marks and attendance are saved through the ORM of
    ``ejournal.mark`` and ``ejournal.attendance``, so that the entry window,
    the audit log and the constraints apply exactly as anywhere else.
    """

    _name = "ejournal.gradebook"
    _description = "Gradebook"

    # Options and default selection --------------------------------------------

    @api.model
    def get_options(self):
        """Classes, subjects, subgroups and periods the user may open a grid for.

        A teacher gets the groups of the lessons they teach or substitute, of
        their teaching assignments and of the class they lead; the control group
        every group of the active school years.
        """
        uid = self.env.uid
        lesson_domain = [("state", "!=", "cancelled"), ("year_id.state", "=", "active")]
        assignment_domain = [("year_id.state", "=", "active")]
        if not self._is_control():
            lesson_domain += [
                "|",
                "|",
                ("teacher_user_id", "=", uid),
                ("substitute_user_id", "=", uid),
                ("class_id.class_teacher_id.user_id", "=", uid),
            ]
            assignment_domain.append(("teacher_user_id", "=", uid))
        groups = self.env["ejournal.lesson"]._read_group(
            lesson_domain, ["class_id", "subject_id", "subgroup_id"]
        )
        groups += self.env["ejournal.teaching.assignment"]._read_group(
            assignment_domain, ["class_id", "subject_id", "subgroup_id"]
        )
        combos = sorted(
            {
                (school_class, subject, subgroup)
                for school_class, subject, subgroup in groups
            },
            key=lambda c: (
                -c[0].year_id.date_start.toordinal(),
                c[0].grade_level,
                c[0].letter or "",
                c[1].sequence,
                c[1].name or "",
                c[2].name or "",
            ),
        )
        classes = self.env["ejournal.class"].union(*(c[0] for c in combos))
        subjects = self.env["ejournal.subject"].union(*(c[1] for c in combos))
        subgroups = self.env["ejournal.subgroup"].union(*(c[2] for c in combos))
        periods = self.env["ejournal.period"].search_fetch(
            [("year_id", "in", classes.year_id.ids)],
            ["name", "year_id", "kind", "date_start", "date_end"],
            order="date_start, kind",
        )
        kinds = dict(
            self.env["ejournal.period"]._fields["kind"]._description_selection(self.env)
        )
        return {
            "classes": [
                {"id": c.id, "name": c.name, "year_id": c.year_id.id} for c in classes
            ],
            "subjects": [{"id": s.id, "name": s.name} for s in subjects],
            "subgroups": [{"id": g.id, "name": g.name} for g in subgroups],
            "combos": [
                {
                    "class_id": c[0].id,
                    "subject_id": c[1].id,
                    "subgroup_id": c[2].id or False,
                }
                for c in combos
            ],
            "periods": [
                {
                    "id": p.id,
                    "name": p.name,
                    "year_id": p.year_id.id,
                    "kind": p.kind,
                    "kind_label": kinds.get(p.kind),
                    "date_start": p.date_start,
                    "date_end": p.date_end,
                }
                for p in periods
            ],
            "today": self._company()._ejournal_today(),
        }

    @api.model
    def get_default_selection(self, lesson_id=False):
        """What the gradebook opens on: the lesson given, else the user's lesson
        that is on now in the school's time (or today's next one, or the last one
        given), else the first group of :meth:`get_options`."""
        Lesson = self.env["ejournal.lesson"]
        lesson = Lesson.browse(lesson_id) if lesson_id else self._current_lesson()
        if lesson:
            return {
                "class_id": lesson.class_id.id,
                "subject_id": lesson.subject_id.id,
                "subgroup_id": lesson.subgroup_id.id or False,
                "period_id": self._period_for(lesson.year_id, lesson.date).id or False,
                "lesson_id": lesson.id,
            }
        options = self.get_options()
        if not options["combos"]:
            return {}
        combo = options["combos"][0]
        school_class = self.env["ejournal.class"].browse(combo["class_id"])
        return dict(
            combo,
            period_id=self._period_for(
                school_class.year_id, self._company()._ejournal_today()
            ).id
            or False,
            lesson_id=False,
        )

    def _current_lesson(self):
        """The user's lesson on now, or today's next one; else the last or next one."""
        Lesson = self.env["ejournal.lesson"]
        company = self._company()
        now = company._ejournal_now()
        today = now.date()
        hours = now.hour + now.minute / 60.0
        mine = [
            ("state", "!=", "cancelled"),
            "|",
            ("teacher_user_id", "=", self.env.uid),
            ("substitute_user_id", "=", self.env.uid),
        ]
        todays = Lesson.search([*mine, ("date", "=", today)], order="lesson_number, id")
        if todays:
            ends = {
                (bell.shift, bell.lesson_number): bell.time_end
                for bell in self.env["ejournal.bell"].search(
                    [("company_id", "in", todays.company_id.ids)]
                )
            }
            for lesson in todays:
                end = ends.get((lesson.class_id.shift, lesson.lesson_number))
                if end is None or end >= hours:
                    return lesson
            return todays[-1]
        return Lesson.search(
            [*mine, ("date", "<", today)],
            order="date desc, lesson_number desc",
            limit=1,
        ) or Lesson.search(
            [*mine, ("date", ">", today)], order="date, lesson_number", limit=1
        )

    def _period_for(self, year, day):
        periods = year.period_ids.filtered(lambda p: p.date_start <= day <= p.date_end)
        for kind in PERIOD_KIND_PREFERENCE:
            for period in periods:
                if period.kind == kind:
                    return period
        return periods[:1]

    # The grid -----------------------------------------------------------------

    @api.model
    def get_grid(self, class_id, subject_id, subgroup_id, period_id):
        """The whole grid of a class (or subgroup), subject and period in one call.

        The number of SQL queries does not depend on the number of pupils,
        lessons or marks: everything is fetched in bulk and assembled here.
        """
        env = self.env
        school_class = env["ejournal.class"].browse(int(class_id))
        subject = env["ejournal.subject"].browse(int(subject_id))
        subgroup = env["ejournal.subgroup"].browse(int(subgroup_id or 0))
        period = env["ejournal.period"].browse(int(period_id))
        Lesson = env["ejournal.lesson"]
        group_domain = [
            ("class_id", "=", school_class.id),
            ("subject_id", "=", subject.id),
            ("subgroup_id", "=", subgroup.id or False),
        ]
        lessons = Lesson.search_fetch(
            [
                *group_domain,
                ("date", ">=", period.date_start),
                ("date", "<=", period.date_end),
                ("state", "!=", "cancelled"),
            ],
            [
                "date",
                "lesson_number",
                "topic",
                "plan_line_id",
                "material",
                "work_done",
                "work_type_id",
                "teacher_user_id",
                "substitute_user_id",
                "grade_scale_id",
                "state",
                "company_id",
                "attendance_taken",
            ],
            order="date, lesson_number, id",
        )
        if not lessons:
            self._check_may_open(group_domain, school_class, subject)
        company = school_class.company_id or self._company()
        today = company._ejournal_today()

        students, names, ranges = self._grid_students(
            school_class, subgroup, period, lessons
        )
        student_ids = set(students.ids)
        lesson_ids = set(lessons.ids)
        work_types = (
            env["ejournal.work.type"]
            .with_context(active_test=False)
            .search_fetch(
                [],
                [
                    "name",
                    "short_name",
                    "weight",
                    "is_control_work",
                    "sequence",
                    "active",
                ],
            )
        )
        default_scale = company._ejournal_grade_scale()
        scales = lessons.grade_scale_id | default_scale
        values = self._scale_values(scales)
        cells = defaultdict(lambda: {"marks": [], "attendance": False})
        marks = self._fetch_rows(
            "ejournal.mark",
            [("lesson_id", "in", list(lesson_ids))],
            ["id", "lesson_id", "student_id", "value_id", "work_type_id", "comment"],
            order="id",
        )
        self._add_values(values, {row[3] for row in marks})
        for mark_id, lesson_id, student_id, value_id, work_type_id, comment in marks:
            if student_id in student_ids:
                cells[self._cell_key(lesson_id, student_id)]["marks"].append(
                    {
                        "id": mark_id,
                        "value_id": value_id,
                        "code": values[value_id]["code"],
                        "work_type_id": work_type_id,
                        "comment": comment or "",
                    }
                )
        can_see_reasons = self._can_see_reasons(school_class)
        reasons = self._reason_labels() if can_see_reasons else {}
        for attendance_id, lesson_id, student_id, status, reason in self._fetch_rows(
            "ejournal.attendance",
            [("lesson_id", "in", list(lesson_ids))],
            ["id", "lesson_id", "student_id", "status", "reason"],
        ):
            if student_id in student_ids:
                attendance = {"id": attendance_id, "status": status}
                if can_see_reasons and reason:
                    attendance.update(reason=reason, reason_label=reasons.get(reason))
                cells[self._cell_key(lesson_id, student_id)]["attendance"] = attendance
        weights = {wt.id: wt.weight for wt in work_types}
        summaries = self._summaries(
            students,
            subject,
            period,
            school_class,
            default_scale,
            values,
            weights,
            {lesson.id: lesson.lesson_number for lesson in lessons},
        )
        homework = defaultdict(list)
        for item in env["ejournal.homework"].search_fetch(
            [("lesson_id", "in", list(lesson_ids))],
            ["lesson_id", "kind", "text", "student_ids"],
            order="id",
        ):
            homework[item.lesson_id.id].append(
                {
                    "id": item.id,
                    "kind": item.kind,
                    "text": item.text,
                    "student_ids": item.student_ids.ids,
                }
            )
        plan_lines = env["ejournal.thematic.plan.line"].search_fetch(
            [
                ("plan_id.class_id", "=", school_class.id),
                ("plan_id.subject_id", "=", subject.id),
            ],
            ["name", "sequence", "plan_id"],
            order="sequence, id",
        )
        page_writable = set(lessons._filtered_access("write").ids)
        may_enter = env["ejournal.mark"].has_access("create")
        self._mark_pending_corrections(cells, lesson_ids)
        period_columns = self._period_columns(school_class, subject, period)
        period_cells = self._period_mark_cells(
            students, subject, school_class, period_columns, summaries
        )
        return {
            "class": {"id": school_class.id, "name": school_class.name},
            "subject": {"id": subject.id, "name": subject.name},
            "subgroup": {"id": subgroup.id, "name": subgroup.name}
            if subgroup
            else False,
            "period": {
                "id": period.id,
                "name": period.name,
                "kind": period.kind,
                "date_start": period.date_start,
                "date_end": period.date_end,
            },
            "today": today,
            "can_see_reasons": can_see_reasons,
            "lessons": [
                self._lesson_data(
                    lesson, today, homework, may_enter, lesson.id in page_writable
                )
                for lesson in lessons
            ],
            "students": [
                dict(
                    {
                        "id": sid,
                        "name": names[sid],
                        "ranges": ranges[sid],
                        "period_marks": period_cells[sid],
                    },
                    **summaries[sid],
                )
                for sid in students.ids
            ],
            "period_columns": period_columns,
            "cells": dict(cells),
            "work_types": [
                {
                    "id": wt.id,
                    "name": wt.name,
                    "short_name": wt.short_name or wt.name[:3],
                    "weight": wt.weight,
                    "is_control_work": wt.is_control_work,
                    "active": wt.active,
                }
                for wt in work_types.sorted(lambda w: (w.sequence, w.name))
            ],
            "values": [
                {
                    key: value[key]
                    for key in ("id", "code", "name", "scale_id", "counts_in_average")
                }
                for value in values.values()
                if value["active"] and value["scale_id"] in scales.ids
            ],
            "plan_lines": [{"id": line.id, "name": line.name} for line in plan_lines],
        }

    # Period marks in the grid's last columns (REQ-46) --------------------------

    def _period_columns(self, school_class, subject, period):
        """The period marks set in the grid: the period's own, the half-year it
        ends in (for a quarter) and the annual mark, each with its window."""
        PeriodMark = self.env["ejournal.period.mark"]
        year = school_class.year_id
        windows = [(period.kind, period)]
        if period.kind in ("quarter", "trimester"):
            windows += [
                ("half_year", half)
                for half in year.period_ids.sorted("date_start")
                if half.kind == "half_year"
                and half.date_start <= period.date_end <= half.date_end
            ]
        windows.append(("annual", self.env["ejournal.period"]))
        labels = {
            "quarter": (self.env._("Qtr."), self.env._("Quarter mark")),
            "trimester": (self.env._("Trim."), self.env._("Trimester mark")),
            "half_year": (self.env._("Half"), self.env._("Half-year mark")),
            "annual": (self.env._("Year"), self.env._("Annual mark")),
        }
        may_set = self._may_set_period_marks(school_class, subject)
        columns = []
        for kind, window in windows:
            short, title = labels[kind]
            lock_reason = PeriodMark._window_reason(kind, window, school_class)
            columns.append(
                {
                    "key": f"{kind}_{window.id or 0}",
                    "kind": kind,
                    "period_id": window.id or False,
                    "label": short,
                    "title": f"{title}: {window.name}" if window else title,
                    "lock_reason": lock_reason or False,
                    "can_enter": may_set,
                }
            )
        return columns

    def _may_set_period_marks(self, school_class, subject):
        """REQ-03, REQ-46: the class teacher and the teachers of the subject in
        the class (the record rules of period marks say the same)."""
        uid = self.env.uid
        if not self.env["ejournal.period.mark"].has_access("create"):
            return False
        if school_class.class_teacher_id.user_id.id == uid:
            return True
        return bool(
            self.env["ejournal.teaching.assignment"].search_count(
                [
                    ("class_id", "=", school_class.id),
                    ("subject_id", "=", subject.id),
                    ("teacher_user_id", "=", uid),
                ],
                limit=1,
            )
        )

    def _period_mark_cells(
        self, students, subject, school_class, columns, summaries=None
    ):
        """``{student id: {column key: {id, code, proposed, formula, average}}}``.

        The proposals come from ``ejournal.period.mark``: the same current marks
        (``_current_marks_domain``), the annual terms (``_annual_terms``) and the
        same ``_proposal_from_terms`` as the period mark's form.
        """
        Period = self.env["ejournal.period"]
        cells = {sid: {} for sid in students.ids}
        for column in columns:
            key = column["key"]
            if column["kind"] == "annual":
                rows = self._annual_summaries(students, subject, school_class)
            elif summaries is not None and column is columns[0]:
                rows = summaries
            else:
                rows = self._summaries(
                    students, subject, Period.browse(column["period_id"]), school_class
                )
            for sid in students.ids:
                row = rows.get(sid) or {}
                cells[sid][key] = {
                    "id": (row.get("period_mark") or {}).get("id", False),
                    "code": (row.get("period_mark") or {}).get("code", False),
                    "proposed": row.get("proposed") or False,
                    "formula": row.get("formula") or False,
                    "average": row.get("average") or False,
                }
        return cells

    def _annual_summaries(self, students, subject, school_class):
        PeriodMark = self.env["ejournal.period.mark"]
        scale = (
            subject.grade_scale_id or school_class.company_id._ejournal_grade_scale()
        )
        terms = PeriodMark._annual_terms(students, subject, school_class.year_id)
        marks = {}
        for mark in PeriodMark.search_fetch(
            [
                ("student_id", "in", students.ids),
                ("subject_id", "=", subject.id),
                ("kind", "=", "annual"),
                ("year_id", "=", school_class.year_id.id),
            ],
            ["student_id", "value_id", "class_id"],
        ):
            if mark.class_id == school_class or mark.student_id.id not in marks:
                marks[mark.student_id.id] = {"id": mark.id, "code": mark.value_id.code}
        rows = {}
        for sid in students.ids:
            average, proposed, formula = (
                PeriodMark._proposal_from_terms(terms[sid], scale)
                if terms.get(sid)
                else (0.0, False, False)
            )
            rows[sid] = {
                "average": round(average, 2) if terms.get(sid) else False,
                "proposed": proposed.code if proposed else False,
                "formula": formula or False,
                "period_mark": marks.get(sid, False),
            }
        return rows

    def _mark_pending_corrections(self, cells, lesson_ids):
        """REQ-45: a requested correction shows as pending in its cell."""
        Correction = self.env["ejournal.correction"]
        if not lesson_ids or not Correction.has_access("read"):
            return
        mark_ids = {
            mark["id"]: key for key, cell in cells.items() for mark in cell["marks"]
        }
        attendance_ids = {
            cell["attendance"]["id"]: key
            for key, cell in cells.items()
            if cell["attendance"]
        }
        for correction in Correction.search_fetch(
            [
                ("state", "=", "requested"),
                "|",
                "|",
                ("mark_id", "in", list(mark_ids)),
                ("attendance_id", "in", list(attendance_ids)),
                ("lesson_id", "in", list(lesson_ids)),
            ],
            ["mark_id", "attendance_id", "lesson_id", "student_id", "target"],
        ):
            key = (
                mark_ids.get(correction.mark_id.id)
                or attendance_ids.get(correction.attendance_id.id)
                or (
                    correction.student_id
                    and correction.target in ("mark", "attendance")
                    and self._cell_key(
                        correction.lesson_id.id, correction.student_id.id
                    )
                )
            )
            if key:
                cells[key]["correction_pending"] = True

    def _check_may_open(self, group_domain, school_class, subject):
        """No readable lesson: refuse unless the user teaches or controls the group."""
        if self._is_control():
            return
        if self.env["ejournal.lesson"].search_count(group_domain, limit=1):
            return
        if self.env["ejournal.teaching.assignment"].search_count(
            [
                ("class_id", "=", school_class.id),
                ("subject_id", "=", subject.id),
                ("teacher_user_id", "=", self.env.uid),
            ],
            limit=1,
        ):
            return
        raise AccessError(
            self.env._(
                "You have no access to the journal of %(class_name)s, %(subject)s: "
                "a teacher opens the journals of the lessons they teach or "
                "substitute.",
                class_name=school_class.name,
                subject=subject.name,
            )
        )

    def _grid_students(self, school_class, subgroup, period, lessons):
        """Pupils of the class (or subgroup) during the period, in class-list
        order, with their dated memberships ``[(from, to or False)]``."""
        last = max(lessons.mapped("date"), default=period.date_end)
        first = min(lessons.mapped("date"), default=period.date_start)
        enrolments = self.env["ejournal.class.enrolment"].search_fetch(
            [
                ("class_id", "=", school_class.id),
                ("date_from", "<=", last),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", first),
            ],
            ["student_id", "date_from", "date_to"],
        )
        ranges = defaultdict(list)
        for enrolment in enrolments:
            ranges[enrolment.student_id.id].append(
                (enrolment.date_from, enrolment.date_to or False)
            )
        student_ids = set(ranges)
        if subgroup:
            student_ids &= set(subgroup.student_ids.ids)
        if lessons:
            dates = lessons.mapped("date")
            student_ids = {
                sid
                for sid in student_ids
                if any(
                    start <= day and (not end or day <= end)
                    for day in dates
                    for start, end in ranges[sid]
                )
            }
        names = dict(
            self._fetch_rows(
                "ejournal.student", [("id", "in", list(student_ids))], ["id", "name"]
            )
        )
        ordered = sorted(names, key=lambda sid: ((names[sid] or "").lower(), sid))
        students = self.env["ejournal.student"].browse(ordered)
        return students, names, {sid: sorted(ranges[sid]) for sid in ordered}

    def _summaries(
        self,
        students,
        subject,
        period,
        school_class,
        default_scale=None,
        values=None,
        weights=None,
        lesson_numbers=None,
    ):
        """Weighted average, proposed mark and period mark of each pupil.

        The marks are those ``ejournal.period.mark._propose`` uses (same domain,
        same order, same weights, same formula), fetched for all pupils at once.
        """
        PeriodMark = self.env["ejournal.period.mark"]
        if default_scale is None:
            default_scale = school_class.company_id._ejournal_grade_scale()
        values = {} if values is None else values
        if weights is None:
            weights = {
                wt.id: wt.weight
                for wt in self.env["ejournal.work.type"]
                .with_context(active_test=False)
                .search_fetch([], ["weight"])
            }
        rows = self._fetch_rows(
            "ejournal.mark",
            PeriodMark._current_marks_domain(students, subject, period),
            ["student_id", "value_id", "work_type_id", "date", "lesson_id", "id"],
            order="date desc, id",
        )
        # The order of ``ejournal.mark`` (date desc, then the lesson's number) as
        # ``_propose`` searches it, without joining five tables to sort in SQL.
        lesson_numbers = lesson_numbers or {}
        rows.sort(key=lambda row: (-row[3].toordinal(), lesson_numbers.get(row[4], 0)))
        self._add_values(values, {row[1] for row in rows})
        terms = defaultdict(list)
        scales = {}
        for student_id, value_id, work_type_id, _date, _lesson, _id in rows:
            value = values[value_id]
            terms[student_id].append(
                (value["code"], value["numeric_value"], weights[work_type_id])
            )
            scales.setdefault(student_id, value["scale_id"])
        period_marks = {}
        for mark in PeriodMark.search_fetch(
            [
                ("student_id", "in", students.ids),
                ("subject_id", "=", subject.id),
                ("period_id", "=", period.id),
                ("kind", "=", period.kind),
            ],
            ["student_id", "value_id", "class_id"],
        ):
            # The mark given in this class wins over one given in another class.
            if mark.class_id == school_class or mark.student_id.id not in period_marks:
                period_marks[mark.student_id.id] = {
                    "id": mark.id,
                    "code": mark.value_id.code,
                }
        Scale = self.env["ejournal.grade.scale"]
        summaries = {}
        for sid in students.ids:
            if terms[sid]:
                scale = Scale.browse(scales[sid]) if scales.get(sid) else default_scale
                average, proposed, formula = PeriodMark._proposal_from_terms(
                    terms[sid], scale
                )
            else:
                average, proposed, formula = 0.0, False, False
            summaries[sid] = {
                "average": round(average, 2) if terms[sid] else False,
                "proposed": proposed.code if proposed else False,
                "formula": formula or False,
                "period_mark": period_marks.get(sid, False),
            }
        return summaries

    def _fetch_rows(self, model_name, domain, fnames, order=None):
        """Raw rows of ``fnames`` of the records of ``domain`` the user may read.

        ``_search`` applies the access rights and the record rules exactly as
        ``search_fetch`` does; the rows are then used without building a record
        per row, which is what makes a grid of a thousand marks cheap.
        """
        Model = self.env[model_name]
        query = Model._search(domain, order=order)
        if query.is_empty():
            return []
        return self.env.execute_query(
            query.select(
                *(Model._field_to_sql(Model._table, fname, query) for fname in fnames)
            )
        )

    def _scale_values(self, scales):
        values = {}
        for value in (
            self.env["ejournal.grade.scale.value"]
            .with_context(active_test=False)
            .search_fetch(
                [("scale_id", "in", scales.ids)],
                [
                    "code",
                    "name",
                    "numeric_value",
                    "counts_in_average",
                    "scale_id",
                    "active",
                ],
            )
        ):
            values[value.id] = {
                "id": value.id,
                "code": value.code,
                "name": value.name,
                "numeric_value": value.numeric_value,
                "scale_id": value.scale_id.id,
                "counts_in_average": value.counts_in_average,
                "active": value.active,
            }
        return values

    def _add_values(self, values, value_ids):
        """Complete ``values`` with marks of another scale (a pupil who moved)."""
        missing = self.env["ejournal.grade.scale.value"].browse(value_ids - set(values))
        if missing:
            values.update(self._scale_values(missing.scale_id))

    def _reason_labels(self):
        return dict(
            self.env["ejournal.attendance"]
            ._fields["reason"]
            ._description_selection(self.env)
        )

    def _lesson_data(self, lesson, today, homework, may_enter, page_writable):
        uid = self.env.uid
        conducts = uid in (lesson.teacher_user_id.id, lesson.substitute_user_id.id)
        lock_reason = lesson._entry_lock_reason() or False
        return {
            "id": lesson.id,
            "date": lesson.date,
            "number": lesson.lesson_number,
            "topic": lesson.topic or "",
            "plan_line_id": lesson.plan_line_id.id or False,
            "material": lesson.material or "",
            "work_done": lesson.work_done or "",
            "work_type_id": lesson.work_type_id.id or False,
            "scale_id": lesson.grade_scale_id.id or False,
            "is_today": lesson.date == today,
            "is_past": lesson.date < today,
            "lock_reason": lock_reason,
            # Only after the lesson's day can control work differ (REQ-44).
            "control_lock_reason": lesson._entry_lock_reason(lesson.work_type_id)
            if lock_reason and lesson.date < today
            else lock_reason,
            "can_enter": bool(may_enter and conducts),
            "page_editable": page_writable and lesson.date >= today,
            "attendance_taken": lesson.attendance_taken,
            "homework": homework.get(lesson.id, []),
        }

    @staticmethod
    def _cell_key(lesson_id, student_id):
        return f"{lesson_id}_{student_id}"

    @staticmethod
    def _mark_data(mark):
        return {
            "id": mark.id,
            "value_id": mark.value_id.id,
            "code": mark.value_id.code,
            "work_type_id": mark.work_type_id.id,
            "comment": mark.comment or "",
        }

    def _attendance_data(self, attendance, can_see_reasons):
        data = {"id": attendance.id, "status": attendance.status}
        if can_see_reasons and attendance.reason:
            data["reason"] = attendance.reason
            data["reason_label"] = self._reason_labels().get(attendance.reason)
        return data

    def _can_see_reasons(self, school_class):
        """REQ-43: reasons are shown to the class teacher (and the control group)."""
        return (
            self._is_control()
            or school_class.class_teacher_id.user_id.id == self.env.uid
        )

    def _is_control(self):
        return self.env.user.has_group("ejournal_school.group_ejournal_control")

    def _company(self):
        return self.env.company

    # Saving -------------------------------------------------------------------

    @api.model
    def save_cells(self, changes, period_id=False):
        """Save a batch of cell changes, each in its own savepoint.

        A change is ``{lesson_id, student_id, kind: 'mark' | 'attendance'}``
        with, for a mark, ``value_code`` and/or ``work_type_id`` (``mark_id`` to
        change a given mark) or ``delete``; for attendance, ``status``
        ('absent', 'late', or 'present' / ``delete`` to remove it).

        A period mark (REQ-46) is ``{kind: 'period_mark', student_id, class_id,
        subject_id, period_kind, period_id}`` with ``value_code``,
        ``accept_proposal`` (the proposed mark) or ``delete``; its result has
        the pupil's ``period_marks`` as saved.

        Returns one ``{ok, error, lesson_id, student_id, cell, row}`` per change:
        ``cell`` is the cell as saved (after a refusal: as it stands), ``row``
        the pupil's new average and proposed mark when ``period_id`` is given.
        """
        results = []
        for change in changes:
            result = {
                "lesson_id": change.get("lesson_id"),
                "student_id": change.get("student_id"),
                "kind": change.get("kind"),
                "ok": True,
                "error": False,
            }
            try:
                with self.env.cr.savepoint():
                    self._save_cell(change)
            except AccessError:
                result.update(
                    ok=False,
                    error=self.env._(
                        "You may only fill the journal of the lessons you teach "
                        "or substitute."
                    ),
                )
            except UserError as error:
                result.update(ok=False, error=error.args[0])
            except IntegrityError as error:
                result.update(
                    ok=False,
                    error=self.env["ejournal.mark"]._sql_error_to_message(error),
                )
            results.append(result)
        self.env.invalidate_all()
        self._attach_cells(results, period_id)
        self._attach_period_marks(results, changes, period_id)
        return results

    def _attach_period_marks(self, results, changes, period_id):
        """Add the saved period marks (and proposals) of each changed pupil."""
        period = self.env["ejournal.period"].browse(int(period_id or 0))
        for result, change in zip(results, changes, strict=True):
            if change.get("kind") != "period_mark" or not period:
                continue
            school_class = self.env["ejournal.class"].browse(int(change["class_id"]))
            subject = self.env["ejournal.subject"].browse(int(change["subject_id"]))
            student = self.env["ejournal.student"].browse(int(change["student_id"]))
            columns = self._period_columns(school_class, subject, period)
            result["period_marks"] = self._period_mark_cells(
                student, subject, school_class, columns
            )[student.id]

    def _save_cell(self, change):
        if change.get("kind") == "period_mark":
            self._save_period_mark(change)
            return
        lesson = self.env["ejournal.lesson"].browse(int(change["lesson_id"]))
        student = self.env["ejournal.student"].browse(int(change["student_id"]))
        lesson.check_access("read")
        if change.get("kind") == "mark":
            self._save_mark(lesson, student, change)
        elif change.get("kind") == "attendance":
            self._save_attendance(lesson, student, change)
        else:
            raise UserError(self.env._("Unknown kind of journal entry."))

    def _save_mark(self, lesson, student, change):
        Mark = self.env["ejournal.mark"]
        WorkType = self.env["ejournal.work.type"]
        cell = [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        if change.get("mark_id"):
            mark = Mark.search([*cell, ("id", "=", int(change["mark_id"]))])
            if not mark:
                raise UserError(
                    self.env._("This mark is no longer in the journal; reload it.")
                )
        else:
            work_type = (
                WorkType.browse(int(change["work_type_id"]))
                if change.get("work_type_id")
                else self._default_work_type(lesson)
            )
            mark = Mark.search([*cell, ("work_type_id", "=", work_type.id)], limit=1)
        if change.get("delete"):
            if mark:
                mark.unlink()
            return
        vals = {}
        if change.get("value_code"):
            vals["value_id"] = self._value_for_code(
                lesson.grade_scale_id, change["value_code"]
            ).id
        if change.get("work_type_id"):
            vals["work_type_id"] = int(change["work_type_id"])
        if mark:
            if (
                vals.get("work_type_id")
                and vals["work_type_id"] != mark.work_type_id.id
            ):
                if Mark.search_count(
                    [*cell, ("work_type_id", "=", vals["work_type_id"])], limit=1
                ):
                    raise UserError(
                        self.env._(
                            "%(student)s already has a mark for %(work)s at this "
                            "lesson.",
                            student=student.name,
                            work=WorkType.browse(vals["work_type_id"]).name,
                        )
                    )
            vals = {
                name: value for name, value in vals.items() if mark[name].id != value
            }
            if vals:
                mark.write(vals)
            return
        if not vals.get("value_id"):
            raise UserError(self.env._("Type a mark to enter."))
        vals.setdefault("work_type_id", self._default_work_type(lesson).id)
        Mark.create(dict(vals, lesson_id=lesson.id, student_id=student.id))

    def _save_attendance(self, lesson, student, change):
        Attendance = self.env["ejournal.attendance"]
        attendance = Attendance.search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)], limit=1
        )
        status = change.get("status")
        if change.get("delete") or status in (False, None, "present"):
            if attendance:
                attendance.unlink()
        elif status not in ATTENDANCE_STATUSES:
            raise UserError(self.env._("Unknown attendance status."))
        elif attendance:
            if attendance.status != status:
                attendance.write({"status": status})
        else:
            Attendance.create(
                {"lesson_id": lesson.id, "student_id": student.id, "status": status}
            )
        self._set_attendance_taken(lesson)

    def _set_attendance_taken(self, lesson):
        """REQ-43: an attendance entry means the teacher has checked who is
        present; written as the user (the lesson checks who and when)."""
        if not lesson.attendance_taken:
            lesson.write({"attendance_taken": True})

    @api.model
    def mark_all_present(self, lesson_id, period_id=False):
        """REQ-43: the teacher confirms that every pupil attends the lesson: it is
        taken with no absences. Refused when an absence or lateness is recorded
        (remove it in its cell first) and outside the lesson's entry window.

        Returns ``{ok, error, attendance_taken}``.
        """
        lesson = self.env["ejournal.lesson"].browse(int(lesson_id))
        try:
            with self.env.cr.savepoint():
                lesson.check_access("read")
                lesson._check_conducts()
                reason = lesson._entry_lock_reason()
                if reason:
                    raise UserError(reason)
                if self.env["ejournal.attendance"].search_count(
                    [("lesson_id", "=", lesson.id)], limit=1
                ):
                    raise UserError(
                        self.env._(
                            "Absences are recorded at this lesson: remove them "
                            "in their cells, or keep them."
                        )
                    )
                self._set_attendance_taken(lesson)
        except AccessError:
            return {
                "ok": False,
                "error": self.env._(
                    "You may only fill the journal of the lessons you teach "
                    "or substitute."
                ),
                "attendance_taken": False,
            }
        except UserError as error:
            lesson.invalidate_recordset(["attendance_taken"])
            return {
                "ok": False,
                "error": error.args[0],
                "attendance_taken": lesson.attendance_taken,
            }
        return {"ok": True, "error": False, "attendance_taken": True}

    def _save_period_mark(self, change):
        """REQ-46: a period mark typed (or its proposal accepted) in the grid,
        saved through ``ejournal.period.mark`` as the user: its window, its
        record rules and its whitelist decide."""
        PeriodMark = self.env["ejournal.period.mark"]
        school_class = self.env["ejournal.class"].browse(int(change["class_id"]))
        subject = self.env["ejournal.subject"].browse(int(change["subject_id"]))
        student = self.env["ejournal.student"].browse(int(change["student_id"]))
        kind = change.get("period_kind")
        period = self.env["ejournal.period"].browse(int(change.get("period_id") or 0))
        if kind not in ("quarter", "trimester", "half_year", "annual"):
            raise UserError(self.env._("Unknown kind of period mark."))
        school_class.check_access("read")
        mark = PeriodMark.search(
            [
                ("student_id", "=", student.id),
                ("subject_id", "=", subject.id),
                ("class_id", "=", school_class.id),
                ("kind", "=", kind),
                ("period_id", "=", period.id or False),
            ],
            limit=1,
        )
        if change.get("delete"):
            if mark:
                mark.unlink()
            return
        scale = (
            subject.grade_scale_id or school_class.company_id._ejournal_grade_scale()
        )
        if change.get("accept_proposal"):
            proposal = self._period_mark_cells(
                student,
                subject,
                school_class,
                [{"key": "p", "kind": kind, "period_id": period.id}],
            )[student.id]["p"]
            if not proposal["proposed"]:
                raise UserError(self.env._("No marks to propose from."))
            code = proposal["proposed"]
        else:
            code = (change.get("value_code") or "").strip()
        value = self._value_for_code(scale, code)
        if mark:
            if mark.value_id != value:
                mark.write({"value_id": value.id})
            return
        PeriodMark.create(
            {
                "student_id": student.id,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "kind": kind,
                "period_id": period.id or False,
                "value_id": value.id,
            }
        )

    def _default_work_type(self, lesson):
        work_type = lesson.work_type_id or self.env.ref(
            "ejournal_school.ejournal_work_type_answer", raise_if_not_found=False
        )
        if not work_type:
            raise UserError(self.env._("Choose the work type of the mark."))
        return work_type

    def _value_for_code(self, scale, code):
        """The value of ``scale`` written as ``code`` (case aside), or a refusal."""
        code = (code or "").strip()
        values = scale.value_ids
        value = (
            values.filtered(lambda v: v.code == code)[:1]
            or values.filtered(lambda v: (v.code or "").lower() == code.lower())[:1]
        )
        if not value:
            raise UserError(
                self.env._(
                    "%(code)s is not a mark of the scale %(scale)s (%(codes)s).",
                    code=code,
                    scale=scale.name,
                    codes=", ".join(values.mapped("code")),
                )
            )
        return value

    def _attach_cells(self, results, period_id):
        """Add the saved state of each changed cell and of its pupil's row."""
        lesson_ids = {int(r["lesson_id"]) for r in results if r["lesson_id"]}
        student_ids = {int(r["student_id"]) for r in results if r["student_id"]}
        if not lesson_ids or not student_ids:
            return
        lessons = self.env["ejournal.lesson"].browse(lesson_ids)
        cells = defaultdict(lambda: {"marks": [], "attendance": False})
        readable = lessons._filtered_access("read")
        for mark in self.env["ejournal.mark"].search_fetch(
            [
                ("lesson_id", "in", readable.ids),
                ("student_id", "in", list(student_ids)),
            ],
            ["lesson_id", "student_id", "value_id", "work_type_id", "comment"],
            order="id",
        ):
            key = self._cell_key(mark.lesson_id.id, mark.student_id.id)
            cells[key]["marks"].append(self._mark_data(mark))
        can_see_reasons = {
            school_class: self._can_see_reasons(school_class)
            for school_class in readable.class_id
        }
        for attendance in self.env["ejournal.attendance"].search_fetch(
            [
                ("lesson_id", "in", readable.ids),
                ("student_id", "in", list(student_ids)),
            ],
            ["lesson_id", "student_id", "status", "reason", "class_id"],
        ):
            key = self._cell_key(attendance.lesson_id.id, attendance.student_id.id)
            cells[key]["attendance"] = self._attendance_data(
                attendance, can_see_reasons.get(attendance.class_id, False)
            )
        rows = {}
        if period_id and readable:
            period = self.env["ejournal.period"].browse(int(period_id))
            for school_class in readable.class_id:
                for subject in readable.subject_id:
                    students = self.env["ejournal.student"].browse(student_ids)
                    rows.update(
                        self._summaries(students, subject, period, school_class)
                    )
        for result in results:
            if not result["lesson_id"] or not result["student_id"]:
                continue
            key = self._cell_key(int(result["lesson_id"]), int(result["student_id"]))
            result["cell"] = cells[key]
            result["row"] = rows.get(int(result["student_id"]), False)
