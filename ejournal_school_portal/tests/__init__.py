from . import test_install
from . import test_diary_data
from . import test_diary_portal
from . import test_diary_rpc
from . import test_diary_digest
from . import test_diary_report
from . import test_diary_tour
