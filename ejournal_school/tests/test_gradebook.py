"""The gradebook's server side: one call for the grid, batched saves (REQ-42…46)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, TOMORROW, YESTERDAY, EjournalJournalCommon


@tagged("ejournal", "ejournal_gradebook")
class TestGradebook(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Gradebook = cls.env["ejournal.gradebook"]
        cls.lesson_early = cls._create_lesson(
            date(2026, 10, 12), slot=cls.slot_math_mon
        )
        cls.mark_early = cls._past_mark(
            cls.lesson_early, cls.student_5a_1, cls.v4, cls.wt_control
        )
        cls.mark_yesterday = cls._past_mark(
            cls.lesson_yesterday, cls.student_5a_1, cls.v5, cls.wt_answer
        )
        cls.mark_na = cls._past_mark(
            cls.lesson_yesterday, cls.student_5a_2, cls.v_na, cls.wt_answer
        )
        cls.absence_yesterday = cls._past_attendance(
            cls.lesson_yesterday, cls.student_5a_3, reason="illness"
        )
        # A pupil who left 5А after yesterday's lesson and one who arrived today.
        cls.student_leaver = cls._create_student("Яна Ушедшая", cls.class_5a)
        cls.student_leaver.state = "withdrawn"
        cls.student_leaver.enrolment_ids.date_to = YESTERDAY
        cls.student_newcomer = cls._create_student(
            "Арсен Новенький", cls.class_5a, date_from=TODAY
        )
        # Left before the quarter's lessons of 5А: not in the grid at all.
        cls.student_gone = cls._create_student("Ушедший Давно", cls.class_5a)
        cls.student_gone.state = "withdrawn"
        cls.student_gone.enrolment_ids.date_to = date(2026, 9, 30)

    def _grid(
        self, user=None, school_class=None, subject=None, subgroup=None, period=None
    ):
        gradebook = self.Gradebook.with_user(user or self.user_teacher)
        return gradebook.get_grid(
            (school_class or self.class_5a).id,
            (subject or self.subject_math).id,
            subgroup.id if subgroup else False,
            (period or self.quarter_1).id,
        )

    def _save(self, changes, user=None, period=None):
        gradebook = self.Gradebook.with_user(user or self.user_teacher)
        return gradebook.save_cells(changes, period_id=(period or self.quarter_1).id)

    def _change(self, lesson, student, kind="mark", **values):
        return {
            "lesson_id": lesson.id,
            "student_id": student.id,
            "kind": kind,
            **values,
        }

    def _db_cell(self, lesson, student):
        marks = self.env["ejournal.mark"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)],
            order="id",
        )
        attendance = self.env["ejournal.attendance"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        )
        return (
            [(m.id, m.value_id.code, m.work_type_id.id) for m in marks],
            attendance.status or False,
        )

    def _grid_cell(self, grid, lesson, student):
        cell = grid["cells"].get(f"{lesson.id}_{student.id}") or {
            "marks": [],
            "attendance": False,
        }
        return self._cell_tuple(cell)

    @staticmethod
    def _cell_tuple(cell):
        return (
            [(m["id"], m["code"], m["work_type_id"]) for m in cell["marks"]],
            cell["attendance"] and cell["attendance"]["status"],
        )

    # get_grid ----------------------------------------------------------------

    def test_grid_matches_database(self):
        """REQ-42, REQ-43: every cell of the grid is what the database holds; the
        lessons are the period's in date order with their lock state (REQ-44)."""
        grid = self._grid()
        lessons = (
            self.lesson_early
            | self.lesson_yesterday
            | self.lesson_today
            | self.lesson_future
        )
        self.assertEqual([row["id"] for row in grid["lessons"]], lessons.ids)
        self.assertEqual(
            [(row["date"], row["number"]) for row in grid["lessons"]],
            [(lesson.date, lesson.lesson_number) for lesson in lessons],
        )
        students = grid["students"]
        for lesson in lessons:
            for row in students:
                student = self.env["ejournal.student"].browse(row["id"])
                self.assertEqual(
                    self._grid_cell(grid, lesson, student),
                    self._db_cell(lesson, student),
                    f"{lesson.display_name} / {student.name}",
                )
        by_id = {row["id"]: row for row in grid["lessons"]}
        self.assertTrue(by_id[self.lesson_today.id]["is_today"])
        self.assertFalse(by_id[self.lesson_today.id]["lock_reason"])
        self.assertTrue(by_id[self.lesson_today.id]["can_enter"])
        self.assertTrue(by_id[self.lesson_today.id]["page_editable"])
        self.assertIn("locked", by_id[self.lesson_yesterday.id]["lock_reason"])
        # An ordinary lesson: no control work after its day either.
        self.assertEqual(
            by_id[self.lesson_yesterday.id]["control_lock_reason"],
            by_id[self.lesson_yesterday.id]["lock_reason"],
        )
        self.assertFalse(by_id[self.lesson_yesterday.id]["page_editable"])
        self.assertIn("not taken place", by_id[self.lesson_future.id]["lock_reason"])
        self.assertIn(
            "not taken place", by_id[self.lesson_future.id]["control_lock_reason"]
        )
        self.assertEqual(by_id[self.lesson_today.id]["work_type_id"], self.wt_answer.id)

    def test_grid_class_list_as_of_dates(self):
        """The class list as of the lesson dates: by name, the leaver only until
        they left, the newcomer only from their arrival, a long-gone pupil not
        at all (class enrolment date ranges)."""
        students = self._grid()["students"]
        names = [row["name"] for row in students]
        self.assertEqual(names, sorted(names, key=str.lower))
        self.assertNotIn(self.student_gone.id, [row["id"] for row in students])
        ranges = {row["id"]: row["ranges"] for row in students}
        self.assertEqual(
            ranges[self.student_leaver.id], [(date(2026, 9, 1), YESTERDAY)]
        )
        self.assertEqual(ranges[self.student_newcomer.id], [(TODAY, False)])
        self.assertEqual(
            set(ranges),
            {
                self.student_5a_1.id,
                self.student_5a_2.id,
                self.student_5a_3.id,
                self.student_leaver.id,
                self.student_newcomer.id,
            },
        )

    def test_grid_subgroup(self):
        """A subgroup's grid lists only its pupils and its own lessons."""
        english = self._create_lesson(
            TODAY,
            number=4,
            subject_id=self.subject_english.id,
            subgroup_id=self.subgroup_5a_english.id,
        )
        grid = self._grid(
            user=self.user_control,
            subject=self.subject_english,
            subgroup=self.subgroup_5a_english,
        )
        self.assertEqual([row["id"] for row in grid["lessons"]], english.ids)
        self.assertEqual(
            {row["id"] for row in grid["students"]},
            set(self.subgroup_5a_english.student_ids.ids),
        )

    def test_grid_summaries_are_the_proposal(self):
        """REQ-46: the average and the proposed mark at the end of a row are the
        period mark's proposal (same marks, same weights, same formula); н/а
        does not count; the period mark is shown when set."""
        grid = self._grid()
        rows = {row["id"]: row for row in grid["students"]}
        for student in self.student_5a_1 | self.student_5a_2:
            proposal = (
                self.env["ejournal.period.mark"]
                .new(
                    {
                        "student_id": student.id,
                        "subject_id": self.subject_math.id,
                        "class_id": self.class_5a.id,
                        "kind": "quarter",
                        "period_id": self.quarter_1.id,
                    }
                )
                ._propose()
            )
            row = rows[student.id]
            if proposal[1]:
                self.assertAlmostEqual(row["average"], proposal[0], places=2)
                self.assertEqual(row["proposed"], proposal[1].code)
                self.assertEqual(row["formula"], proposal[2])
            else:
                self.assertFalse(row["average"])
                self.assertFalse(row["proposed"])
        # 4 for control work (weight 2) and 5 for an answer (weight 1): 13 / 3.
        self.assertEqual(rows[self.student_5a_1.id]["average"], 4.33)
        self.assertEqual(rows[self.student_5a_1.id]["proposed"], "4")
        self.assertFalse(rows[self.student_5a_2.id]["average"])  # only н/а
        self.assertFalse(rows[self.student_5a_1.id]["period_mark"])
        with journal_unlocked():
            period_mark = self.env["ejournal.period.mark"].create(
                {
                    "student_id": self.student_5a_1.id,
                    "subject_id": self.subject_math.id,
                    "class_id": self.class_5a.id,
                    "kind": "quarter",
                    "period_id": self.quarter_1.id,
                    "value_id": self.v4.id,
                }
            )
        rows = {row["id"]: row for row in self._grid()["students"]}
        self.assertEqual(
            rows[self.student_5a_1.id]["period_mark"],
            {"id": period_mark.id, "code": "4"},
        )

    def test_grid_reasons_for_the_class_teacher(self):
        """REQ-43: the absence reason is shown to the class teacher, not to the
        subject teacher."""
        key = f"{self.lesson_yesterday.id}_{self.student_5a_3.id}"
        teacher_cell = self._grid()["cells"][key]
        self.assertEqual(teacher_cell["attendance"]["status"], "absent")
        self.assertNotIn("reason", teacher_cell["attendance"])
        class_teacher_cell = self._grid(user=self.user_class_teacher)["cells"][key]
        self.assertEqual(class_teacher_cell["attendance"]["reason"], "illness")

    def test_grid_access(self):
        """REQ-03, REQ-06: a teacher opens the grids of their own lessons, not
        another teacher's class; the control group reads every grid and may
        enter nothing."""
        with self.assertRefused(
            AccessError,
            "You have no access to the journal of 5А, Математика: a teacher opens "
            "the journals of the lessons they teach or ",
        ):
            self._grid(user=self.user_other_teacher)
        grid = self._grid(user=self.user_control)
        self.assertTrue(grid["lessons"])
        self.assertFalse(any(row["can_enter"] for row in grid["lessons"]))
        self.assertFalse(any(row["page_editable"] for row in grid["lessons"]))
        # A teacher of school B sees nothing of school A.
        gradebook_b = self.Gradebook.with_user(self.user_teacher_b).with_context(
            allowed_company_ids=self.school_b.ids
        )
        # (refused on school A's study period, the first record it reads)
        with self.assertRefused(
            AccessError,
            "doesn't have 'read' access to:\n- Study Period (ejournal.period)\n",
        ):
            gradebook_b.get_grid(
                self.class_5a.id, self.subject_math.id, False, self.quarter_1.id
            )

    def test_grid_substitute(self):
        """REQ-33: a substitute enters the marks of the lesson they conduct."""
        self.lesson_today.substitute_teacher_id = self.employee_other_teacher
        grid = self._grid(user=self.user_other_teacher)
        by_id = {row["id"]: row for row in grid["lessons"]}
        # The rules let them read the lesson they substitute, not the others.
        self.assertEqual(list(by_id), self.lesson_today.ids)
        self.assertTrue(by_id[self.lesson_today.id]["can_enter"])
        results = self._save(
            [self._change(self.lesson_today, self.student_5a_2, value_code="4")],
            user=self.user_other_teacher,
        )
        self.assertTrue(results[0]["ok"], results[0]["error"])

    def test_grid_query_count_is_constant(self):
        """get_grid makes the same number of SQL queries for 5 or 30 pupils and
        for 5 or 40 lessons: nothing is fetched per row or per cell."""
        small = self._query_count(students=5, lessons=5)
        self.assertEqual(self._query_count(students=30, lessons=5), small)
        self.assertEqual(self._query_count(students=5, lessons=40), small)
        self.assertLess(small, 40)

    def _query_count(self, students, lessons):
        school_class = self._create_class(7, f"Q{students}-{lessons}")
        self._create_assignment(school_class, self.subject_math, self.employee_teacher)
        pupils = self.env["ejournal.student"].create(
            [
                {
                    "name": f"Ученик {number:02d}",
                    "company_id": self.school_a.id,
                    "enrolment_ids": [
                        Command.create(
                            {
                                "class_id": school_class.id,
                                "date_from": self.year.date_start,
                            }
                        )
                    ],
                }
                for number in range(students)
            ]
        )
        days = sorted(self.year._calendar(self.quarter_1.date_start, TODAY))
        vals = []
        for index in range(lessons):
            day = days[index // 4 % len(days)]
            vals.append(
                {
                    "date": day,
                    "lesson_number": index % 4 + 1,
                    "class_id": school_class.id,
                    "subject_id": self.subject_math.id,
                    "teacher_id": self.employee_teacher.id,
                    "topic": f"Тема {index}",
                }
            )
        grid_lessons = self.env["ejournal.lesson"].create(vals)
        with journal_unlocked():
            self.env["ejournal.mark"].create(
                [
                    self._mark_vals(
                        lesson,
                        pupil,
                        (self.v5, self.v4, self.v3)[(lesson.id + pupil.id) % 3],
                        (self.wt_answer, self.wt_test)[lesson.id % 2],
                    )
                    for lesson in grid_lessons
                    for pupil in pupils
                ]
            )
            self.env["ejournal.attendance"].create(
                [
                    {"lesson_id": lesson.id, "student_id": pupil.id, "status": "late"}
                    for lesson in grid_lessons
                    for pupil in pupils[:2]
                ]
            )
            self.env["ejournal.homework"].create(
                [
                    {"lesson_id": lesson.id, "kind": "general", "text": "§ 1"}
                    for lesson in grid_lessons
                ]
            )
        self.env.flush_all()
        gradebook = self.Gradebook.with_user(self.user_teacher)
        args = (school_class.id, self.subject_math.id, False, self.quarter_1.id)
        # Warm the registry caches (rules, groups) from an empty record cache.
        self.env.invalidate_all()
        gradebook.get_grid(*args)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        grid = gradebook.get_grid(*args)
        count = self.env.cr.sql_log_count - before
        self.assertEqual(len(grid["students"]), students)
        self.assertEqual(len(grid["lessons"]), lessons)
        self.assertEqual(
            sum(len(cell["marks"]) for cell in grid["cells"].values()),
            students * lessons,
        )
        return count

    # save_cells --------------------------------------------------------------

    def test_save_cells(self):
        """REQ-42, REQ-43: marks and attendance typed in the grid are saved
        through the ORM (with the audit log, REQ-90) and returned as saved."""
        results = self._save(
            [
                self._change(self.lesson_today, self.student_5a_1, value_code="5"),
                self._change(
                    self.lesson_today,
                    self.student_5a_1,
                    value_code="3",
                    work_type_id=self.wt_test.id,
                ),
                self._change(
                    self.lesson_today, self.student_5a_2, "attendance", status="absent"
                ),
                self._change(self.lesson_today, self.student_5a_3, value_code="4"),
            ]
        )
        self.assertEqual([r["ok"] for r in results], [True] * 4, results)
        marks, status = self._db_cell(self.lesson_today, self.student_5a_1)
        self.assertEqual(
            [(code, wt) for _id, code, wt in marks],
            [("5", self.wt_answer.id), ("3", self.wt_test.id)],
        )
        self.assertEqual(self._cell_tuple(results[1]["cell"]), (marks, status))
        self.assertEqual(
            self._db_cell(self.lesson_today, self.student_5a_2), ([], "absent")
        )
        # The row of the pupil follows: 5 (answer), 3 (test ×1.5), 4 (control ×2),
        # 5 (answer) of the quarter.
        self.assertEqual(
            results[0]["row"]["average"], round((5 + 4.5 + 8 + 5) / 5.5, 2)
        )
        # Retyping a cell changes its mark, "present" removes the absence.
        results = self._save(
            [
                self._change(self.lesson_today, self.student_5a_1, value_code="4"),
                self._change(
                    self.lesson_today, self.student_5a_2, "attendance", status="late"
                ),
            ]
        )
        self.assertTrue(all(r["ok"] for r in results), results)
        marks, _status = self._db_cell(self.lesson_today, self.student_5a_1)
        self.assertEqual([code for _id, code, _wt in marks], ["4", "3"])
        self.assertEqual(
            self._db_cell(self.lesson_today, self.student_5a_2), ([], "late")
        )
        mark_id = marks[0][0]
        mark_5a_3_id = self._db_cell(self.lesson_today, self.student_5a_3)[0][0][0]
        results = self._save(
            [
                self._change(
                    self.lesson_today, self.student_5a_1, mark_id=mark_id, delete=True
                ),
                self._change(
                    self.lesson_today, self.student_5a_2, "attendance", status="present"
                ),
                self._change(
                    self.lesson_today,
                    self.student_5a_3,
                    work_type_id=self.wt_control.id,
                    mark_id=mark_5a_3_id,
                ),
            ]
        )
        self.assertTrue(all(r["ok"] for r in results), results)
        marks, _status = self._db_cell(self.lesson_today, self.student_5a_1)
        self.assertEqual([code for _id, code, _wt in marks], ["3"])
        self.assertEqual(
            self._db_cell(self.lesson_today, self.student_5a_2), ([], False)
        )
        self.assertEqual(
            self._db_cell(self.lesson_today, self.student_5a_3)[0][0][2],
            self.wt_control.id,
        )
        mark = self.env["ejournal.mark"].browse(mark_id)
        self.assertFalse(mark.exists())
        self.assertEqual(len(self._audit_rows(mark)), 3)  # created, changed, deleted

    def test_refused_save_changes_nothing(self):
        """REQ-44, REQ-45: a refused change (locked day, unknown mark, another
        pupil's lesson, no right) changes nothing and does not undo the accepted
        changes of the same batch."""
        audit_before = self.env["ejournal.audit.log"].search_count([])
        results = self._save(
            [
                self._change(self.lesson_today, self.student_5a_1, value_code="5"),
                self._change(self.lesson_yesterday, self.student_5a_2, value_code="4"),
                self._change(
                    self.lesson_yesterday,
                    self.student_5a_1,
                    mark_id=self.mark_yesterday.id,
                    delete=True,
                ),
                self._change(
                    self.lesson_yesterday,
                    self.student_5a_3,
                    "attendance",
                    status="present",
                ),
                self._change(self.lesson_today, self.student_5a_2, value_code="7"),
                self._change(self.lesson_today, self.student_6a_1, value_code="5"),
                self._change(
                    self.lesson_future, self.student_5a_2, "attendance", status="absent"
                ),
                self._change(
                    self.lesson_today, self.student_5a_3, "attendance", status="late"
                ),
            ]
        )
        self.assertEqual(
            [r["ok"] for r in results],
            [True, False, False, False, False, False, False, True],
        )
        self.assertIn("locked", results[1]["error"])
        self.assertIn("locked", results[2]["error"])
        self.assertIn("7", results[4]["error"])
        self.assertIn("not a pupil", results[5]["error"])
        self.assertIn("not taken place", results[6]["error"])
        # The refused cells are returned as they stand, for the client's rollback.
        self.assertEqual(
            self._cell_tuple(results[2]["cell"]),
            self._db_cell(self.lesson_yesterday, self.student_5a_1),
        )
        self.assertTrue(self.mark_yesterday.exists())
        self.assertEqual(self.absence_yesterday.status, "absent")
        self.assertEqual(
            self._db_cell(self.lesson_yesterday, self.student_5a_2)[0][0][1], "н/а"
        )
        self.assertNothingSaved(
            "ejournal.mark", [("student_id", "=", self.student_6a_1.id)]
        )
        self.assertNothingSaved(
            "ejournal.attendance", [("lesson_id", "=", self.lesson_future.id)]
        )
        self.assertEqual(
            self._db_cell(self.lesson_today, self.student_5a_1)[0][0][1], "5"
        )
        self.assertEqual(self._db_cell(self.lesson_today, self.student_5a_3)[1], "late")
        # Only the two accepted changes reached the audit log.
        self.assertEqual(
            self.env["ejournal.audit.log"].search_count([]), audit_before + 2
        )

    def test_control_work_after_the_day(self):
        """REQ-44: after its day, a lesson recorded as written control work still
        takes marks of that work within the checking norm, no other; an ordinary
        lesson takes none, not even one typed as control work."""
        ordinary = self._save(
            [
                self._change(
                    self.lesson_yesterday,
                    self.student_5a_1,
                    value_code="4",
                    work_type_id=self.wt_control.id,
                )
            ]
        )
        self.assertFalse(ordinary[0]["ok"])
        self.assertIn("The journal of 10/13/2026 is locked:", ordinary[0]["error"])
        with journal_unlocked():  # recorded as a written control work on its day
            self.lesson_yesterday.work_type_id = self.wt_control
        results = self._save(
            [
                self._change(
                    self.lesson_yesterday,
                    self.student_5a_2,
                    value_code="4",
                    work_type_id=self.wt_control.id,
                ),
                self._change(
                    self.lesson_yesterday,
                    self.student_5a_3,
                    value_code="4",
                    work_type_id=self.wt_test.id,
                ),
            ]
        )
        self.assertEqual([r["ok"] for r in results], [True, False])
        self.assertFalse(results[0]["error"])
        self.assertIn("The journal of 10/13/2026 is locked:", results[1]["error"])
        Mark = self.env["ejournal.mark"]
        yesterday = [("lesson_id", "=", self.lesson_yesterday.id)]
        self.assertEqual(
            Mark.search(yesterday + [("work_type_id", "=", self.wt_control.id)]).mapped(
                lambda m: (m.student_id, m.value_id.code)
            ),
            [(self.student_5a_2, "4")],
        )
        self.assertNothingSaved(
            "ejournal.mark", yesterday + [("work_type_id", "=", self.wt_test.id)]
        )

    def test_save_refused_without_right(self):
        """REQ-03, REQ-06: the control group and a teacher of another class
        cannot save; nothing is saved and the reason is given."""
        for user in (
            self.user_control,
            self.user_other_teacher,
            self.user_class_teacher,
        ):
            results = self._save(
                [self._change(self.lesson_today, self.student_5a_1, value_code="5")],
                user=user,
            )
            self.assertFalse(results[0]["ok"], user.login)
            self.assertEqual(
                results[0]["error"],
                "You may only fill the journal of the lessons you teach or substitute.",
            )
        self.assertNothingSaved(
            "ejournal.mark", [("lesson_id", "=", self.lesson_today.id)]
        )

    # Options and default selection --------------------------------------------

    def test_options(self):
        """The pickers offer what the user may open: a teacher their own groups,
        the class teacher their class, the control group everything."""
        combo = {
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "subgroup_id": False,
        }
        teacher = self.Gradebook.with_user(self.user_teacher).get_options()
        self.assertIn(combo, teacher["combos"])
        self.assertNotIn(self.class_6a.id, [c["id"] for c in teacher["classes"]])
        self.assertEqual(
            {p["id"] for p in teacher["periods"]},
            set(self.year.period_ids.ids),
        )
        other = self.Gradebook.with_user(self.user_other_teacher).get_options()
        self.assertNotIn(combo, other["combos"])
        self.assertIn(self.class_6a.id, [c["id"] for c in other["classes"]])
        control = self.Gradebook.with_user(self.user_control).get_options()
        self.assertIn(combo, control["combos"])
        self.assertIn(self.class_6a.id, [c["id"] for c in control["classes"]])
        self.assertEqual(teacher["today"], TODAY)

    def test_default_selection(self):
        """The gradebook opens on the teacher's lesson that is on now in the
        school's time (Asia/Bishkek), or today's next one."""
        lesson_3 = self._create_lesson(TODAY, number=3, class_id=self.class_6a.id)
        gradebook = self.Gradebook.with_user(self.user_teacher)
        # 08:30 in Bishkek (02:30 UTC): lesson 1 (08:00–08:45) is on.
        with freeze_time("2026-10-14 02:30:00"):
            selection = gradebook.get_default_selection()
        self.assertEqual(selection["lesson_id"], self.lesson_today.id)
        self.assertEqual(selection["class_id"], self.class_5a.id)
        self.assertEqual(selection["period_id"], self.quarter_1.id)
        # 09:00: lesson 1 is over, lesson 3 (09:50–10:35) is the next one.
        with freeze_time("2026-10-14 03:00:00"):
            self.assertEqual(
                gradebook.get_default_selection()["lesson_id"], lesson_3.id
            )
        # Late in the afternoon: the day's last lesson.
        self.assertEqual(gradebook.get_default_selection()["lesson_id"], lesson_3.id)
        # On a day without lessons: the last lesson given.
        with freeze_time("2026-10-17 06:00:00"):
            self.assertEqual(
                gradebook.get_default_selection()["lesson_id"], self.lesson_future.id
            )
        # A lesson given explicitly (the lesson form's button).
        selection = gradebook.get_default_selection(lesson_id=self.lesson_yesterday.id)
        self.assertEqual(selection["lesson_id"], self.lesson_yesterday.id)
        self.assertEqual(selection["subgroup_id"], False)
        # A teacher without lessons: the first group they may open.
        self.assertEqual(
            self.Gradebook.with_user(self.user_other_teacher).get_default_selection()[
                "class_id"
            ],
            self.class_6a.id,
        )

    def test_lesson_page_lock(self):
        """REQ-41, REQ-44: the lesson page (topic, homework, work done) is
        written up to the lesson's day; the grid says so, the model enforces it."""
        grid = self._grid()
        by_id = {row["id"]: row for row in grid["lessons"]}
        self.assertTrue(by_id[self.lesson_today.id]["page_editable"])
        self.assertTrue(by_id[self.lesson_future.id]["page_editable"])
        self.assertFalse(by_id[self.lesson_yesterday.id]["page_editable"])
        self.lesson_today.with_user(self.user_teacher).write(
            {"topic": "Дроби", "work_done": "Упр. 1–5"}
        )
        self.env["ejournal.homework"].with_user(self.user_teacher).create(
            {"lesson_id": self.lesson_today.id, "kind": "general", "text": "§ 12"}
        )
        row = {r["id"]: r for r in self._grid()["lessons"]}[self.lesson_today.id]
        self.assertEqual(row["topic"], "Дроби")
        self.assertEqual(row["work_done"], "Упр. 1–5")
        self.assertEqual([h["text"] for h in row["homework"]], ["§ 12"])
        self.assertEqual(TOMORROW - timedelta(days=1), TODAY)

    # Period marks in the grid (REQ-46) ----------------------------------------

    def _period_change(self, student, kind="quarter", period=None, **values):
        period = self.quarter_1 if period is None else period
        return {
            "kind": "period_mark",
            "student_id": student.id,
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "period_kind": kind,
            "period_id": period.id or False,
            **values,
        }

    def _period_marks(self, student=None):
        return self.env["ejournal.period.mark"].search(
            [("student_id", "=", (student or self.student_5a_1).id)]
        )

    def test_period_mark_form_new_record(self):
        """REQ-46: a new period mark (the form's New) has nothing to propose
        from and does not fail; once filled, the form proposes what the grid
        proposes."""
        PeriodMark = self.env["ejournal.period.mark"].with_user(self.user_teacher)
        blank = PeriodMark.new({})
        self.assertEqual(
            blank.proposed_value_id, self.env["ejournal.grade.scale.value"]
        )
        self.assertFalse(blank.proposed_formula)
        filled = PeriodMark.new(
            {
                "student_id": self.student_5a_1.id,
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "kind": "quarter",
                "period_id": self.quarter_1.id,
            }
        )
        self.assertEqual(filled.proposed_value_id, self.v4)
        self.assertEqual(filled.proposed_formula, "(5×1 + 4×2) / (1 + 2) = 4.33 → 4")
        cell = self._grid()["students"]
        row = next(s for s in cell if s["id"] == self.student_5a_1.id)
        quarter = row["period_marks"][f"quarter_{self.quarter_1.id}"]
        self.assertEqual(quarter["proposed"], "4")
        self.assertEqual(quarter["formula"], filled.proposed_formula)

    def test_period_columns(self):
        """REQ-46: the grid ends with the period's and the annual mark, each with
        its window; who may set them (class teacher, subject teacher) and who
        only reads (control)."""
        grid = self._grid()
        columns = grid["period_columns"]
        self.assertEqual(
            [c["key"] for c in columns], [f"quarter_{self.quarter_1.id}", "annual_0"]
        )
        self.assertIn("2026", columns[0]["lock_reason"])  # before the last day
        self.assertTrue(columns[0]["can_enter"])
        with freeze_time("2026-10-31 06:00:00"):
            columns = self._grid()["period_columns"]
            self.assertFalse(columns[0]["lock_reason"])
            self.assertTrue(columns[1]["lock_reason"])  # the year is not over
            self.assertTrue(
                self._grid(user=self.user_class_teacher)["period_columns"][0][
                    "can_enter"
                ]
            )
            self.assertFalse(
                self._grid(user=self.user_control)["period_columns"][0]["can_enter"]
            )

    def test_save_period_mark(self):
        """REQ-46: a period mark typed or accepted from the proposal in the grid
        is saved through the period mark, as the user: inside its window only,
        by the teachers of the class only."""
        change = self._period_change(self.student_5a_1, accept_proposal=True)
        [result] = self._save([change])
        self.assertFalse(result["ok"])
        self.assertIn("2026", result["error"])
        self.assertNothingSaved(
            "ejournal.period.mark", [("student_id", "=", self.student_5a_1.id)]
        )
        with freeze_time("2026-10-31 06:00:00"):
            [result] = self._save([change])
            self.assertTrue(result["ok"], result["error"])
            mark = self._period_marks()
            self.assertEqual(mark.value_id, self.v4)
            self.assertEqual(mark.create_uid, self.user_teacher)
            key = f"quarter_{self.quarter_1.id}"
            self.assertEqual(result["period_marks"][key]["code"], "4")
            self.assertEqual(result["period_marks"][key]["id"], mark.id)
            # Typed over by the class teacher.
            [result] = self._save(
                [self._period_change(self.student_5a_1, value_code="5")],
                user=self.user_class_teacher,
            )
            self.assertTrue(result["ok"], result["error"])
            self.assertEqual(self._period_marks().value_id, self.v5)
            self.assertEqual(self._period_marks().write_uid, self.user_class_teacher)
            # Not a mark of the scale; a teacher of another class; control.
            [result] = self._save(
                [self._period_change(self.student_5a_2, value_code="9")]
            )
            self.assertIn("9 is not a mark of the scale", result["error"])
            for user in (self.user_other_teacher, self.user_control):
                [result] = self._save(
                    [self._period_change(self.student_5a_2, value_code="4")],
                    user=user,
                )
                self.assertFalse(result["ok"])
            self.assertNothingSaved(
                "ejournal.period.mark", [("student_id", "=", self.student_5a_2.id)]
            )
            # The annual mark waits for the end of the year.
            [result] = self._save(
                [
                    self._period_change(
                        self.student_5a_1,
                        kind="annual",
                        period=self.env["ejournal.period"],
                        value_code="5",
                    )
                ]
            )
            self.assertFalse(result["ok"])
            self.assertIn("2027", result["error"])

    def test_annual_proposal(self):
        """REQ-46: the annual mark is proposed from the period marks, the same
        way in the grid and in the period mark's form."""
        with journal_unlocked():
            self.env["ejournal.period.mark"].create(
                [
                    {
                        "student_id": self.student_5a_1.id,
                        "class_id": self.class_5a.id,
                        "subject_id": self.subject_math.id,
                        "kind": "quarter",
                        "period_id": period.id,
                        "value_id": value.id,
                    }
                    for period, value in (
                        (self.quarter_1, self.v5),
                        (self.quarter_2, self.v4),
                    )
                ]
            )
        row = next(
            s for s in self._grid()["students"] if s["id"] == self.student_5a_1.id
        )
        annual = row["period_marks"]["annual_0"]
        form = self.env["ejournal.period.mark"].new(
            {
                "student_id": self.student_5a_1.id,
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "kind": "annual",
            }
        )
        self.assertEqual(annual["formula"], form.proposed_formula)
        self.assertEqual(annual["proposed"], form.proposed_value_id.code)
        self.assertEqual(
            row["period_marks"][f"quarter_{self.quarter_1.id}"]["code"], "5"
        )

    # Attendance taken (REQ-43) ------------------------------------------------

    def test_attendance_entry_marks_lesson_taken(self):
        """REQ-43: any attendance entry in the grid marks the lesson's attendance
        as taken, written as the teacher; a refused entry does not."""
        self.assertFalse(self.lesson_today.attendance_taken)
        [result] = self._save(
            [
                self._change(
                    self.lesson_today, self.student_5a_2, "attendance", status="absent"
                )
            ]
        )
        self.assertTrue(result["ok"], result["error"])
        self.assertTrue(self.lesson_today.attendance_taken)
        self.assertEqual(self.lesson_today.write_uid, self.user_teacher)
        # A locked day: refused, nothing taken.
        self.assertFalse(self.lesson_early.attendance_taken)
        [result] = self._save(
            [
                self._change(
                    self.lesson_early, self.student_5a_2, "attendance", status="absent"
                )
            ]
        )
        self.assertFalse(result["ok"])
        self.assertFalse(self.lesson_early.attendance_taken)
        # The control list: lessons whose attendance is not taken.
        not_taken = self.env["ejournal.lesson"].search(
            [("attendance_taken", "=", False), ("class_id", "=", self.class_5a.id)]
        )
        self.assertNotIn(self.lesson_today, not_taken)

    def test_mark_all_present(self):
        """REQ-43: "all present" marks today's lesson taken with no absences; only
        its conductor, only on its day, only when no absence is recorded."""
        Gradebook = self.Gradebook.with_user(self.user_teacher)
        refused = self.Gradebook.with_user(self.user_class_teacher).mark_all_present(
            self.lesson_today.id
        )
        self.assertFalse(refused["ok"])
        self.assertIn("Only the teacher who conducts the lesson", refused["error"])
        self.assertFalse(self.lesson_today.attendance_taken)
        result = Gradebook.mark_all_present(self.lesson_yesterday.id)
        self.assertFalse(result["ok"])
        self.assertIn("is locked", result["error"])
        result = Gradebook.mark_all_present(self.lesson_future.id)
        self.assertFalse(result["ok"])
        self.assertIn("has not taken place yet", result["error"])
        self.assertFalse(self.lesson_future.attendance_taken)
        result = Gradebook.mark_all_present(self.lesson_today.id)
        self.assertEqual(result, {"ok": True, "error": False, "attendance_taken": True})
        self.assertTrue(self.lesson_today.attendance_taken)
        self.assertFalse(self.lesson_today.attendance_ids)

    # Corrections in the cell (REQ-45) -----------------------------------------

    def test_pending_correction_in_cell(self):
        """REQ-45: a requested correction shows as pending in its cell, to the
        teacher who asked; a decided one does not."""
        key = f"{self.lesson_yesterday.id}_{self.student_5a_1.id}"
        self.assertNotIn("correction_pending", self._grid()["cells"][key])
        self.env["ejournal.correction"].with_user(self.user_teacher).create(
            {
                "target": "mark",
                "operation": "change",
                "mark_id": self.mark_yesterday.id,
                "new_value_id": self.v3.id,
                "reason": "Ошибка при вводе",
            }
        )
        self.assertIs(self._grid()["cells"][key]["correction_pending"], True)
        other = f"{self.lesson_yesterday.id}_{self.student_5a_2.id}"
        self.assertNotIn("correction_pending", self._grid()["cells"][other])
