from . import ejournal_student
from . import ejournal_parent
from . import ejournal_homework
from . import ir_actions_report
