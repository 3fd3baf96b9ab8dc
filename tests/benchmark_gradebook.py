#!/usr/bin/env python3
"""Benchmark of the gradebook's ``get_grid`` (a script, not a test).

    python3 tests/benchmark_gradebook.py -d DBNAME [-c odoo.conf] [--calls 30]

Inside one transaction that is always rolled back, it builds a school with a
class of 35 pupils and a full quarter (45 lessons) of one subject: marks
(about a third of the class every lesson, the whole class every fifth lesson),
absences and lateness, homework; then it calls ``ejournal.gradebook.get_grid``
as the class's teacher ``--calls`` times, each time from an empty record cache,
and prints the median and 95th percentile server time and the number of SQL
queries per call. The database must have ``ejournal_school`` installed.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MEDIAN_MS = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--students", type=int, default=35)
    parser.add_argument("--lessons", type=int, default=45)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of one call"
    )
    return parser.parse_args()


def start_odoo(args):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo_args = ["-d", args.database, "--log-level=warn"]
    if args.config:
        odoo_args += ["-c", args.config]
    else:
        odoo_args.append(f"--addons-path={REPO}")
    odoo.tools.config.parse_config(odoo_args)
    return Registry(args.database)


def build_quarter(env, students, lessons):
    """A school, a class of ``students`` pupils and ``lessons`` lessons of maths."""
    from odoo import Command  # noqa: PLC0415

    from odoo.addons.ejournal_school.models.ejournal_journal_entry import (  # noqa: PLC0415
        journal_unlocked,
    )

    ref = env.ref
    school = env["res.company"].create({"name": "Benchmark School"})
    school.ejournal_tz = "Asia/Bishkek"
    env = env(context=dict(env.context, allowed_company_ids=school.ids))
    year = env["ejournal.academic.year"].create(
        {
            "name": "Benchmark 2040/2041",
            "date_start": date(2040, 9, 1),
            "date_end": date(2041, 5, 31),
            "company_id": school.id,
        }
    )
    year.action_activate()
    days = sorted(year._calendar(year.date_start, year.date_end))[:lessons]
    quarter = env["ejournal.period"].create(
        {
            "name": "Benchmark quarter",
            "year_id": year.id,
            "kind": "quarter",
            "date_start": year.date_start,
            "date_end": days[-1] + timedelta(days=1),
        }
    )
    user = env["res.users"].create(
        {
            "name": "Benchmark Teacher",
            "login": "ejournal_benchmark_teacher",
            "company_id": school.id,
            "company_ids": [Command.set(school.ids)],
            "group_ids": [
                Command.set(ref("ejournal_school.group_ejournal_teacher").ids)
            ],
        }
    )
    teacher = env["hr.employee"].create(
        {"name": user.name, "user_id": user.id, "company_id": school.id}
    )
    subject = env["ejournal.subject"].create(
        {"name": "Математика", "company_id": school.id}
    )
    school_class = env["ejournal.class"].create(
        {"grade_level": 7, "letter": "Б", "year_id": year.id}
    )
    env["ejournal.teaching.assignment"].create(
        {
            "class_id": school_class.id,
            "subject_id": subject.id,
            "teacher_id": teacher.id,
        }
    )
    pupils = env["ejournal.student"].create(
        [
            {
                "name": f"Ученик {number:02d}",
                "company_id": school.id,
                "enrolment_ids": [
                    Command.create(
                        {"class_id": school_class.id, "date_from": year.date_start}
                    )
                ],
            }
            for number in range(1, students + 1)
        ]
    )
    grid_lessons = env["ejournal.lesson"].create(
        [
            {
                "date": day,
                "lesson_number": 2,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": teacher.id,
                "topic": f"Тема {index + 1}",
            }
            for index, day in enumerate(days)
        ]
    )
    values = [
        ref(f"ejournal_school.ejournal_grade_scale_value_{code}") for code in "5432"
    ]
    answer = ref("ejournal_school.ejournal_work_type_answer")
    test = ref("ejournal_school.ejournal_work_type_test")
    marks, attendance, homework = [], [], []
    for index, lesson in enumerate(grid_lessons):
        marked = pupils if index % 5 == 4 else pupils[index % 3 :: 3]
        work_type = test if index % 5 == 4 else answer
        for number, pupil in enumerate(marked):
            marks.append(
                {
                    "lesson_id": lesson.id,
                    "student_id": pupil.id,
                    "value_id": values[(index + number) % 7 % 4].id,
                    "work_type_id": work_type.id,
                }
            )
        for number in range(3):
            attendance.append(
                {
                    "lesson_id": lesson.id,
                    "student_id": pupils[(index * 3 + number * 11) % students].id,
                    "status": "late" if number == 2 else "absent",
                }
            )
        homework.append({"lesson_id": lesson.id, "kind": "general", "text": "§ 1–3"})
    with journal_unlocked():
        env["ejournal.mark"].create(marks)
        env["ejournal.attendance"].create(attendance)
        env["ejournal.homework"].create(homework)
    env.flush_all()
    return user, school_class, subject, quarter, len(marks), len(attendance)


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    args = parse_args()
    registry = start_odoo(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.tools.json import json_default  # noqa: PLC0415

    with registry.cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            started = time.perf_counter()
            user, school_class, subject, quarter, mark_count, absence_count = (
                build_quarter(env, args.students, args.lessons)
            )
            print(
                f"Built in {time.perf_counter() - started:.1f} s: class "
                f"{school_class.name}, {args.students} pupils, {args.lessons} lessons, "
                f"{mark_count} marks, {absence_count} absences and lateness "
                "(rolled back at the end)."
            )
            gradebook = api.Environment(cr, user.id, {})["ejournal.gradebook"]
            grid_args = (school_class.id, subject.id, False, quarter.id)
            # Warm the registry caches (access rules, groups) once.
            gradebook.env.invalidate_all()
            grid = gradebook.get_grid(*grid_args)
            payload = len(json.dumps(grid, default=json_default))
            times, queries = [], []
            for _call in range(args.calls):
                gradebook.env.invalidate_all()
                count = cr.sql_log_count
                start = time.perf_counter()
                grid = gradebook.get_grid(*grid_args)
                times.append((time.perf_counter() - start) * 1000)
                queries.append(cr.sql_log_count - count)
            if args.profile:
                import cProfile  # noqa: PLC0415
                import pstats  # noqa: PLC0415

                gradebook.env.invalidate_all()
                profiler = cProfile.Profile()
                profiler.runcall(gradebook.get_grid, *grid_args)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            cells = sum(len(cell["marks"]) for cell in grid["cells"].values())
            assert len(grid["students"]) == args.students, "pupils missing"
            assert len(grid["lessons"]) == args.lessons, "lessons missing"
            assert cells == mark_count, "marks missing"
            median = statistics.median(times)
            print(f"get_grid × {args.calls} (each from an empty record cache):")
            print(f"  median   {median:7.1f} ms")
            print(f"  p95      {percentile(times, 0.95):7.1f} ms")
            print(f"  min/max  {min(times):7.1f} / {max(times):.1f} ms")
            print(f"  SQL queries per call: {sorted(set(queries))}")
            print(f"  JSON payload: {payload / 1024:.0f} KiB")
            verdict = "OK" if median < TARGET_MEDIAN_MS else "SLOWER THAN TARGET"
            print(f"  target: median under {TARGET_MEDIAN_MS} ms: {verdict}")
        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
