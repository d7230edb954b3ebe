"""The history of an activity as the officers' area shows it (campaigns.views.portal's
activity page): the entries the portal's audience may read, each change with its field's
label and the old and new values in words (common.history.display).
"""

from common.history.display import history_rows as _rows
from common.history.types import PORTAL


def history_rows(activity):
    """The activity's history, newest first, each change with its label and old → new."""
    return _rows(activity, audience=PORTAL)
