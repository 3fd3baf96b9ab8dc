"""Homes per role and the school set-up checklist.

REQ-02, REQ-04, REQ-10 (R2, R4): every back-office role lands on its own
screen: the teacher on the gradebook of the lesson on now, the class teacher
on their class today, the deputy director and the director on the control
lists, the school administrator on the set-up checklist. The counts are read
with the user's own rights; nothing here writes journal facts.
"""

from odoo import api, models
from odoo.exceptions import UserError

HOME_ACTIONS = {
    "teacher": "ejournal_school.ejournal_gradebook_action",
    "class_teacher": "ejournal_school.ejournal_home_class_teacher_action",
    "deputy": "ejournal_school.ejournal_home_deputy_action",
    "director": "ejournal_school.ejournal_home_director_action",
    "admin": "ejournal_school.ejournal_setup_checklist_action",
    "secretary": "ejournal_school.ejournal_student_action",
}


class EjournalHome(models.AbstractModel):
    _name = "ejournal.home"
    _description = "Journal Home per Role"

    # ------------------------------------------------------------------ cards
    @api.model
    def _cards(self, role):
        """``[(key, label, model, domain, action xmlid, warn)]`` of a role's home."""
        company = self.env.company
        today = company._ejournal_today()
        if role == "class_teacher":
            classes = self._my_classes()
            pupils = [("class_id", "in", classes.ids)]
            return [
                (
                    "absences_today",
                    self.env._("Absent or late today"),
                    "ejournal.attendance",
                    [("class_id", "in", classes.ids), ("date", "=", today)],
                    "ejournal_school.ejournal_attendance_action",
                    False,
                ),
                (
                    "reasons_due",
                    self.env._("Absences without a reason"),
                    "ejournal.attendance",
                    [
                        ("class_id", "in", classes.ids),
                        ("status", "=", "absent"),
                        ("reason", "=", False),
                    ],
                    "ejournal_school.ejournal_attendance_action",
                    True,
                ),
                (
                    "pupils",
                    self.env._("Pupils"),
                    "ejournal.student",
                    pupils,
                    "ejournal_school.ejournal_student_action",
                    False,
                ),
                (
                    "pupils_without_login",
                    self.env._("Pupils without a login"),
                    "ejournal.student",
                    [*pupils, ("user_id", "=", False)],
                    "ejournal_school.ejournal_student_action",
                    True,
                ),
                (
                    "parents_without_login",
                    self.env._("Parents without a login"),
                    "ejournal.parent",
                    [
                        ("guardianship_ids.student_id.class_id", "in", classes.ids),
                        ("user_id", "=", False),
                    ],
                    "ejournal_school.ejournal_parent_action",
                    True,
                ),
            ]
        if role in ("deputy", "director"):
            school = [("company_id", "=", company.id)]
            given = [*school, ("date", "<=", today), ("state", "=", "planned")]
            return [
                (
                    "lessons_without_topic",
                    self.env._("Lessons given without a topic"),
                    "ejournal.lesson",
                    [*given, ("has_topic", "=", False)],
                    "ejournal_school.ejournal_lesson_action",
                    True,
                ),
                (
                    "lessons_without_attendance",
                    self.env._("Lessons without attendance checked"),
                    "ejournal.lesson",
                    [*given, ("attendance_taken", "=", False)],
                    "ejournal_school.ejournal_lesson_action",
                    True,
                ),
                (
                    "corrections_to_decide",
                    self.env._("Corrections to decide"),
                    "ejournal.correction",
                    [*school, ("state", "=", "requested")],
                    "ejournal_school.ejournal_correction_action",
                    True,
                ),
                (
                    "late_events",
                    self.env._("Events entered late"),
                    "ejournal.event",
                    [*school, ("is_late", "=", True)],
                    "ejournal_school.ejournal_event_action",
                    True,
                ),
                (
                    "late_day_transfers",
                    self.env._("Day transfers entered late"),
                    "ejournal.day.transfer",
                    [*school, ("is_late", "=", True)],
                    "ejournal_school.ejournal_day_transfer_action",
                    True,
                ),
            ]
        raise UserError(self.env._("There is no home for this role."))

    def _my_classes(self):
        return self.env["ejournal.class"].search(
            [
                ("class_teacher_id.user_id", "=", self.env.uid),
                ("year_id.state", "=", "active"),
            ]
        )

    @api.model
    def get_home(self, role):
        """What the home client action shows: a title and counted cards."""
        company = self.env.company
        if role == "setup":
            return {
                "role": role,
                "title": self.env._("School set-up"),
                "subtitle": company.name,
                "steps": [
                    {k: v for k, v in step.items() if k != "action"}
                    for step in self._setup_steps(company)
                ],
                "cards": [],
            }
        titles = {
            "class_teacher": self.env._("My class today"),
            "deputy": self.env._("Control"),
            "director": self.env._("Analyses"),
        }
        subtitle = company.name
        if role == "class_teacher":
            classes = self._my_classes()
            subtitle = (
                self.env._("Class %s", ", ".join(classes.mapped("name")))
                if classes
                else self.env._("You lead no class this year.")
            )
        cards = []
        for key, label, model, domain, _action, warn in self._cards(role):
            count = self.env[model].search_count(domain)
            cards.append(
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "state": "warning" if warn and count else "ok",
                }
            )
        return {
            "role": role,
            "title": titles[role],
            "subtitle": subtitle,
            "steps": [],
            "cards": cards,
        }

    @api.model
    def action_open(self, role, key):
        """The list behind a card or a set-up step (domains built here only)."""
        if role == "setup":
            step = next(
                (s for s in self._setup_steps(self.env.company) if s["key"] == key),
                None,
            )
            if not step:
                raise UserError(self.env._("Unknown step."))
            return step["action"]
        for card_key, label, _model, domain, xmlid, _warn in self._cards(role):
            if card_key == key:
                action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
                action.update(
                    name=label,
                    domain=domain,
                    context={},
                    view_mode="list,form",
                    views=[
                        (False, "list"),
                        (False, "form"),
                    ],
                )
                return action
        raise UserError(self.env._("Unknown card."))

    # ------------------------------------------------------------------ set-up
    @api.model
    def _setup_steps(self, company):
        """REQ-10 (R2, R4): the school set-up in the regulation's order, each
        step ``{key, sequence, name, done, count, detail, action}``."""
        env = self.env
        year = company._ejournal_active_year()
        school = [("company_id", "=", company.id)]
        in_year = [("year_id", "=", year.id)]

        def act(xmlid, **extra):
            action = env["ir.actions.act_window"]._for_xml_id(xmlid)
            action.update(extra)
            return action

        steps = []

        def step(key, name, done, count, detail, action):
            steps.append(
                {
                    "key": key,
                    "sequence": len(steps) + 1,
                    "name": name,
                    "done": bool(done),
                    "count": count,
                    "detail": detail,
                    "action": action,
                }
            )

        card = {
            self.env._("number"): company.school_number,
            self.env._("director"): company.school_director_id,
            self.env._("address"): company.street,
            self.env._("time zone"): company.ejournal_tz,
        }
        missing = [label for label, value in card.items() if not value]
        step(
            "school",
            self.env._("School card"),
            not missing,
            len(card) - len(missing),
            self.env._("Missing: %s", ", ".join(missing))
            if missing
            else self.env._("Complete"),
            act(
                "ejournal_school.ejournal_school_card_action",
                res_id=company.id,
                views=[
                    (env.ref("ejournal_school.res_company_view_form_school").id, "form")
                ],
            ),
        )
        periods = env["ejournal.period"].search_count(in_year) if year else 0
        step(
            "year",
            self.env._("School year and periods"),
            year and periods,
            periods,
            self.env._("%(year)s: %(count)s periods", year=year.name, count=periods)
            if year
            else self.env._("No active school year"),
            act("ejournal_school.ejournal_academic_year_action"),
        )
        holidays = env["ejournal.holiday"].search_count(in_year) if year else 0
        step(
            "holidays",
            self.env._("Vacations and holidays"),
            holidays,
            holidays,
            self.env._("%s entered", holidays),
            act("ejournal_school.ejournal_holiday_action"),
        )
        subjects = env["ejournal.subject"].search_count(school)
        areas = env["ejournal.education.area"].search_count(school)
        step(
            "subjects",
            self.env._("Subjects and education areas"),
            subjects and areas,
            subjects,
            self.env._(
                "%(subjects)s subjects, %(areas)s areas", subjects=subjects, areas=areas
            ),
            act("ejournal_school.ejournal_subject_action"),
        )
        curricula = (
            env["ejournal.curriculum"].search(in_year)
            if year
            else env["ejournal.curriculum"]
        )
        limits = env["ejournal.curriculum.limit"].search_count(
            [("curriculum_id", "in", curricula.ids)]
        )
        step(
            "curriculum",
            self.env._("Curricula and limits"),
            curricula and limits,
            len(curricula),
            self.env._(
                "%(curricula)s curricula, %(limits)s limits",
                curricula=len(curricula),
                limits=limits,
            ),
            act("ejournal_school.ejournal_curriculum_action"),
        )
        classes = (
            env["ejournal.class"].search(in_year) if year else env["ejournal.class"]
        )
        leaderless = classes.filtered(lambda c: not c.class_teacher_id)
        step(
            "classes",
            self.env._("Classes and class teachers"),
            classes and not leaderless,
            len(classes),
            self.env._("%s classes without a class teacher", len(leaderless))
            if leaderless
            else self.env._("%s classes", len(classes)),
            act("ejournal_school.ejournal_class_action"),
        )
        staff = env["hr.employee"].search(school)
        teachers = staff.filtered("ejournal_subject_ids")
        step(
            "staff",
            self.env._("Staff"),
            teachers,
            len(staff),
            self.env._(
                "%(staff)s staff, %(teachers)s teachers",
                staff=len(staff),
                teachers=len(teachers),
            ),
            act("ejournal_school.ejournal_staff_action"),
        )
        pupils = env["ejournal.student"].search_count(school)
        parents = env["ejournal.parent"].search_count(school)
        step(
            "pupils",
            self.env._("Pupils and parents"),
            pupils and parents,
            pupils,
            self.env._(
                "%(pupils)s pupils, %(parents)s parents", pupils=pupils, parents=parents
            ),
            act("ejournal_school.ejournal_student_action"),
        )
        slots = env["ejournal.timetable.slot"].search([("class_id", "in", classes.ids)])
        without = classes - slots.class_id
        step(
            "timetable",
            self.env._("Timetable"),
            classes and not without,
            len(slots),
            self.env._("%s classes without a timetable", len(without))
            if without
            else self.env._("%s lessons a week", len(slots)),
            act("ejournal_school.ejournal_timetable_slot_action"),
        )
        no_login = (teachers | classes.class_teacher_id).filtered(
            lambda e: not e.user_id
        )
        step(
            "accounts",
            self.env._("Accounts"),
            teachers and not no_login,
            len(no_login),
            self.env._("%s teachers without a login", len(no_login))
            if no_login
            else self.env._("Every teacher has a login"),
            act(
                "ejournal_school.ejournal_staff_action",
                domain=[("id", "in", no_login.ids)],
            )
            if no_login
            else act("ejournal_school.ejournal_staff_action"),
        )
        return steps


class EjournalClass(models.Model):
    _inherit = "ejournal.class"

    @api.model_create_multi
    def create(self, vals_list):
        classes = super().create(vals_list)
        classes.sudo().class_teacher_id.user_id._ejournal_set_home_action()
        return classes

    def write(self, vals):
        if "class_teacher_id" not in vals and "year_id" not in vals:
            return super().write(vals)
        # Who leads the class is read as superuser (staff cards are not the
        # reader's); the write itself stays the user's, with its checks.
        before = self.sudo().class_teacher_id.user_id
        res = super().write(vals)
        (before | self.sudo().class_teacher_id.user_id)._ejournal_set_home_action()
        return res
