"""The wall's layouts as cell rectangles on a grid: square grids and the uneven "large + small" ones (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One tile's place, in grid units: column, row and how many of each it spans."""

    column: int
    row: int
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Layout:
    """A named arrangement of ``cells`` on a ``columns`` × ``rows`` grid; cell 0 is the largest
    (the one a single camera or the first of a group goes to)."""

    name: str
    columns: int
    rows: int
    cells: tuple[Cell, ...]

    def __len__(self) -> int:
        return len(self.cells)

    def rects(self, width: int, height: int, gap: int = 0) -> list[tuple[int, int, int, int]]:
        """Each cell as (x, y, w, h) in pixels of a ``width`` × ``height`` area, ``gap`` pixels apart.

        Grid lines are placed by rounding, so the cells tile the area exactly (no lost pixel
        column at the right edge whatever the size)."""
        xs = [round(i * (width + gap) / self.columns) for i in range(self.columns + 1)]
        ys = [round(i * (height + gap) / self.rows) for i in range(self.rows + 1)]
        out = []
        for cell in self.cells:
            x0, x1 = xs[cell.column], xs[cell.column + cell.columns] - gap
            y0, y1 = ys[cell.row], ys[cell.row + cell.rows] - gap
            out.append((x0, y0, max(0, x1 - x0), max(0, y1 - y0)))
        return out

    def area(self, index: int) -> int:
        """How many grid units cell ``index`` covers (larger cells get the main stream first)."""
        cell = self.cells[index]
        return cell.columns * cell.rows


def grid(n: int) -> Layout:
    """An n × n grid; "1" for a single tile."""
    cells = tuple(Cell(c, r) for r in range(n) for c in range(n))
    return Layout("1" if n == 1 else f"{n}x{n}", n, n, cells)


def _uneven(name: str, size: int, large: list[Cell]) -> Layout:
    """``large`` cells on a ``size`` × ``size`` grid; every unit they leave free is a small cell."""
    taken = {(c.column + dc, c.row + dr) for c in large for dc in range(c.columns) for dr in range(c.rows)}
    small = [Cell(c, r) for r in range(size) for c in range(size) if (c, r) not in taken]
    return Layout(name, size, size, tuple(large) + tuple(small))


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        grid(1),
        grid(2),
        grid(3),
        grid(4),
        grid(5),
        grid(6),
        grid(8),
        _uneven("1+5", 3, [Cell(0, 0, 2, 2)]),
        _uneven("1+7", 4, [Cell(0, 0, 3, 3)]),
        _uneven("2+8", 4, [Cell(0, 0, 2, 2), Cell(2, 0, 2, 2)]),
    )
}
DEFAULT_LAYOUT = "2x2"


def layout_named(name: str) -> Layout:
    """The layout called ``name``; the default one for a name this build does not know (an old view)."""
    return LAYOUTS.get(name, LAYOUTS[DEFAULT_LAYOUT])


def smallest_fitting(count: int) -> Layout:
    """The smallest square grid holding ``count`` tiles (at most 8x8), for dropping a whole group."""
    for n in (1, 2, 3, 4, 5, 6, 8):
        if n * n >= count:
            return LAYOUTS[grid(n).name]
    return LAYOUTS["8x8"]
