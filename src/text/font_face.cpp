#include "text/font_face.h"

#include "core/mapped_file.h"
#include "text/font_resource.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace formpdf::text {
namespace {

constexpr hb_tag_t kTagOs2 = HB_TAG('O', 'S', '/', '2');
constexpr hb_tag_t kTagHead = HB_TAG('h', 'e', 'a', 'd');
constexpr hb_tag_t kTagHhea = HB_TAG('h', 'h', 'e', 'a');
constexpr hb_tag_t kTagPost = HB_TAG('p', 'o', 's', 't');
constexpr hb_tag_t kTagCff = HB_TAG('C', 'F', 'F', ' ');
constexpr hb_tag_t kTagCff2 = HB_TAG('C', 'F', 'F', '2');
constexpr hb_tag_t kTagGlyf = HB_TAG('g', 'l', 'y', 'f');

// A font table's bytes, read big-endian with bounds checks: a short or missing table reads as
// absent fields rather than out-of-range memory.
class TableReader {
public:
    TableReader(hb_face_t* face, hb_tag_t tag) : blob_(hb_face_reference_table(face, tag)) {
        unsigned length = 0;
        data_ = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob_.get(), &length));
        size_ = data_ ? length : 0;
    }
    std::size_t size() const { return size_; }
    bool has(std::size_t offset, std::size_t bytes) const { return offset + bytes <= size_; }
    std::uint16_t u16(std::size_t offset) const {
        return static_cast<std::uint16_t>((data_[offset] << 8) | data_[offset + 1]);
    }
    std::int16_t i16(std::size_t offset) const { return static_cast<std::int16_t>(u16(offset)); }
    std::int32_t i32(std::size_t offset) const {
        return static_cast<std::int32_t>((std::uint32_t{u16(offset)} << 16) | u16(offset + 2));
    }

private:
    HbBlob blob_;
    const unsigned char* data_ = nullptr;
    std::size_t size_ = 0;
};

// Only looks the tag up in the table directory; the table's bytes are not touched.
bool has_table(hb_face_t* face, hb_tag_t tag) {
    HbBlob blob(hb_face_reference_table(face, tag));
    return hb_blob_get_length(blob.get()) > 0;
}

std::string name_string(hb_face_t* face, hb_ot_name_id_t name_id, hb_language_t language) {
    unsigned length = hb_ot_name_get_utf8(face, name_id, language, nullptr, nullptr);
    if (length == 0) {
        return {};
    }
    std::string text(length + 1, '\0'); // the call writes a terminating NUL
    unsigned capacity = length + 1;
    hb_ot_name_get_utf8(face, name_id, language, &capacity, text.data());
    text.resize(capacity);
    return text;
}

constexpr std::uint16_t kFsSelectionItalic = 1u << 0;
constexpr std::uint16_t kFsSelectionOblique = 1u << 9;
constexpr std::uint16_t kMacStyleBold = 1u << 0;
constexpr std::uint16_t kMacStyleItalic = 1u << 1;

} // namespace

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

std::string face_name(hb_face_t* face, hb_ot_name_id_t name_id) {
    std::string english = name_string(face, name_id, hb_language_from_string("en", -1));
    if (!english.empty()) {
        return english;
    }
    unsigned count = 0;
    const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &count);
    for (unsigned i = 0; i < count; ++i) {
        if (entries[i].name_id == name_id) {
            std::string any = name_string(face, name_id, entries[i].language);
            if (!any.empty()) {
                return any;
            }
        }
    }
    return {};
}

FaceSummary summarize_face(hb_face_t* face, unsigned face_index) {
    return summarize_face(face, face_index, [face](hb_tag_t tag) { return has_table(face, tag); });
}

FaceSummary summarize_face(hb_face_t* face, unsigned face_index,
                           const std::function<bool(hb_tag_t)>& has_outline_table) {
    FaceSummary summary;
    summary.face_index = face_index;

    unsigned count = 0;
    const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &count);
    for (unsigned i = 0; i < count; ++i) {
        const hb_ot_name_id_t id = entries[i].name_id;
        if (id == HB_OT_NAME_ID_FONT_FAMILY || id == HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY) {
            std::string name = name_string(face, id, entries[i].language);
            if (!name.empty()) {
                summary.family_names.push_back(std::move(name));
            }
        }
    }
    std::sort(summary.family_names.begin(), summary.family_names.end());
    summary.family_names.erase(
        std::unique(summary.family_names.begin(), summary.family_names.end()),
        summary.family_names.end());

    summary.display_family = face_name(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
    if (summary.display_family.empty()) {
        summary.display_family = face_name(face, HB_OT_NAME_ID_FONT_FAMILY);
    }

    const TableReader os2(face, kTagOs2);
    const TableReader head(face, kTagHead);
    const std::uint16_t mac_style = head.has(44, 2) ? head.u16(44) : 0;
    if (os2.has(4, 4)) {
        summary.weight = os2.u16(4);
        summary.width_class = os2.u16(6);
    } else if (mac_style & kMacStyleBold) {
        summary.weight = 700;
    }
    if (os2.has(62, 2)) {
        summary.italic = (os2.u16(62) & (kFsSelectionItalic | kFsSelectionOblique)) != 0;
    } else {
        summary.italic = (mac_style & kMacStyleItalic) != 0;
    }

    if (has_outline_table(kTagCff)) {
        summary.outlines = OutlineFormat::Cff;
    } else if (has_outline_table(kTagGlyf)) {
        summary.outlines = OutlineFormat::TrueType;
    } else if (has_outline_table(kTagCff2)) {
        summary.outlines = OutlineFormat::Cff2;
    }
    return summary;
}

FaceMetrics read_face_metrics(hb_face_t* face) {
    FaceMetrics metrics;
    metrics.units_per_em = static_cast<int>(hb_face_get_upem(face));

    const TableReader head(face, kTagHead);
    if (head.has(36, 8)) {
        metrics.bbox_x_min = head.i16(36);
        metrics.bbox_y_min = head.i16(38);
        metrics.bbox_x_max = head.i16(40);
        metrics.bbox_y_max = head.i16(42);
    }

    const TableReader os2(face, kTagOs2);
    const TableReader hhea(face, kTagHhea);
    if (os2.has(68, 4) && (os2.i16(68) != 0 || os2.i16(70) != 0)) {
        metrics.ascender = os2.i16(68);
        metrics.descender = os2.i16(70);
    } else if (hhea.has(4, 4)) {
        metrics.ascender = hhea.i16(4);
        metrics.descender = hhea.i16(6);
    }
    // sCapHeight exists from OS/2 version 2 on; older tables end before it.
    if (os2.has(88, 2) && os2.u16(0) >= 2 && os2.i16(88) > 0) {
        metrics.cap_height = os2.i16(88);
    } else {
        metrics.cap_height = static_cast<int>(std::lround(metrics.ascender * 0.7));
    }

    const TableReader post(face, kTagPost);
    if (post.has(4, 4)) {
        metrics.italic_angle = post.i32(4) / 65536.0;
    }
    return metrics;
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
