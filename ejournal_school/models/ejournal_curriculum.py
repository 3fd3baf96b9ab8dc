from odoo import api, fields, models


class EjournalCurriculum(models.Model):
    _name = "ejournal.curriculum"
    _description = "Curriculum"
    _order = "year_id desc, grade_level, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    profile = fields.Char(help="Curriculum profile, e.g. general, natural sciences.")
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        ondelete="cascade",
        index=True,
    )
    grade_level = fields.Integer(
        string="Grade", required=True, help="The parallel this curriculum is for."
    )
    max_weekly_hours = fields.Float(
        string="Maximum Weekly Load",
        help="Maximum hours per week for a pupil of this parallel (sanitary norm).",
    )
    line_ids = fields.One2many(
        "ejournal.curriculum.line", "curriculum_id", string="Subjects", copy=True
    )
    limit_ids = fields.One2many(
        "ejournal.curriculum.limit",
        "curriculum_id",
        string="Component Limits",
        copy=True,
    )
    class_ids = fields.One2many("ejournal.class", "curriculum_id", string="Classes")
    total_hours = fields.Float(
        string="Weekly Load", compute="_compute_load", store=True
    )
    load_warning = fields.Text(compute="_compute_load", store=True)
    is_overloaded = fields.Boolean(
        string="Load Exceeded", compute="_compute_load", store=True
    )
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )

    @api.depends(
        "max_weekly_hours",
        "line_ids.hours_per_week",
        "line_ids.component_id",
        "limit_ids.max_hours",
        "limit_ids.component_id",
    )
    def _compute_load(self):
        for curriculum in self:
            curriculum.total_hours = sum(curriculum.line_ids.mapped("hours_per_week"))
            warnings = []
            if (
                curriculum.max_weekly_hours
                and curriculum.total_hours > curriculum.max_weekly_hours
            ):
                warnings.append(
                    self.env._(
                        "Weekly load %(hours)s h exceeds the maximum of %(limit)s h.",
                        hours=curriculum.total_hours,
                        limit=curriculum.max_weekly_hours,
                    )
                )
            for limit in curriculum.limit_ids:
                hours = sum(
                    curriculum.line_ids.filtered(
                        lambda line, limit=limit: (
                            line.component_id == limit.component_id
                        )
                    ).mapped("hours_per_week")
                )
                if hours > limit.max_hours:
                    warnings.append(
                        self.env._(
                            "%(component)s: %(hours)s h exceeds the limit of "
                            "%(limit)s h.",
                            component=limit.component_id.name,
                            hours=hours,
                            limit=limit.max_hours,
                        )
                    )
            curriculum.load_warning = "\n".join(warnings) or False
            curriculum.is_overloaded = bool(warnings)
