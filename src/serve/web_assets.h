#pragma once

#include <string_view>

namespace formpdf::serve {

// A file of the web app (web/ in the checkout), compiled into the program at build time
// (embed_web_assets.cmake), so that an installed formpdf needs no data folder to serve its pages.
struct WebAsset {
    std::string_view name; // "index.html"
    std::string_view content_type;
    std::string_view bytes;
};

// The asset of that file name, or nullptr.
const WebAsset* find_web_asset(std::string_view name);

} // namespace formpdf::serve
