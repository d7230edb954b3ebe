"""The campaigns admin: campaigns (campaigns.py), activities (activities.py, with the review
buttons and actions of review.py) and the review queue (queue.py)."""

from . import activities, campaigns, queue  # noqa: F401
