#pragma once

// "Did you mean …?" for names a user wrote, without the YAML readers: the same functions yaml_reader.h
// declares (defined in yaml_reader.cpp), for stages that check names after loading.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace formpdf::load {

// The candidate the word was most likely meant to be (a typo, other case, '_' for '-'), if any.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// "did you mean 'margins'? allowed keys: size, orientation, margins"
std::string suggestion_hint(std::string_view word, std::span<const std::string_view> candidates,
                            std::string_view list_label);

// "a, b, c"
std::string join_names(std::span<const std::string_view> names);

} // namespace formpdf::load
