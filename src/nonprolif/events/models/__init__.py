from .meeting import DatePrecision, Meeting

__all__ = ["DatePrecision", "Meeting"]
