#pragma once

#include <string_view>

namespace formpdf {

// The names Windows gives to devices, whatever the case and the extension: "CON", "nul.pdf",
// "Com1.tar.gz", "LPT¹" open the device, not a file (also through a Samba share or on a USB
// stick formatted there). A file name made from data must never be one.
bool is_windows_device_name(std::string_view file_name);

// ASCII letters in lower case; other bytes as they are.
char ascii_lower(char c);

} // namespace formpdf
