"""Shapes a figure fills and writes in, each able to say whether a rectangle lies inside it.

A label is laid out in a box found inside its shape (`inner_box`), and the tests check the
label's drawn extent against the shape itself, not just against that box.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


def num(value: float) -> str:
    """A coordinate with at most two decimals, the same text for the same value every time."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    def corners(self) -> tuple[tuple[float, float], ...]:
        return ((self.x, self.y), (self.right, self.y), (self.right, self.bottom), (self.x, self.bottom))

    def inset(self, dx: float, dy: float | None = None) -> "Rect":
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(self.width - 2 * dx, 0), max(self.height - 2 * dy, 0))

    def within(self, other: "Rect", tolerance: float = 1e-6) -> bool:
        return (self.x >= other.x - tolerance and self.y >= other.y - tolerance
                and self.right <= other.right + tolerance and self.bottom <= other.bottom + tolerance)

    def union(self, other: "Rect") -> "Rect":
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def distance_to(self, px: float, py: float) -> float:
        """The distance from a point to the nearest point of the rectangle (0 inside)."""
        dx = max(self.x - px, 0, px - self.right)
        dy = max(self.y - py, 0, py - self.bottom)
        return math.hypot(dx, dy)

    def path(self, radius: float = 0) -> str:
        if radius <= 0:
            return f"M{num(self.x)} {num(self.y)}H{num(self.right)}V{num(self.bottom)}H{num(self.x)}Z"
        r = min(radius, self.width / 2, self.height / 2)
        return (f"M{num(self.x + r)} {num(self.y)}H{num(self.right - r)}"
                f"A{num(r)} {num(r)} 0 0 1 {num(self.right)} {num(self.y + r)}V{num(self.bottom - r)}"
                f"A{num(r)} {num(r)} 0 0 1 {num(self.right - r)} {num(self.bottom)}H{num(self.x + r)}"
                f"A{num(r)} {num(r)} 0 0 1 {num(self.x)} {num(self.bottom - r)}V{num(self.y + r)}"
                f"A{num(r)} {num(r)} 0 0 1 {num(self.x + r)} {num(self.y)}Z")


