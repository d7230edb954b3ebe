from .people import Membership, Role, User
from .units import Unit, UnitAncestry, UnitKind, UnitLevel, UnitPredecessor, UnitShare

__all__ = [
    "Membership",
    "Role",
    "Unit",
    "UnitAncestry",
    "UnitKind",
    "UnitLevel",
    "UnitPredecessor",
    "UnitShare",
    "User",
]
