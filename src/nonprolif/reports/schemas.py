"""The report API's schemas: the options of the program status report."""

import datetime

from ninja import Schema

from nonprolif.reports import vocabulary


class ReportQuery(Schema):
    lang: str = "es"
    format: str = "json"
    as_of: datetime.date | None = None
    marking: str = vocabulary.DEFAULT_MARKING
