from odoo import api, fields, models

from .ejournal_display import display_join


class EjournalThematicPlan(models.Model):
    """REQ-40: the thematic plan (КТП) of a teacher for a subject and a class."""

    _name = "ejournal.thematic.plan"
    _description = "Thematic Plan"
    _order = "year_id desc, class_id, subject_id"
    _check_company_auto = True

    teacher_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    teacher_user_id = fields.Many2one(
        related="teacher_id.user_id", store=True, index=True, string="Teacher User"
    )
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="cascade",
        index=True,
    )
    year_id = fields.Many2one(
        related="class_id.year_id", store=True, index=True, string="School Year"
    )
    line_ids = fields.One2many(
        "ejournal.thematic.plan.line", "plan_id", string="Topics", copy=True
    )
    planned_hours = fields.Float(compute="_compute_hours")
    conducted_hours = fields.Float(compute="_compute_hours")
    completion = fields.Float(string="Program Completion (%)", compute="_compute_hours")
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    _plan_uniq = models.Constraint(
        "UNIQUE(teacher_id, subject_id, class_id)",
        "This teacher already has a thematic plan for this subject and class.",
    )

    @api.depends("teacher_id", "subject_id", "class_id")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = display_join(
                (plan.class_id.name, plan.subject_id.name, plan.teacher_id.name),
                self.env._("New Thematic Plan"),
            )

    @api.depends("line_ids.hours", "line_ids.conducted_hours")
    def _compute_hours(self):
        for plan in self:
            plan.planned_hours = sum(plan.line_ids.mapped("hours"))
            plan.conducted_hours = sum(plan.line_ids.mapped("conducted_hours"))
            plan.completion = (
                100.0 * plan.conducted_hours / plan.planned_hours
                if plan.planned_hours
                else 0.0
            )
