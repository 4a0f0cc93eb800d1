"""Where a briefing is: which page of the sequence, blanked or not, rotating or paused (Qt-free).

The briefing mode (``briefing_mode.py``) turns keys, the presenter's clicker and its rotation
timer into calls here, then shows what :attr:`BriefingSequence.index` says. Kept apart from Qt so
every rule (wrapping, the blank screen, what a key does while blanked) is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

# The same bounds as the setting (services/settings.py, which imports Qt: repeated, checked by a test).
DEFAULT_INTERVAL_S = 30
MIN_INTERVAL_S = 5
MAX_INTERVAL_S = 3600


#: The briefing's order until the leader chooses one: a leaders' briefing opens on the figures
#: (their own dashboard first), then where things are (the map), what the cameras see, the sensor
#: trend. An entry matches a page key whole ("dashboards:leaders") or as its workspace part, before
#: the first ":" ("dashboards" matches "dashboards:operators"); pages matching none come last.
DEFAULT_ORDER: tuple[str, ...] = ("dashboards:leaders", "dashboards", "map", "video", "sensors")


def default_rank(key: str) -> int:
    """Where a page with this key goes in the default order (lower first)."""
    workspace = key.split(":", 1)[0]
    for rank, entry in enumerate(DEFAULT_ORDER):
        if key == entry or workspace == entry:
            return rank
    return len(DEFAULT_ORDER)


def in_default_order(keys: list[str]) -> list[str]:
    """The keys in the default order; a workspace's own order stays within a rank (a stable sort)."""
    return sorted(keys, key=default_rank)


def clamp_interval(seconds: int) -> int:
    """A rotation interval within what a briefing can use (5 s .. 1 h)."""
    return max(MIN_INTERVAL_S, min(MAX_INTERVAL_S, int(seconds)))


@dataclass
class BriefingSequence:
    """``count`` pages shown in order, wrapping at both ends (a rotation on the big screen loops).

    Every move returns True when what the screen shows changed (another page, or the blank
    screen lifted), so the caller knows to show the page and restart its rotation timer.
    While the screen is blank the rotation holds, and the first step key only lifts the blank
    (as a presentation program does): the audience sees again the page they left.
    """

    count: int
    interval_s: int = DEFAULT_INTERVAL_S
    index: int = 0
    blank: bool = False
    auto: bool = True

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError("a briefing needs at least one page")
        self.interval_s = clamp_interval(self.interval_s)
        self.index = max(0, min(self.count - 1, self.index))

    @property
    def position(self) -> int:
        """1-based, for the caption's "3 / 7"."""
        return self.index + 1

    @property
    def rotating(self) -> bool:
        """The timer should run: rotation on, more than one page, nothing blanked."""
        return self.auto and not self.blank and self.count > 1

    def _go(self, index: int) -> bool:
        if self.blank:
            self.blank = False
            return True
        if index == self.index:
            return False
        self.index = index
        return True

    def next(self) -> bool:
        return self._go((self.index + 1) % self.count)

    def previous(self) -> bool:
        return self._go((self.index - 1) % self.count)

    def first(self) -> bool:
        return self._go(0)

    def last(self) -> bool:
        return self._go(self.count - 1)

    def go_to(self, position: int) -> bool:
        """Page ``position`` (1-based, as the number keys say); a number past the end does nothing."""
        if not 1 <= position <= self.count:
            return False
        return self._go(position - 1)

    def tick(self) -> bool:
        """The rotation timer fired: the next page, unless the rotation holds (blank, paused)."""
        if not self.rotating:
            return False
        self.index = (self.index + 1) % self.count
        return True

    def toggle_blank(self) -> bool:
        self.blank = not self.blank
        return True

    def toggle_auto(self) -> bool:
        self.auto = not self.auto
        return True

    def resize(self, count: int, keep: int | None = None) -> None:
        """The pages changed (a workspace's pages were re-read): stay on ``keep`` if given, else in range."""
        if count < 1:
            raise ValueError("a briefing needs at least one page")
        self.count = count
        self.index = max(0, min(count - 1, self.index if keep is None else keep))
