from .donations import Donation, Donor, DonorKind, Method, PublicDisplay
from .ledger import Direction, EntryKind, Fund, LedgerEntry, ReceiptCounter

__all__ = [
    "Direction",
    "Donation",
    "Donor",
    "DonorKind",
    "EntryKind",
    "Fund",
    "LedgerEntry",
    "Method",
    "PublicDisplay",
    "ReceiptCounter",
]
