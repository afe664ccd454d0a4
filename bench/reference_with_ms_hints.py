#!/usr/bin/env python3
"""Run the plain-Python (heapq) reference model with its 429 hints in whole milliseconds.

The reference model's endpoint sends a 429 with the exact wait in microseconds, written as
fractional milliseconds. Azure's ``retry-after-ms`` header, and QuotaSim's simulated endpoint,
carry whole milliseconds, rounded up so that a retry is never early. Near saturation the retry
instants decide which waiting request takes a freed slot, so the two rules give different 429
counts. This wrapper rounds the reference's hint up to the millisecond and leaves everything
else unchanged, so that bench/run can compare the two models under the same header rule.

Usage (the reference scripts' folder must be importable)::

    PYTHONPATH=REFERENCE_DIR python3 bench/reference_with_ms_hints.py --days 7 --prod-quota 200000000
"""

from __future__ import annotations

import math
import sys

import heapq_reference
import simpy_reference

_exact_submit = simpy_reference.SimulatedEndpoint.submit


def _submit_with_whole_milliseconds(self, now: float, estimate: int) -> tuple[int, float]:
    """Admit or refuse as the reference does, then round a 429's finite hint up to the millisecond."""
    status, retry_after_ms = _exact_submit(self, now, estimate)
    if status == simpy_reference.TOO_MANY_REQUESTS and math.isfinite(retry_after_ms):
        retry_after_ms = float(math.ceil(retry_after_ms))
    return status, retry_after_ms


simpy_reference.SimulatedEndpoint.submit = _submit_with_whole_milliseconds

if __name__ == "__main__":
    sys.exit(heapq_reference.main())
