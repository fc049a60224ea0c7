from .alert import Alert, AlertDecision, AlertStatus, Suppression
from .batch import (
    Batch,
    BatchKind,
    BatchStatus,
    GoodsLine,
    PartyRole,
    ScreenedParty,
    visible_batch_q,
)
from .control import ControlListEntry, Regime
from .watchlist import (
    ChangeKind,
    EntryChange,
    EntryKind,
    ListEntry,
    ListSnapshot,
    ListSource,
    Watchlist,
)

__all__ = [
    "Alert",
    "AlertDecision",
    "AlertStatus",
    "Batch",
    "BatchKind",
    "BatchStatus",
    "ChangeKind",
    "ControlListEntry",
    "EntryChange",
    "EntryKind",
    "GoodsLine",
    "ListEntry",
    "ListSnapshot",
    "ListSource",
    "PartyRole",
    "Regime",
    "ScreenedParty",
    "Suppression",
    "Watchlist",
    "visible_batch_q",
]
