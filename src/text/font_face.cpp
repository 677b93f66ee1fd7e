#include "text/font_face.h"

#include "core/mapped_file.h"
#include "text/font_resource.h"

#include <string_view>

namespace formpdf::text {

HbBlob map_font_file(const std::string& path, std::string* why_not) {
    std::string reason;
    std::shared_ptr<const MappedFile> file = MappedFile::open(path, kMaxFontFileBytes, reason);
    if (!file) {
        if (why_not != nullptr) {
            *why_not = std::move(reason);
        }
        return nullptr;
    }
    const std::string_view bytes = file->bytes();
    return HbBlob(hb_blob_create(
        bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
        new std::shared_ptr<const MappedFile>(std::move(file)),
        [](void* owner) { delete static_cast<std::shared_ptr<const MappedFile>*>(owner); }));
}

std::string sanitize_postscript_name(const std::string& name) {
    std::string out;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        const bool delimiter = std::string_view("()<>[]{}/%#").find(c) != std::string_view::npos;
        if (byte > 32 && byte < 127 && !delimiter) {
            out += c;
        }
    }
    return out;
}

} // namespace formpdf::text
