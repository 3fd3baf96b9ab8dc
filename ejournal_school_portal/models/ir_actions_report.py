from odoo import api, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _build_wkhtmltopdf_args(
        self,
        paperformat_id,
        landscape,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """The weekly diary runs no JavaScript: it need not wait Odoo's default
        print delay (a second per PDF) for scripts to finish."""
        args = super()._build_wkhtmltopdf_args(
            paperformat_id, landscape, specific_paperformat_args, set_viewport_size
        )
        diary = self.env.ref(
            "ejournal_school_portal.paperformat_diary_week", raise_if_not_found=False
        )
        if diary and paperformat_id == diary and "--javascript-delay" in args:
            args[args.index("--javascript-delay") + 1] = "0"
        return args
