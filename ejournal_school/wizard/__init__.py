from . import ejournal_lesson_generate_wizard