class Shape:
    """A filled area of a figure."""

    def contains(self, rect: Rect) -> bool:
        raise NotImplementedError

    def path(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Box(Shape):
    """A rectangle, its corners rounded by `radius`."""

    rect: Rect
    radius: float = 0

    def contains(self, rect: Rect) -> bool:
        if not rect.within(self.rect):
            return False
        r = min(self.radius, self.rect.width / 2, self.rect.height / 2)
        # In each rounded corner, the rectangle's corner must lie within the corner's arc.
        for cx, cy in ((self.rect.x + r, self.rect.y + r), (self.rect.right - r, self.rect.y + r),
                       (self.rect.right - r, self.rect.bottom - r), (self.rect.x + r, self.rect.bottom - r)):
            for px, py in rect.corners():
                outside_x = (px < cx) if cx < self.rect.centre[0] else (px > cx)
                outside_y = (py < cy) if cy < self.rect.centre[1] else (py > cy)
                if outside_x and outside_y and math.hypot(px - cx, py - cy) > r + 1e-6:
                    return False
        return True

    def path(self) -> str:
        return self.rect.path(self.radius)


@dataclass(frozen=True)
class Circle(Shape):
    cx: float
    cy: float
    r: float

    def contains(self, rect: Rect) -> bool:
        return all(math.hypot(x - self.cx, y - self.cy) <= self.r + 1e-6 for x, y in rect.corners())

    def path(self) -> str:
        x0, x1 = num(self.cx - self.r), num(self.cx + self.r)
        r, y = num(self.r), num(self.cy)
        return f"M{x0} {y}A{r} {r} 0 1 1 {x1} {y}A{r} {r} 0 1 1 {x0} {y}Z"


@dataclass(frozen=True)
class Sector(Shape):
    """A slice of a ring around (cx, cy): radii r0 < r1, angles a0 < a1 in degrees clockwise
    from three o'clock (SVG's y axis points down)."""

    cx: float
    cy: float
    r0: float
    r1: float
    a0: float
    a1: float

    def _point(self, r: float, degrees: float) -> tuple[float, float]:
        a = math.radians(degrees)
        return self.cx + r * math.cos(a), self.cy + r * math.sin(a)

    def contains(self, rect: Rect) -> bool:
        # Outside the inner disc (its nearest point), inside the outer disc (every corner),
        # and inside the wedge: a wedge under 180 degrees is convex, so its corners decide.
        if rect.distance_to(self.cx, self.cy) < self.r0 - 1e-6:
            return False
        if any(math.hypot(x - self.cx, y - self.cy) > self.r1 + 1e-6 for x, y in rect.corners()):
            return False
        span = self.a1 - self.a0
        if span >= 360:
            return True
        if span > 180:
            raise ValueError("a sector wider than half the ring is not convex")
        for x, y in rect.corners():
            angle = math.degrees(math.atan2(y - self.cy, x - self.cx))
            offset = (angle - self.a0) % 360
            if offset > span + 1e-6 and offset < 360 - 1e-6:
                return False
        return True

    def path(self) -> str:
        if self.a1 - self.a0 >= 360:
            # The whole ring: the inner circle drawn the other way round leaves the hole open.
            x0, x1, y = num(self.cx - self.r0), num(self.cx + self.r0), num(self.cy)
            r = num(self.r0)
            return Circle(self.cx, self.cy, self.r1).path() + f"M{x0} {y}A{r} {r} 0 1 0 {x1} {y}A{r} {r} 0 1 0 {x0} {y}Z"
        large = 1 if self.a1 - self.a0 > 180 else 0
        (ox0, oy0), (ox1, oy1) = self._point(self.r1, self.a0), self._point(self.r1, self.a1)
        (ix1, iy1), (ix0, iy0) = self._point(self.r0, self.a1), self._point(self.r0, self.a0)
        r1, r0 = num(self.r1), num(self.r0)
        return (f"M{num(ox0)} {num(oy0)}A{r1} {r1} 0 {large} 1 {num(ox1)} {num(oy1)}"
                f"L{num(ix1)} {num(iy1)}A{r0} {r0} 0 {large} 0 {num(ix0)} {num(iy0)}Z")


@dataclass(frozen=True)
class Polygon(Shape):
    """A convex polygon, its points in order."""

    points: tuple[tuple[float, float], ...]

    def contains(self, rect: Rect) -> bool:
        sign = 0.0
        n = len(self.points)
        for i in range(n):
            (x0, y0), (x1, y1) = self.points[i], self.points[(i + 1) % n]
            for px, py in rect.corners():
                cross = (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0)
                if abs(cross) < 1e-6:
                    continue
                if sign == 0:
                    sign = cross
                elif (cross > 0) != (sign > 0):
                    return False
        return True

    def path(self) -> str:
        return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in self.points) + "Z"


@dataclass(frozen=True)
class Cutout(Shape):
    """A shape with a disc laid over it: text may not run under the disc."""

    base: Shape
    cx: float
    cy: float
    r: float

    def contains(self, rect: Rect) -> bool:
        return self.base.contains(rect) and rect.distance_to(self.cx, self.cy) >= self.r - 1e-6

    def path(self) -> str:
        return self.base.path()


ASPECTS = (0.8, 1.0, 1.3, 1.7, 2.2, 3.0, 4.5, 7.0)  # width : height of the boxes tried


def boxes_in(shape: Shape, centres, aspects=ASPECTS, padding: float = 0.0, limit: float = 1000.0) -> list[Rect]:
    """For each centre and aspect ratio, the largest rectangle inside `shape` centred there,
    less `padding` on every side: the places a label may be set in."""
    boxes = []
    for centre in centres:
        for aspect in aspects:
            low, high = 0.0, limit
            for _ in range(30):
                mid = (low + high) / 2
                if shape.contains(_centred(centre, mid * aspect, mid)):
                    low = mid
                else:
                    high = mid
            box = _centred(centre, low * aspect, low).inset(padding)
            if box.width > 0 and box.height > 0:
                boxes.append(box)
    return boxes


def _centred(centre: tuple[float, float], width: float, height: float) -> Rect:
    return Rect(centre[0] - width / 2, centre[1] - height / 2, width, height)
