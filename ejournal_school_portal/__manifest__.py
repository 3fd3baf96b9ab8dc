{
    "name": "Электронный дневник",
    "summary": "Families' electronic diary in the portal: marks, homework, attendance",
    "version": "19.0.1.0.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "ejournal developers",
    "website": "https://github.com/ejournal/ejournal",
    "depends": ["ejournal_school", "portal"],
    "data": [
        "data/ejournal_diary_digest_templates.xml",
        "data/ejournal_diary_digest_cron.xml",
        "views/ejournal_diary_portal_templates.xml",
        "views/ejournal_parent_views.xml",
        "report/ejournal_diary_week_report.xml",
        "report/ejournal_diary_week_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "ejournal_school_portal/static/src/scss/ejournal_diary.scss",
        ],
        "web.assets_tests": [
            "ejournal_school_portal/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
