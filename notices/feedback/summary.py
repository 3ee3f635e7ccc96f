"""The monthly and yearly summary of the public record: received, replied, replied within the
deadline (as a share of the reports that were to be answered, i.e. not refused), and the median
working days to the first reply; for all kinds and by kind. Counted in the database in two
queries whatever the number of reports."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth

from .models.items import KIND_CHOICES, REFUSED

KIND_LABELS = dict(KIND_CHOICES)


@dataclass
class Row:
    label: str
    received: int = 0
    refused: int = 0
    replied: int = 0
    on_time: int = 0
    days: list = field(default_factory=list)

    def add(self, other):
        self.received += other.received
        self.refused += other.refused
        self.replied += other.replied
        self.on_time += other.on_time
        self.days += other.days

    @property
    def due(self):
        return self.received - self.refused

    @property
    def on_time_rate(self):
        """Replied within the deadline, in per cent of the reports to be answered."""
        return round(100 * self.on_time / self.due, 1) if self.due else None

    @property
    def median_days(self):
        return statistics.median(self.days) if self.days else None


@dataclass
class Period:
    label: str
    total: Row
    kinds: list


@dataclass
class Summary:
    year: int
    months: list
    year_total: Period

    def csv_rows(self):
        for period in [*self.months, self.year_total]:
            for row in [period.total, *period.kinds]:
                yield [
                    period.label,
                    row.label,
                    row.received,
                    row.replied,
                    row.on_time,
                    "" if row.on_time_rate is None else f"{row.on_time_rate}%",
                    "" if row.median_days is None else row.median_days,
                ]


def year_summary(items, year):
    items = items.filter(received_on__year=year).annotate(month=ExtractMonth("received_on"))
    counts = items.values("month", "kind").annotate(
        received=Count("pk"),
        refused=Count("pk", filter=Q(status=REFUSED)),
        replied=Count("pk", filter=Q(replied_on__isnull=False)),
        on_time=Count("pk", filter=Q(replied_on__lte=F("deadline"))),
    )
    cells = defaultdict(lambda: defaultdict(dict))
    for row in counts:
        cells[row["month"]][row["kind"]] = Row(
            KIND_LABELS.get(row["kind"], row["kind"]),
            row["received"],
            row["refused"],
            row["replied"],
            row["on_time"],
        )
    for month, kind, days in items.filter(working_days_taken__isnull=False).values_list(
        "month", "kind", "working_days_taken"
    ):
        cells[month][kind].days.append(days)
    months = []
    year_kinds = {key: Row(label) for key, label in KIND_CHOICES}
    for month in sorted(cells, reverse=True):
        total = Row("全部")
        kinds = []
        for key, label in KIND_CHOICES:
            row = cells[month].get(key) or Row(label)
            total.add(row)
            year_kinds[key].add(row)
            kinds.append(row)
        months.append(Period(f"{year}年{month}月", total, kinds))
    year_total = Row("全部")
    for row in year_kinds.values():
        year_total.add(row)
    return Summary(year, months, Period(f"{year}年全年", year_total, list(year_kinds.values())))
