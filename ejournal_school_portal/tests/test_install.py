from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_installed(self):
        """The addon is installed, and so is every addon it depends on."""
        module = self.env["ir.module.module"].search(
            [("name", "=", "ejournal_school_portal")]
        )
        self.assertEqual(module.state, "installed")
        self.assertEqual(
            set(module.dependencies_id.mapped("name")), {"ejournal_school", "portal"}
        )
        self.assertEqual(set(module.dependencies_id.mapped("state")), {"installed"})
