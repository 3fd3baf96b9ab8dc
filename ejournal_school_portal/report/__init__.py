from . import ejournal_diary_week_report
