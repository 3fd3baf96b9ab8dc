from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.ejournal_school.models.ejournal_journal_entry import journal_unlocked

SCHOOL_TZ = "Asia/Bishkek"
PASSWORD = "Diary-Secret-2026"


class DiaryFixture:
    """A school of its own, built around the REAL current week (the browser
    of the tours lives in real time), nothing from demo data; logins start
    with ``diary_`` and share the password ``PASSWORD``.

    ``school`` (a new company, the current one; Asia/Bishkek), ``today`` its
    today, ``monday`` the Monday of this week.

    - ``year``: from 9 weeks before ``monday`` to 26 weeks after, active;
      ``quarter_1`` ends the Sunday before this week, ``quarter_2`` starts
      on ``monday``; ``vacation`` is the whole next week.
    - Subjects ``math``, ``russian``, ``english``; teachers (hr.employee)
      ``teacher`` and ``substitute``; bells 1…4 of the first shift.
    - Classes ``class_5a`` and ``class_6a``; English of 5А is taught in the
      subgroups ``group_1`` (``child_a``) and ``group_2`` (``classmate``).
    - Pupils: ``child_a`` (5А, portal ``user_pupil``), ``classmate`` (5А),
      ``child_b`` (6А).
    - Parents: ``parent`` (portal ``user_parent``) of ``child_a`` and
      ``child_b``; ``other_parent`` (portal ``user_other_parent``) of
      ``classmate``; ``user_stranger`` is a portal user linked to nobody.
    - Lessons every day of this week from Monday to Friday
      (``lessons[(class, date, number, subgroup or None)]``): 5А 1 maths,
      2 Russian, 3 English in each subgroup; 6А 1 Russian, 2 maths. Plus
      maths of 5А on the Monday of last week (``lesson_last_week``).
    - Homework, marks, absences, period marks and events: see
      ``_build_journal``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_school()

    @classmethod
    def _build_school(cls):
        school = cls.env["res.company"].create({"name": "Diary Test School"})
        school.ejournal_tz = SCHOOL_TZ
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=school.ids
            )
        )
        cls.school = cls.env.company
        cls.today = cls.school._ejournal_today()
        cls.monday = cls.today - timedelta(days=cls.today.weekday())
        cls.week = [cls.monday + timedelta(days=offset) for offset in range(5)]

        Year = cls.env["ejournal.academic.year"]
        cls.year = Year.create(
            {
                "name": "Diary year",
                "date_start": cls.monday - timedelta(weeks=9),
                "date_end": cls.monday + timedelta(weeks=26),
                "company_id": cls.school.id,
            }
        )
        cls.year.action_activate()
        cls.quarter_1, cls.quarter_2 = cls.env["ejournal.period"].create(
            [
                {
                    "name": "1st quarter",
                    "year_id": cls.year.id,
                    "kind": "quarter",
                    "date_start": cls.year.date_start,
                    "date_end": cls.monday - timedelta(days=1),
                },
                {
                    "name": "2nd quarter",
                    "year_id": cls.year.id,
                    "kind": "quarter",
                    "date_start": cls.monday,
                    "date_end": cls.year.date_end,
                },
            ]
        )
        cls.vacation = cls.env["ejournal.holiday"].create(
            {
                "name": "Winter vacation",
                "year_id": cls.year.id,
                "kind": "vacation",
                "date_start": cls.monday + timedelta(days=7),
                "date_end": cls.monday + timedelta(days=13),
            }
        )
        cls.math, cls.russian, cls.english = cls.env["ejournal.subject"].create(
            [
                {"name": "Mathematics", "sequence": 1, "company_id": cls.school.id},
                {"name": "Russian", "sequence": 2, "company_id": cls.school.id},
                {"name": "English", "sequence": 3, "company_id": cls.school.id},
            ]
        )
        cls.teacher, cls.substitute = cls.env["hr.employee"].create(
            [
                {"name": "Asel Teacher", "company_id": cls.school.id},
                {"name": "Nurlan Substitute", "company_id": cls.school.id},
            ]
        )
        cls.env["ejournal.bell"].create(
            [
                {
                    "lesson_number": number,
                    "time_start": start,
                    "time_end": start + 0.75,
                    "company_id": cls.school.id,
                }
                for number, start in ((1, 8.0), (2, 9.0), (3, 10.0), (4, 11.0))
            ]
        )
        cls.class_5a, cls.class_6a = cls.env["ejournal.class"].create(
            [
                {"grade_level": 5, "letter": "А", "year_id": cls.year.id},
                {"grade_level": 6, "letter": "А", "year_id": cls.year.id},
            ]
        )

        cls.user_pupil = cls._create_portal_user("diary_pupil", "Aibek Asanov")
        cls.user_parent = cls._create_portal_user("diary_parent", "Aigul Asanova")
        cls.user_other_parent = cls._create_portal_user(
            "diary_other_parent", "Zhamila Duisheeva"
        )
        cls.user_stranger = cls._create_portal_user("diary_stranger", "Stranger")
        cls.child_a = cls._create_student("Aibek Asanov", cls.class_5a, cls.user_pupil)
        cls.classmate = cls._create_student("Daniyar Duisheev", cls.class_5a)
        cls.child_b = cls._create_student("Bermet Asanova", cls.class_6a)
        cls.parent = cls._create_parent(
            "Aigul Asanova", cls.child_a | cls.child_b, cls.user_parent
        )
        cls.other_parent = cls._create_parent(
            "Zhamila Duisheeva", cls.classmate, cls.user_other_parent
        )
        cls.group_1, cls.group_2 = cls.env["ejournal.subgroup"].create(
            [
                {
                    "name": "Group 1",
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.english.id,
                    "student_ids": [Command.set(cls.child_a.ids)],
                },
                {
                    "name": "Group 2",
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.english.id,
                    "student_ids": [Command.set(cls.classmate.ids)],
                },
            ]
        )
        cls._build_lessons()
        cls._build_journal()

    @classmethod
    def _create_portal_user(cls, login, name):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            password=PASSWORD,
            email=f"{login}@example.com",
            groups="base.group_portal",
            context={"no_reset_password": True},
            company_id=cls.school.id,
            company_ids=[Command.set(cls.school.ids)],
        )

    @classmethod
    def _create_student(cls, name, school_class, user=None, date_from=None):
        vals = {
            "name": name,
            "company_id": cls.school.id,
            "enrolment_ids": [
                Command.create(
                    {
                        "class_id": school_class.id,
                        "date_from": date_from or cls.year.date_start,
                    }
                )
            ],
        }
        if user:
            vals.update(partner_id=user.partner_id.id, user_id=user.id)
        return cls.env["ejournal.student"].create(vals)

    @classmethod
    def _create_parent(cls, name, children, user):
        return cls.env["ejournal.parent"].create(
            {
                "name": name,
                "company_id": cls.school.id,
                "partner_id": user.partner_id.id,
                "user_id": user.id,
                "guardianship_ids": [
                    Command.create({"student_id": child.id, "relation": "mother"})
                    for child in children
                ],
            }
        )

    @classmethod
    def _lesson_vals(cls, school_class, day, number, subject, subgroup=None, **vals):
        return {
            "class_id": school_class.id,
            "date": day,
            "lesson_number": number,
            "subject_id": subject.id,
            "subgroup_id": subgroup.id if subgroup else False,
            "teacher_id": cls.teacher.id,
            **vals,
        }

    @classmethod
    def _build_lessons(cls):
        vals_list = []
        keys = []
        plan = [
            (cls.class_5a, 1, cls.math, None),
            (cls.class_5a, 2, cls.russian, None),
            (cls.class_5a, 3, cls.english, cls.group_1),
            (cls.class_5a, 3, cls.english, cls.group_2),
            (cls.class_6a, 1, cls.russian, None),
            (cls.class_6a, 2, cls.math, None),
        ]
        for day in cls.week:
            for school_class, number, subject, subgroup in plan:
                keys.append((school_class, day, number, subgroup))
                vals_list.append(
                    cls._lesson_vals(
                        school_class,
                        day,
                        number,
                        subject,
                        subgroup,
                        topic=f"{subject.name} topic {day.isoformat()}",
                        room="201",
                    )
                )
        lessons = cls.env["ejournal.lesson"].create(vals_list)
        cls.lessons = dict(zip(keys, lessons, strict=True))
        cls.lesson_last_week = cls.env["ejournal.lesson"].create(
            cls._lesson_vals(
                cls.class_5a,
                cls.monday - timedelta(days=7),
                1,
                cls.math,
                topic="Fractions",
            )
        )

    @classmethod
    def lesson(cls, school_class, weekday, number, subgroup=None):
        return cls.lessons[(school_class, cls.week[weekday], number, subgroup)]

    @classmethod
    def _build_journal(cls):
        ref = cls.env.ref
        cls.wt_answer = ref("ejournal_school.ejournal_work_type_answer")
        cls.wt_test = ref("ejournal_school.ejournal_work_type_test")
        cls.wt_control = ref("ejournal_school.ejournal_work_type_control")
        cls.wt_dictation = ref("ejournal_school.ejournal_work_type_dictation")
        cls.v5 = ref("ejournal_school.ejournal_grade_scale_value_5")
        cls.v4 = ref("ejournal_school.ejournal_grade_scale_value_4")
        cls.v3 = ref("ejournal_school.ejournal_grade_scale_value_3")
        cls.v2 = ref("ejournal_school.ejournal_grade_scale_value_2")
        math_5a_mon = cls.lesson(cls.class_5a, 0, 1)
        math_5a_tue = cls.lesson(cls.class_5a, 1, 1)
        russian_5a_tue = cls.lesson(cls.class_5a, 1, 2)
        russian_5a_wed = cls.lesson(cls.class_5a, 2, 2)
        math_5a_thu = cls.lesson(cls.class_5a, 3, 1)
        english_g1_mon = cls.lesson(cls.class_5a, 0, 3, cls.group_1)
        english_g2_mon = cls.lesson(cls.class_5a, 0, 3, cls.group_2)
        math_6a_mon = cls.lesson(cls.class_6a, 0, 2)
        russian_6a_tue = cls.lesson(cls.class_6a, 1, 1)
        with journal_unlocked():
            math_5a_tue.substitute_teacher_id = cls.substitute
            cls.lesson(cls.class_5a, 4, 2).state = "cancelled"
            Homework = cls.env["ejournal.homework"]
            cls.homework_general = Homework.create(
                {
                    "lesson_id": math_5a_mon.id,
                    "kind": "general",
                    "text": "Exercise 12, page 40",
                }
            )
            cls.homework_own = Homework.create(
                {
                    "lesson_id": math_5a_tue.id,
                    "kind": "individual",
                    "text": "Own task: multiplication table",
                    "student_ids": [Command.set(cls.child_a.ids)],
                }
            )
            cls.homework_classmate = Homework.create(
                {
                    "lesson_id": math_5a_tue.id,
                    "kind": "individual",
                    "text": "Classmate's secret task",
                    "student_ids": [Command.set(cls.classmate.ids)],
                }
            )
            cls.homework_group_2 = Homework.create(
                {
                    "lesson_id": english_g2_mon.id,
                    "kind": "general",
                    "text": "Group 2 reading",
                }
            )
            cls.homework_group_1 = Homework.create(
                {
                    "lesson_id": english_g1_mon.id,
                    "kind": "general",
                    "text": "Group 1 vocabulary",
                }
            )
            cls.homework_6a = Homework.create(
                {
                    "lesson_id": math_6a_mon.id,
                    "kind": "general",
                    "text": "6A homework",
                }
            )
            Mark = cls.env["ejournal.mark"]
            cls.mark_a_math = Mark.create(
                cls._mark_vals(math_5a_mon, cls.child_a, cls.v5, cls.wt_answer)
            )
            cls.mark_a_test = Mark.create(
                cls._mark_vals(math_5a_mon, cls.child_a, cls.v3, cls.wt_test)
            )
            cls.mark_a_russian = Mark.create(
                cls._mark_vals(russian_5a_tue, cls.child_a, cls.v4, cls.wt_test)
            )
            cls.mark_a_last_week = Mark.create(
                cls._mark_vals(
                    cls.lesson_last_week, cls.child_a, cls.v2, cls.wt_dictation
                )
            )
            cls.mark_classmate = Mark.create(
                cls._mark_vals(math_5a_mon, cls.classmate, cls.v2, cls.wt_answer)
            )
            cls.mark_b = Mark.create(
                cls._mark_vals(math_6a_mon, cls.child_b, cls.v3, cls.wt_control)
            )
            Attendance = cls.env["ejournal.attendance"]
            cls.absence_a = Attendance.create(
                {
                    "lesson_id": russian_5a_wed.id,
                    "student_id": cls.child_a.id,
                    "status": "absent",
                    "reason": "illness",
                }
            )
            cls.late_a = Attendance.create(
                {
                    "lesson_id": math_5a_thu.id,
                    "student_id": cls.child_a.id,
                    "status": "late",
                }
            )
            cls.absence_b = Attendance.create(
                {
                    "lesson_id": russian_6a_tue.id,
                    "student_id": cls.child_b.id,
                    "status": "absent",
                }
            )
            cls.absence_classmate = Attendance.create(
                {
                    "lesson_id": math_5a_mon.id,
                    "student_id": cls.classmate.id,
                    "status": "absent",
                    "reason": "unexcused",
                }
            )
            PeriodMark = cls.env["ejournal.period.mark"]
            cls.period_mark_a = PeriodMark.create(
                {
                    "student_id": cls.child_a.id,
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.math.id,
                    "kind": "quarter",
                    "period_id": cls.quarter_1.id,
                    "value_id": cls.v4.id,
                }
            )
            cls.period_mark_classmate = PeriodMark.create(
                {
                    "student_id": cls.classmate.id,
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.math.id,
                    "kind": "quarter",
                    "period_id": cls.quarter_1.id,
                    "value_id": cls.v2.id,
                }
            )
        Event = cls.env["ejournal.event"]
        cls.event_school = Event.create(
            {
                "name": "Parents' meeting",
                "date_start": cls.week[2],
                "date_end": cls.week[2],
                "company_id": cls.school.id,
            }
        )
        cls.event_6a = Event.create(
            {
                "name": "6A museum trip",
                "date_start": cls.week[3],
                "date_end": cls.week[3],
                "class_id": cls.class_6a.id,
                "company_id": cls.school.id,
            }
        )

    @classmethod
    def _mark_vals(cls, lesson, student, value, work_type):
        return {
            "lesson_id": lesson.id,
            "student_id": student.id,
            "value_id": value.id,
            "work_type_id": work_type.id,
        }


class DiaryCase(DiaryFixture, TransactionCase):
    pass


class DiaryHttpCase(DiaryFixture, HttpCase):
    def url(self, student, view="week", query=""):
        return f"/my/diary/{student.id}/{view}{query}"
