from odoo.tests import tagged

from .common import DiaryHttpCase


@tagged("post_install", "-at_install")
class TestDiaryTour(DiaryHttpCase):
    """Browser tours of the diary at phone width (390 px, REQ-70)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_parent_tour(self):
        """REQ-07, REQ-70, REQ-72: a parent switches between two children and
        reads their weeks and marks."""
        self.start_tour("/my", "ejournal_diary_parent_tour", login="diary_parent")

    def test_pupil_tour(self):
        """REQ-08, REQ-70: a pupil reads their own diary."""
        self.start_tour("/my/diary", "ejournal_diary_pupil_tour", login="diary_pupil")
