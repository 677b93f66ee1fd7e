#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace formpdf::workbook {

// Bytes in another encoding as UTF-8, with ICU's converters ("GB18030", "UTF-16LE", "UTF-16BE").
// Nothing when a byte sequence is not valid in that encoding; `bad_offset` is then its offset.
// No replacement characters: the import copies text exactly or not at all.
std::optional<std::string> decode_to_utf8(std::string_view bytes, const char* encoding,
                                          std::size_t* bad_offset = nullptr);

} // namespace formpdf::workbook
