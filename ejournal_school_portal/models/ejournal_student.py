from datetime import timedelta

from babel.dates import format_skeleton

from odoo import api, models
from odoo.fields import Domain
from odoo.tools.misc import babel_locale_parse, format_date, get_lang

from odoo.addons.ejournal_school.models.ejournal_period_mark import YEAR_KINDS

WEEK_DAYS = 7
# The next lesson of a subject is looked for this many days after the lesson.
HOMEWORK_HORIZON = 60


def _hours_label(hours):
    """08:30 for 8.5 (the bell times are float hours)."""
    return "{:02d}:{:02d}".format(*divmod(round(hours * 60), 60))


class EjournalStudent(models.Model):
    """What the families' diary shows of a pupil (REQ-70…REQ-73).

    Every method reads as the current user: called from the portal, the
    record rules of ``base.group_portal`` decide what is found, so a parent
    reads their own children only and a pupil themself only (REQ-72). The one
    exception is who is in a subgroup or an individual homework, a list that
    families may not read (REQ-92): ``_diary_subgroups`` and
    ``_diary_individual_homework`` look it up as superuser for cards the user
    has just been checked to read, and return records in the user's
    environment.
    """

    _inherit = "ejournal.student"

    @api.model
    def _diary_domain(self):
        """The diary cards of the current user: themself and their children."""
        uid = self.env.uid
        return Domain("user_id", "=", uid) | Domain(
            "guardianship_ids.parent_id.user_id", "=", uid
        )

    def _diary_subgroups(self):
        """The subgroups these pupils are in (REQ-72).

        ``ejournal.subgroup.student_ids`` is for staff only (REQ-92): no family
        reads who else is in a subgroup. The membership of these cards only is
        looked up as superuser, after checking that the user may read the
        cards, and only the subgroups come back, as the user.
        """
        self.check_access("read")
        subgroups = (
            self.env["ejournal.subgroup"]
            .sudo()
            .search([("student_ids", "in", self.ids)])
        )
        return subgroups.sudo(False)

    def _diary_individual_homework(self, homeworks):
        """The individual homework among ``homeworks`` given to these pupils.

        ``homeworks`` were found as the user (the rules let a family read the
        individual homework of its own pupils only); as for the subgroups, the
        list of pupils of a homework is for staff only (REQ-92), so who it is
        given to is looked up as superuser, for these cards and these homework
        only, and the homework comes back as the user.
        """
        self.check_access("read")
        homeworks.check_access("read")
        individual = (
            self.env["ejournal.homework"]
            .sudo()
            .search(
                [
                    ("id", "in", homeworks.ids),
                    ("kind", "=", "individual"),
                    ("student_ids", "in", self.ids),
                ]
            )
        )
        return individual.sudo(False)

    def _diary_today(self):
        """The school's today, never the browser's (REQ-70)."""
        self.ensure_one()
        return self.company_id._ejournal_today()

    def _diary_lesson_domain(self, date_from, date_to):
        """The lessons the pupil attends from ``date_from`` to ``date_to``.

        Lessons of the class the pupil was in on each date (the dated class
        memberships), and subgroup lessons only of the pupil's subgroups.
        """
        self.ensure_one()
        class_ranges = []
        for enrolment in self.enrolment_ids:
            start = max(enrolment.date_from, date_from)
            end = min(enrolment.date_to or date_to, date_to)
            if start <= end:
                class_ranges.append(
                    Domain("class_id", "=", enrolment.class_id.id)
                    & Domain("date", ">=", start)
                    & Domain("date", "<=", end)
                )
        if not class_ranges:
            return Domain.FALSE
        subgroups = self._diary_subgroups()
        return Domain.OR(class_ranges) & (
            Domain("subgroup_id", "=", False)
            | Domain("subgroup_id", "in", subgroups.ids)
        )

    def _diary_class_on(self, day):
        """The class the pupil was in on ``day`` (or an empty recordset)."""
        self.ensure_one()
        return self.enrolment_ids.filtered(
            lambda e: e.date_from <= day and (not e.date_to or e.date_to >= day)
        )[:1].class_id

    # Week -------------------------------------------------------------------

    def _diary_week(self, day):
        """Everything the week view and the weekly report show (REQ-70, REQ-73).

        :param day: any date of the week to show
        :return: a dict: ``days`` (one dict per day shown, Monday first, with
            its lessons in timetable order), the week's bounds, the previous
            and next week, the school's today and the study period.
        """
        self.ensure_one()
        env = self.env
        today = self._diary_today()
        monday = day - timedelta(days=day.weekday())
        sunday = monday + timedelta(days=WEEK_DAYS - 1)

        lessons = env["ejournal.lesson"].search(
            self._diary_lesson_domain(monday, sunday),
            order="date, lesson_number, id",
        )
        marks = env["ejournal.mark"].search(
            [("student_id", "=", self.id), ("lesson_id", "in", lessons.ids)],
            order="id",
        )
        attendances = env["ejournal.attendance"].search(
            [("student_id", "=", self.id), ("lesson_id", "in", lessons.ids)]
        )
        # General homework, and individual homework given to this pupil only.
        homeworks = env["ejournal.homework"].search(
            [("lesson_id", "in", lessons.ids)], order="kind, id"
        )
        individual = self._diary_individual_homework(homeworks)
        homeworks = homeworks.filtered(
            lambda homework: homework.kind == "general" or homework in individual
        )
        marks_by_lesson = {}
        for mark in marks:
            marks_by_lesson.setdefault(mark.lesson_id, []).append(
                {
                    "mark": mark,
                    "value": mark.value_id.code,
                    "work_type": mark.work_type_id.name,
                    "work_type_short": mark.work_type_id.short_name
                    or mark.work_type_id.name,
                    "comment": mark.comment,
                    "css": self._diary_mark_css(mark.value_id),
                }
            )
        # Grouped by iterating (not with filtered()), so that every lesson
        # keeps the whole week as its prefetch set: one query per field.
        lessons_by_date = {}
        for lesson in lessons:
            lessons_by_date.setdefault(lesson.date, []).append(lesson)
        attendance_by_lesson = {att.lesson_id: att for att in attendances}
        homework_by_lesson = {}
        for homework in homeworks:
            homework_by_lesson.setdefault(homework.lesson_id, []).append(homework)
        due_by_lesson = self._diary_homework_due(list(homework_by_lesson))

        enrolments = self.enrolment_ids.filtered(
            lambda e: e.date_from <= sunday and (not e.date_to or e.date_to >= monday)
        )
        classes = enrolments.class_id
        years = classes.year_id
        holidays = env["ejournal.holiday"].search(
            [
                ("year_id", "in", years.ids),
                ("date_start", "<=", sunday),
                ("date_end", ">=", monday),
            ]
        )
        events = env["ejournal.event"]
        if "ejournal.event" in env:
            events = events.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date_start", "<=", sunday),
                    ("date_end", ">=", monday),
                    "|",
                    ("class_id", "=", False),
                    ("class_id", "in", classes.ids),
                ],
                order="date_start, id",
            )
        bells = {
            (bell.shift, bell.lesson_number): (bell.time_start, bell.time_end)
            for bell in env["ejournal.bell"].search(
                [("company_id", "=", self.company_id.id)]
            )
        }
        school_days = {}
        for year in years:
            school_days.update(
                year._calendar(
                    monday,
                    sunday,
                    self._diary_class_on(max(monday, year.date_start)).grade_level
                    or None,
                )
            )
        week_days = int(self.company_id.ejournal_week_days or 5)

        days = []
        for offset in range(WEEK_DAYS):
            date = monday + timedelta(days=offset)
            school_class = self._diary_class_on(date)
            day_lessons = lessons_by_date.get(date, [])
            day_events = events.filtered(
                lambda event, date=date, school_class=school_class: (
                    event.date_start <= date <= event.date_end
                    and (not event.class_id or event.class_id == school_class)
                )
            )
            holiday = holidays.filtered(
                lambda h, date=date, school_class=school_class: (
                    h.date_start <= date <= h.date_end
                    and h.year_id == school_class.year_id
                    and (not h.grade_level or h.grade_level == school_class.grade_level)
                )
            )[:1]
            is_school_day = date in school_days
            if (
                not day_lessons
                and not day_events
                and not is_school_day
                and date.weekday() >= week_days
            ):
                continue  # an ordinary weekend: nothing to show
            rows = []
            for lesson in day_lessons:
                bell = bells.get((lesson.class_id.shift, lesson.lesson_number))
                rows.append(
                    {
                        "lesson": lesson,
                        "time": bell
                        and f"{_hours_label(bell[0])}–{_hours_label(bell[1])}",
                        "cancelled": lesson.state == "cancelled",
                        "homeworks": homework_by_lesson.get(lesson, []),
                        "homework_due": due_by_lesson.get(lesson),
                        "homework_due_label": lesson in due_by_lesson
                        and format_date(
                            env, due_by_lesson[lesson], date_format="EEEE, d MMMM"
                        ),
                        "marks": marks_by_lesson.get(lesson, []),
                        "attendance": attendance_by_lesson.get(lesson),
                    }
                )
            days.append(
                {
                    "date": date,
                    "label": format_date(env, date, date_format="EEEE, d MMMM"),
                    "short_label": format_date(env, date, date_format="EEE d"),
                    "is_today": date == today,
                    "school_class": school_class,
                    "holiday": holiday,
                    "events": day_events,
                    "lessons": rows,
                }
            )

        period = env["ejournal.period"].search(
            [
                ("year_id", "in", years.ids),
                ("kind", "=", self._diary_period_kind(classes[:1])),
                ("date_start", "<=", sunday),
                ("date_end", ">=", monday),
            ],
            limit=1,
        )
        return {
            "student": self,
            "days": days,
            "monday": monday,
            "sunday": sunday,
            "label": self._diary_range_label(monday, sunday),
            "previous": monday - timedelta(days=WEEK_DAYS),
            "next": monday + timedelta(days=WEEK_DAYS),
            "today": today,
            "today_label": format_date(env, today, date_format="EEEE, d MMMM"),
            "today_shown": any(day["is_today"] for day in days),
            "is_current": monday <= today <= sunday,
            "period": period,
            "classes": classes,
        }

    def _diary_homework_due(self, lessons):
        """For which day the homework of each lesson is (REQ-70): the pupil's
        next lesson of that subject after the lesson's date (not cancelled),
        else the lesson's own date.

        :param lessons: lessons (records) that have homework
        :return: ``{lesson: date}``
        """
        self.ensure_one()
        if not lessons:
            return {}
        first = min(lesson.date for lesson in lessons)
        last = max(lesson.date for lesson in lessons)
        subjects = self.env["ejournal.subject"].union(
            *(lesson.subject_id for lesson in lessons)
        )
        following = self.env["ejournal.lesson"].search(
            self._diary_lesson_domain(
                first + timedelta(days=1), last + timedelta(days=HOMEWORK_HORIZON)
            )
            & Domain("subject_id", "in", subjects.ids)
            & Domain("state", "!=", "cancelled"),
            order="date, lesson_number, id",
        )
        due = {}
        for lesson in lessons:
            next_lesson = next(
                (
                    other
                    for other in following
                    if other.subject_id == lesson.subject_id
                    and other.date > lesson.date
                ),
                None,
            )
            due[lesson] = next_lesson.date if next_lesson else lesson.date
        return due

    def _diary_range_label(self, date_from, date_to):
        """23 – 29 November 2026, 30 Nov – 6 Dec 2026 or 29 Dec 2026 – 4 Jan 2027."""
        if date_from.year != date_to.year:
            first, last = "d MMM y", "d MMM y"
        elif date_from.month != date_to.month:
            first, last = "d MMM", "d MMM y"
        else:
            first, last = "d", "d MMMM y"
        start = format_date(self.env, date_from, date_format=first)
        end = format_date(self.env, date_to, date_format=last)
        return f"{start} – {end}"

    @api.model
    def _diary_mark_css(self, value):
        """Bootstrap badge colour of a mark: green 5, blue 4, yellow 3, red 2."""
        if not value.counts_in_average:
            return "text-bg-secondary"
        if value.numeric_value >= 4.5:
            return "text-bg-success"
        if value.numeric_value >= 3.5:
            return "text-bg-primary"
        if value.numeric_value >= 2.5:
            return "text-bg-warning"
        return "text-bg-danger"

    # Marks --------------------------------------------------------------------

    @api.model
    def _diary_period_kind(self, school_class):
        """How the class is assessed (REQ-71): by half-years from the grade the
        school sets (``ejournal_half_year_grade``), else by quarters."""
        school = school_class.company_id or self.env.company
        from_grade = school.sudo().ejournal_half_year_grade
        if school_class and from_grade and school_class.grade_level >= from_grade:
            return "half_year"
        return "quarter"

    def _diary_periods(self):
        """The study periods of every school year the pupil studied (REQ-71),
        the newest year first: of each year, the periods of the kind the
        pupil's class of that year works by (all of them when the year has
        none of that kind), in date order."""
        self.ensure_one()
        classes = self.enrolment_ids.class_id
        periods = self.env["ejournal.period"].search(
            [("year_id", "in", classes.year_id.ids)]
        )
        shown = periods.browse()
        for year in classes.year_id:
            year_class = classes.filtered(lambda c, year=year: c.year_id == year)
            year_periods = periods.filtered(lambda p, year=year: p.year_id == year)
            kind = self._diary_period_kind(year_class.sorted("grade_level")[-1:])
            shown |= year_periods.filtered(lambda p, kind=kind: p.kind == kind) or (
                year_periods
            )
        return shown.sorted(
            lambda p: (-p.year_id.date_start.toordinal(), p.date_start, p.kind)
        )

    def _diary_default_period(self, periods):
        """The period of today, else the last period begun, else the first."""
        today = self._diary_today()
        current = periods.filtered(lambda p: p.date_start <= today <= p.date_end)
        begun = periods.filtered(lambda p: p.date_start <= today).sorted(
            "date_start", reverse=True
        )
        return current[:1] or begun[:1] or periods[:1]

    def _diary_average(self, subject, period, school_class):
        """The weighted average of the period's marks in a subject and the mark
        it proposes: exactly the teacher's proposal (REQ-46), computed by
        ``ejournal.period.mark._propose`` on an unsaved period mark, so the
        diary and the journal never disagree.

        :return: ``(average, proposed grade scale value, formula)``
        """
        self.ensure_one()
        draft = self.env["ejournal.period.mark"].new(
            {
                "student_id": self.id,
                "subject_id": subject.id,
                "class_id": school_class.id,
                "kind": period.kind,
                "period_id": period.id,
            }
        )
        return draft._propose()

    def _diary_marks(self, period):
        """Marks of a study period by subject (REQ-70, REQ-71).

        :return: a dict with ``subjects``: one dict per subject with its
            marks (date, work type, topic), weighted average, proposed mark
            and period mark; ``year_marks``: annual, exam and final marks of
            the period's year.
        """
        self.ensure_one()
        env = self.env
        locale = babel_locale_parse(get_lang(env).code)
        today = self._diary_today()
        lesson_domain = self._diary_lesson_domain(period.date_start, period.date_end)
        [[subjects]] = env["ejournal.lesson"]._read_group(
            lesson_domain, aggregates=["subject_id:recordset"]
        )
        marks = env["ejournal.mark"].search(
            [
                ("student_id", "=", self.id),
                ("date", ">=", period.date_start),
                ("date", "<=", period.date_end),
            ],
            order="date, lesson_id, id",
        )
        period_marks = env["ejournal.period.mark"].search(
            [("student_id", "=", self.id), ("period_id", "=", period.id)]
        )
        year_marks = env["ejournal.period.mark"].search(
            [
                ("student_id", "=", self.id),
                ("year_id", "=", period.year_id.id),
                ("kind", "in", YEAR_KINDS),
            ]
        )
        subjects |= marks.subject_id | period_marks.subject_id
        school_class = (
            self._diary_class_on(
                min(period.date_end, max(period.date_start, self._diary_today()))
            )
            or self.enrolment_ids.filtered(
                lambda e: e.class_id.year_id == period.year_id
            )[:1].class_id
        )
        rows = []
        for subject in subjects.sorted(lambda s: (s.sequence, s.name or "")):
            subject_marks = marks.filtered(
                lambda m, subject=subject: m.subject_id == subject
            )
            average, proposed, formula = (
                self._diary_average(subject, period, school_class)
                if subject_marks
                else (0.0, env["ejournal.grade.scale.value"], "")
            )
            period_mark = period_marks.filtered(
                lambda m, subject=subject: m.subject_id == subject
            )[:1]
            if period_mark or period.date_end < today:
                # REQ-46: the proposal only helps while the period runs and
                # until the teacher has set the period mark.
                proposed = env["ejournal.grade.scale.value"]
            rows.append(
                {
                    "subject": subject,
                    "marks": [
                        {
                            "mark": mark,
                            "value": mark.value_id.code,
                            "date": mark.date,
                            "date_label": format_date(
                                env, mark.date, date_format="d MMM"
                            ),
                            "short_date": format_skeleton(
                                "dM", mark.date, locale=locale
                            ),
                            "work_type": mark.work_type_id.name,
                            "topic": mark.topic,
                            "comment": mark.comment,
                            "css": self._diary_mark_css(mark.value_id),
                        }
                        for mark in subject_marks
                    ],
                    "average": average,
                    "proposed": proposed,
                    "formula": formula,
                    "period_mark": period_mark,
                    "period_mark_css": self._diary_mark_css(period_mark.value_id),
                }
            )
        return {
            "student": self,
            "period": period,
            "subjects": rows,
            "year_marks": year_marks,
            "year_mark_kinds": [
                (kind, label)
                for kind, label in env["ejournal.period.mark"]
                ._fields["kind"]
                ._description_selection(env)
                if kind in YEAR_KINDS and kind in year_marks.mapped("kind")
            ],
        }

    # Attendance ---------------------------------------------------------------

    def _diary_attendance(self):
        """Missed lessons by reason and lateness, per study period (REQ-70).

        :return: a list of dicts, one per school year (newest first), each
            with its periods' counts and absences.
        """
        self.ensure_one()
        env = self.env
        periods = self._diary_periods()
        today = self._diary_today()
        records = env["ejournal.attendance"].search(
            [("student_id", "=", self.id)], order="date, lesson_id"
        )
        years = []
        for year in periods.year_id:
            rows = []
            for period in periods.filtered(
                lambda p, year=year: p.year_id == year and p.date_start <= today
            ):
                in_period = records.filtered(
                    lambda a, period=period: (
                        period.date_start <= a.date <= period.date_end
                    )
                )
                absences = in_period.filtered(lambda a: a.status == "absent")
                rows.append(
                    {
                        "period": period,
                        "lessons": env["ejournal.lesson"].search_count(
                            self._diary_lesson_domain(
                                period.date_start, period.date_end
                            )
                            & Domain("state", "=", "planned")
                            & Domain("date", "<=", today)
                        ),
                        "absent": len(absences),
                        "illness": len(
                            absences.filtered(lambda a: a.reason == "illness")
                        ),
                        "valid": len(absences.filtered(lambda a: a.reason == "valid")),
                        "unexcused": len(
                            absences.filtered(lambda a: a.reason == "unexcused")
                        ),
                        "unexplained": len(absences.filtered(lambda a: not a.reason)),
                        "late": len(in_period) - len(absences),
                        "records": in_period,
                    }
                )
            if rows:
                years.append({"year": year, "periods": rows})
        return years
