from .donations import Donation, Donor, DonorKind, Method, PublicDisplay
from .imports import DonationImport, ImportState
from .ledger import Direction, EntryKind, Fund, LedgerEntry, ReceiptCounter
from .pledges import Pledge, PledgeState
from .statements import BankStatement, StatementCredit

__all__ = [
    "BankStatement",
    "Direction",
    "Donation",
    "DonationImport",
    "Donor",
    "DonorKind",
    "EntryKind",
    "Fund",
    "ImportState",
    "LedgerEntry",
    "Method",
    "Pledge",
    "PledgeState",
    "PublicDisplay",
    "ReceiptCounter",
    "StatementCredit",
]
