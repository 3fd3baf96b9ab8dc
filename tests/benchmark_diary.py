#!/usr/bin/env python3
"""Server time and SQL queries of the families' diary week page (REQ-70, REQ-93).

    python3 tests/benchmark_diary.py -d DBNAME [-c odoo.conf] [--renders 30]

Needs a database where ``ejournal_school_portal`` is installed. Uses Odoo as a
library: builds a school with a full quarter of journal data (several classes,
a pupil with a parent who has a portal login) in one transaction, renders the
week page 30 times as that parent (the controller's values, then the QWeb
template, inside a mocked HTTP request) and ROLLS EVERYTHING BACK: nothing is
written to the database.

Each render starts with an empty ORM cache, like a new request; the compiled
templates and the registry caches stay warm, like a running server. Reported:
median and p95 of the server time (values, template, total) and the number of
SQL queries of one render. The marks and attendance pages are measured too.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", default=os.path.join(ROOT, "odoo.conf"))
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--classes", type=int, default=6, help="classes in the school")
    parser.add_argument("--pupils", type=int, default=25, help="pupils per class")
    parser.add_argument("--weeks", type=int, default=9, help="weeks of the quarter")
    parser.add_argument("--seed", type=int, default=88)
    return parser.parse_args()


SUBJECTS = {
    "Математика": [
        "Дроби",
        "Сложение дробей",
        "Десятичные дроби",
        "Проценты",
        "Уравнения",
    ],
    "Русский язык": ["Имя существительное", "Падежи", "Склонение", "Глагол", "Наречие"],
    "Кыргызский язык": ["Зат атооч", "Сын атооч", "Этиш", "Сан атооч", "Ат атооч"],
    "Английский язык": ["Present Simple", "My family", "Past Simple", "At school"],
    "Литература": ["Басни Крылова", "Пушкин. Сказки", "Лермонтов. Бородино"],
    "История": ["Древний Египет", "Древняя Греция", "Древний Рим"],
    "Биология": ["Клетка", "Ткани растений", "Корень", "Лист"],
    "География": ["План местности", "Географическая карта", "Литосфера"],
    "Физическая культура": ["Бег на короткие дистанции", "Прыжки в длину", "Волейбол"],
}
HOMEWORK = [
    "§{n}, упр. {m}–{k}",
    "Выучить правило на с. {n}, упр. {m}",
    "Задачи № {n}, {m}, {k}",
    "Прочитать с. {n}–{k}, ответить на вопросы",
    "Выучить слова урока {m}",
    "Подготовить сообщение по теме урока",
]
FIRST_NAMES = [
    "Айбек",
    "Бермет",
    "Данияр",
    "Айпери",
    "Нурлан",
    "Жылдыз",
    "Эмир",
    "Алина",
    "Тимур",
    "Сезим",
    "Арсен",
    "Камила",
    "Бакыт",
    "Асель",
    "Руслан",
    "Айгерим",
]
SURNAMES = [
    "Асанов",
    "Бакирова",
    "Дуйшеев",
    "Жумабаева",
    "Исаков",
    "Калыкова",
    "Мамытов",
    "Осмонова",
    "Сыдыков",
    "Токтогулова",
    "Усенов",
    "Эсенова",
]


def build_quarter(env, classes=6, pupils=25, weeks=9, seed=88):
    """A school whose current quarter has ``weeks`` full weeks of lessons,
    marks, homework and absences, the current week being the last one.

    :return: dict with ``env`` (in the new school), the ``parent_user`` (a
        portal user) and the ``child`` to measure, and the ``counts``.
    """
    from odoo import Command

    from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
        journal_unlocked,
    )

    rnd = random.Random(seed)
    school = env["res.company"].create({"name": f"Школа № {seed} (benchmark)"})
    school.ejournal_tz = "Asia/Bishkek"
    env = env(
        context=dict(env.context, tracking_disable=True, allowed_company_ids=school.ids)
    )
    today = school._ejournal_today()
    monday = today - timedelta(days=today.weekday())
    start = monday - timedelta(weeks=weeks - 1)
    year = env["ejournal.academic.year"].create(
        {
            "name": f"{start.year}/{start.year + 1}",
            "date_start": start,
            "date_end": monday + timedelta(weeks=30),
            "company_id": school.id,
        }
    )
    year.action_activate()
    env["ejournal.period"].create(
        [
            {
                "name": "2 четверть",
                "year_id": year.id,
                "kind": "quarter",
                "date_start": start,
                "date_end": monday + timedelta(days=6),
            },
            {
                "name": "3 четверть",
                "year_id": year.id,
                "kind": "quarter",
                "date_start": monday + timedelta(days=7),
                "date_end": year.date_end,
            },
        ]
    )
    env["ejournal.bell"].create(
        [
            {
                "lesson_number": number,
                "time_start": 7.25 + number * 55 / 60,
                "time_end": 7.25 + number * 55 / 60 + 0.75,
                "company_id": school.id,
            }
            for number in range(1, 8)
        ]
    )
    subjects = env["ejournal.subject"].create(
        [
            {"name": name, "sequence": index, "company_id": school.id}
            for index, name in enumerate(SUBJECTS)
        ]
    )
    teachers = env["hr.employee"].create(
        [
            {
                "name": f"{rnd.choice(SURNAMES)} {rnd.choice(FIRST_NAMES)[0]}. "
                f"{rnd.choice(FIRST_NAMES)[0]}.",
                "company_id": school.id,
            }
            for _n in range(12)
        ]
    )
    school_classes = env["ejournal.class"].create(
        [
            {"grade_level": 5 + n // 3, "letter": "АБВ"[n % 3], "year_id": year.id}
            for n in range(classes)
        ]
    )
    students = env["ejournal.student"]
    for school_class in school_classes:
        students |= env["ejournal.student"].create(
            [
                {
                    "name": f"{rnd.choice(SURNAMES)} {rnd.choice(FIRST_NAMES)}",
                    "company_id": school.id,
                    "enrolment_ids": [
                        Command.create(
                            {"class_id": school_class.id, "date_from": start}
                        )
                    ],
                }
                for _n in range(pupils)
            ]
        )
    parent_user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Асанова Айгуль",
                "login": f"benchmark_parent_{seed}",
                "email": f"benchmark_parent_{seed}@example.com",
                "company_id": school.id,
                "company_ids": [Command.set(school.ids)],
                "group_ids": [Command.set(env.ref("base.group_portal").ids)],
            }
        )
    )
    child = students.filtered(lambda s: s.class_id == school_classes[0])[0]
    sibling = students.filtered(lambda s: s.class_id == school_classes[-1])[0]
    child.name = "Асанов Айбек"
    sibling.name = "Асанова Бермет"
    env["ejournal.parent"].create(
        {
            "name": parent_user.name,
            "partner_id": parent_user.partner_id.id,
            "user_id": parent_user.id,
            "company_id": school.id,
            "guardianship_ids": [
                Command.create({"student_id": child.id, "relation": "mother"}),
                Command.create({"student_id": sibling.id, "relation": "mother"}),
            ],
        }
    )
    # English in two subgroups in every class.
    english = subjects.filtered(lambda s: s.name == "Английский язык")
    subgroups = {}
    for school_class in school_classes:
        pupils_of_class = students.filtered(lambda s, c=school_class: s.class_id == c)
        half = len(pupils_of_class) // 2
        subgroups[school_class] = env["ejournal.subgroup"].create(
            [
                {
                    "name": "Группа 1",
                    "class_id": school_class.id,
                    "subject_id": english.id,
                    "student_ids": [Command.set(pupils_of_class[:half].ids)],
                },
                {
                    "name": "Группа 2",
                    "class_id": school_class.id,
                    "subject_id": english.id,
                    "student_ids": [Command.set(pupils_of_class[half:].ids)],
                },
            ]
        )

    calendar = year._calendar(start, monday + timedelta(days=6))
    lesson_vals = []
    for class_index, school_class in enumerate(school_classes):
        for day in sorted(calendar):
            day_subjects = rnd.sample(list(subjects), 6)
            for number, subject in enumerate(day_subjects, start=1):
                teacher = teachers[
                    (class_index + subjects.ids.index(subject.id)) % len(teachers)
                ]
                base = {
                    "class_id": school_class.id,
                    "date": day,
                    "lesson_number": number,
                    "subject_id": subject.id,
                    "teacher_id": teacher.id,
                    "topic": rnd.choice(SUBJECTS[subject.name]),
                    "room": str(200 + class_index),
                }
                if subject == english:
                    for subgroup in subgroups[school_class]:
                        lesson_vals.append(dict(base, subgroup_id=subgroup.id))
                else:
                    lesson_vals.append(base)
    lessons = env["ejournal.lesson"].create(lesson_vals)

    work_types = [
        env.ref(f"ejournal_school.ejournal_work_type_{name}")
        for name in ("answer", "classwork", "homework", "test", "dictation", "control")
    ]
    values = [
        env.ref(f"ejournal_school.ejournal_grade_scale_value_{v}") for v in "5554432"
    ]
    pupils_by_class = {
        c: students.filtered(lambda s, c=c: s.class_id == c) for c in school_classes
    }
    homework_vals, mark_vals, attendance_vals = [], [], []
    for lesson in lessons:
        pupils_of_lesson = pupils_by_class[lesson.class_id]
        if lesson.subgroup_id:
            pupils_of_lesson = pupils_of_lesson & lesson.subgroup_id.student_ids
        homework_vals.append(
            {
                "lesson_id": lesson.id,
                "kind": "general",
                "text": rnd.choice(HOMEWORK).format(
                    n=rnd.randint(5, 60), m=rnd.randint(1, 200), k=rnd.randint(201, 400)
                ),
            }
        )
        if rnd.random() < 0.15:
            homework_vals.append(
                {
                    "lesson_id": lesson.id,
                    "kind": "individual",
                    "text": "Исправить ошибки в тетради, выполнить работу над ошибками",
                    "student_ids": [Command.set(rnd.sample(pupils_of_lesson.ids, 2))],
                }
            )
        marked = rnd.sample(list(pupils_of_lesson), min(4, len(pupils_of_lesson)))
        if child in pupils_of_lesson and child not in marked and rnd.random() < 0.4:
            marked.append(child)
        for pupil in marked:
            mark_vals.append(
                {
                    "lesson_id": lesson.id,
                    "student_id": pupil.id,
                    "value_id": rnd.choice(values).id,
                    "work_type_id": rnd.choice(work_types).id,
                }
            )
        for pupil in rnd.sample(list(pupils_of_lesson), 1):
            attendance_vals.append(
                {
                    "lesson_id": lesson.id,
                    "student_id": pupil.id,
                    "status": rnd.choice(["absent", "absent", "late"]),
                    "reason": rnd.choice([False, "illness", "valid", "unexcused"]),
                }
            )
    with journal_unlocked():
        env["ejournal.homework"].create(homework_vals)
        env["ejournal.mark"].create(mark_vals)
        env["ejournal.attendance"].create(attendance_vals)
    env["ejournal.event"].create(
        {
            "name": "Родительское собрание, 18:00, актовый зал",
            "date_start": monday + timedelta(days=2),
            "date_end": monday + timedelta(days=2),
            "company_id": school.id,
        }
    )
    env.flush_all()
    return {
        "env": env,
        "parent_user": parent_user,
        "child": child,
        "counts": {
            "classes": len(school_classes),
            "pupils": len(students),
            "lessons": len(lessons),
            "homework": len(homework_vals),
            "marks": len(mark_vals),
            "absences": len(attendance_vals),
        },
    }


def measure(env, user, student, renders, route, template):
    """Time ``renders`` renders of one diary page as ``user``."""
    from odoo.addons.ejournal_school_portal.controllers.portal import DiaryPortal
    from odoo.addons.http_routing.tests.common import MockRequest

    user_env = env(user=user.id, su=False)
    controller = DiaryPortal()
    cr = env.cr
    samples = []
    with MockRequest(user_env, path=f"/my/diary/{student.id}/{route}") as request:
        rendered = {}

        def render(template_name, values):
            start = time.perf_counter()
            html = request.env["ir.ui.view"]._render_template(template_name, values)
            rendered["render"] = time.perf_counter() - start
            rendered["html"] = html
            return html

        request.render = render
        handler = {
            "week": controller.portal_diary_week,
            "marks": controller.portal_diary_marks,
            "attendance": controller.portal_diary_attendance,
        }[route]
        for run in range(renders + 1):
            user_env.invalidate_all()
            request.env = user_env
            queries = cr.sql_log_count
            start = time.perf_counter()
            handler(student.id)
            total = time.perf_counter() - start
            if run:  # the first one warms the template caches
                samples.append(
                    {
                        "total": total,
                        "render": rendered["render"],
                        "values": total - rendered["render"],
                        "queries": cr.sql_log_count - queries,
                    }
                )
    html = str(rendered["html"])
    assert template in html and student.name in html, "the page was not rendered"
    return samples


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(name, samples):
    def ms(key, fn):
        return fn([sample[key] for sample in samples]) * 1000

    queries = [sample["queries"] for sample in samples]
    print(
        f"{name:<11} total median {ms('total', statistics.median):7.1f} ms  "
        f"p95 {ms('total', lambda v: percentile(v, 0.95)):7.1f} ms | "
        f"values median {ms('values', statistics.median):6.1f} ms, "
        f"template median {ms('render', statistics.median):6.1f} ms | "
        f"SQL queries {min(queries)}–{max(queries)} "
        f"(median {statistics.median(queries):g})"
    )


def main():
    args = parse_args()
    sys.path.insert(0, ROOT)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [
            "-c",
            args.config,
            "-d",
            args.database,
            f"--addons-path={ROOT}",
            "--log-level=warn",
        ]
    )
    odoo.tools.config["test_enable"] = False
    registry = Registry(args.database)
    with registry.cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if not env["ir.module.module"].search_count(
                [("name", "=", "ejournal_school_portal"), ("state", "=", "installed")]
            ):
                sys.exit(f"ejournal_school_portal is not installed in {args.database}")
            start = time.perf_counter()
            data = build_quarter(env, args.classes, args.pupils, args.weeks, args.seed)
            counts = ", ".join(f"{v} {k}" for k, v in data["counts"].items())
            print(
                f"Built in {time.perf_counter() - start:.1f} s "
                f"(rolled back at the end): {counts}."
            )
            child = data["child"]
            print(
                f"Measured: {args.renders} renders per page as a parent (portal user), "
                f"pupil {child.name} of {child.class_id.name}, "
                "empty ORM cache each time."
            )
            env = data["env"]
            for route, template in (
                ("week", "o_diary_week_page"),
                ("marks", "o_diary_marks_page"),
                ("attendance", "o_diary_attendance_page"),
            ):
                samples = measure(
                    env, data["parent_user"], child, args.renders, route, template
                )
                report(route, samples)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
