from .history import HistoryEntry
from .public_generation import PublicGeneration

__all__ = ["HistoryEntry", "PublicGeneration"]
