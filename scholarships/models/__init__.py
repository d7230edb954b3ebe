from .donations import Donation, Donor, DonorKind, Method, PublicDisplay
from .ledger import Direction, EntryKind, Fund, LedgerEntry, ReceiptCounter
from .pledges import Pledge, PledgeState
from .statements import BankStatement, StatementCredit

__all__ = [
    "BankStatement",
    "Direction",
    "Donation",
    "Donor",
    "DonorKind",
    "EntryKind",
    "Fund",
    "LedgerEntry",
    "Method",
    "Pledge",
    "PledgeState",
    "PublicDisplay",
    "ReceiptCounter",
    "StatementCredit",
]
