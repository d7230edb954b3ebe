"""The portal's own settings, plus the benchmark's URLconf (a minimal view for the ceiling).

Only bench/run.py uses this module (DJANGO_SETTINGS_MODULE=bench.settings); the portal never
mounts the benchmark's view.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
