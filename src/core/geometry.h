#pragma once

namespace formpdf {

// All layout lengths are PDF points (1/72 in) held in doubles whose names end in _pt, or
// plain x/y/width/height fields of the types below. Font units are integers named *_units.
inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double mm_to_pt(double mm) {
    return mm * kPointsPerMm;
}
inline constexpr double pt_to_mm(double pt) {
    return pt / kPointsPerMm;
}

// PDF user space: origin at the bottom-left corner of the page, y grows upwards.
struct Point {
    double x = 0;
    double y = 0;
};

// x, y is the bottom-left corner; width and height are never negative.
struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;

    double left() const { return x; }
    double right() const { return x + width; }
    double bottom() const { return y; }
    double top() const { return y + height; }
};

// Device RGB, each component in [0, 1].
struct Color {
    double r = 0;
    double g = 0;
    double b = 0;

    bool operator==(const Color&) const = default;
};

} // namespace formpdf
