#pragma once

#include <string>
#include <string_view>

namespace formpdf::check {

// A label as a message names it: "项目编码：" → "项目编码".
std::string bare_label(std::string_view label);

// "项目编码 (project_code)": the label the user sees and the id the file uses.
std::string field_name(std::string_view label, std::string_view id);

// A value as a message quotes it: "'≥ 90%'", long texts cut after 24 characters with "…".
std::string quote_value(std::string_view text);

// True when the text has nothing but spaces (ASCII or ideographic).
bool is_blank(std::string_view text);

} // namespace formpdf::check
