"""The client's one retry policy: exponential backoff with full jitter up to a cap."""

from __future__ import annotations

import random

#: The shared random source; a Backoff may get its own (seeded) one for tests.
_RANDOM = random.Random()


def full_jitter(initial: float, attempt: int, maximum: float, rng: random.Random | None = None) -> float:
    """The delay before retry number ``attempt`` (0-based): uniform in [initial/10, min(maximum, initial·2ⁿ)].

    Full jitter spreads the retries of many consoles after a backend restart instead of having
    them all arrive at the same moment; the small floor keeps a retry from ever being immediate.
    """
    ceiling = min(maximum, initial * (2 ** min(attempt, 32)))
    floor = min(initial * 0.1, ceiling)
    return floor + (rng or _RANDOM).uniform(0.0, ceiling - floor)


class Backoff:
    """Successive delays of one retry sequence: ``next()`` grows them, ``reset()`` starts over."""

    def __init__(self, initial: float = 0.5, maximum: float = 30.0, rng: random.Random | None = None) -> None:
        if initial <= 0 or maximum < initial:
            raise ValueError(f"backoff needs 0 < initial <= maximum, got {initial} and {maximum}")
        self.initial = initial
        self.maximum = maximum
        self.rng = rng if rng is not None else random.Random()
        self.attempts = 0

    def ceiling(self) -> float:
        """The upper bound of the next delay."""
        return min(self.maximum, self.initial * (2 ** min(self.attempts, 32)))

    def next(self) -> float:
        delay = full_jitter(self.initial, self.attempts, self.maximum, self.rng)
        self.attempts += 1
        return delay

    def reset(self) -> None:
        self.attempts = 0
