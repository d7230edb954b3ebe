from .ledger import Direction, EntryKind, Fund, LedgerEntry, ReceiptCounter

__all__ = ["Direction", "EntryKind", "Fund", "LedgerEntry", "ReceiptCounter"]
