"""The period a digest covers: the last whole day, week (Monday to Sunday) or calendar month
before the day of the run."""

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Frequency


@dataclass(frozen=True)
class Period:
    frequency: str
    start: date
    end: date  # inclusive

    @classmethod
    def before(cls, frequency: str, run_on: date) -> "Period":
        """The last complete period of this frequency that ended before `run_on`."""
        if frequency == Frequency.DAILY:
            day = run_on - timedelta(days=1)
            return cls(frequency, day, day)
        if frequency == Frequency.WEEKLY:
            this_monday = run_on - timedelta(days=run_on.weekday())
            return cls(frequency, this_monday - timedelta(days=7), this_monday - timedelta(days=1))
        if frequency == Frequency.MONTHLY:
            end = run_on.replace(day=1) - timedelta(days=1)
            return cls(frequency, end.replace(day=1), end)
        raise ValueError(f"No digest period for frequency {frequency!r}.")

    @property
    def label(self) -> str:
        return str(Frequency(self.frequency).label).lower()
