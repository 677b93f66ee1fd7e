#pragma once

namespace formpdf::load {

// How text sits in its box: across (`align`) and down (`valign`).
enum class HAlign { Left, Center, Right };
enum class VAlign { Top, Middle, Bottom };

} // namespace formpdf::load
