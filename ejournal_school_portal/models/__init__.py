from . import ejournal_student
from . import ejournal_parent
from . import ejournal_homework
