"""Signals that the apps above may listen to without segments naming them."""

from django.dispatch import Signal

#: Sent by an explicit, audited correction of the past (a membership's or participation's period, a
#: project's start), with `from_date`: the first day whose figures the correction may change. The
#: readers of history (the KPI snapshots) recompute from that day on.
history_corrected = Signal()
