from .generation import PublicGeneration
from .history import HistoryEntry
from .people import Membership, Role, User
from .units import Unit, UnitAncestry, UnitKind, UnitLevel, UnitPredecessor, UnitShare

__all__ = [
    "HistoryEntry",
    "Membership",
    "PublicGeneration",
    "Role",
    "Unit",
    "UnitAncestry",
    "UnitKind",
    "UnitLevel",
    "UnitPredecessor",
    "UnitShare",
    "User",
]
