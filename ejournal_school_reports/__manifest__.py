{
    "name": "Электронный журнал: отчёты",
    "summary": "PDF and XLSX reports, statistics and journal analysis for the school",
    "version": "19.0.1.0.0",
    "category": "Education",
    "license": "LGPL-3",
    "author": "ejournal developers",
    "website": "https://github.com/ejournal/ejournal",
    "depends": ["ejournal_school"],
    "data": [],
    "installable": True,
    "application": False,
}
