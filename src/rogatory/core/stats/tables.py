"""A figure as a table: typed columns, so the same rows feed the page, CSV, XLSX and PDF."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    MONTH = "month"
    PERCENT = "percent"


Cell = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    type: ColumnType = ColumnType.INTEGER


@dataclass(slots=True)
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    # Per row, the drill-down filters of the cases behind it (None: no single list).
    drill: list[dict[str, str] | None] = field(default_factory=list)
    chart: str = ""
    note: str = ""
    # Columns 2-4 are incoming, outgoing and total: each drills down with its direction.
    split: bool = False
    # The series of the chart and their colours, for a legend written outside the drawing.
    legend: list[tuple[str, str]] = field(default_factory=list)

    def add(self, row: list[Cell], drill: dict[str, str] | None = None) -> None:
        self.rows.append(row)
        self.drill.append(drill)
