from odoo import fields, models


class EjournalThematicPlanLine(models.Model):
    _name = "ejournal.thematic.plan.line"
    _description = "Thematic Plan Topic"
    _order = "plan_id, sequence, id"
    _ejournal_server_set = ("plan_id",)  # a topic stays in its plan

    plan_id = fields.Many2one(
        "ejournal.thematic.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True)
    hours = fields.Float(default=1.0, required=True)
    lesson_ids = fields.One2many("ejournal.lesson", "plan_line_id", string="Lessons")
    conducted_hours = fields.Float(compute="_compute_conducted_hours")
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, string="School"
    )

    def _compute_conducted_hours(self):
        counts = dict(
            self.env["ejournal.lesson"]._read_group(
                [("plan_line_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["plan_line_id"],
                ["__count"],
            )
        )
        for line in self:
            line.conducted_hours = counts.get(line, 0)
