#include "text/freetype_font.h"

#include "core/utf8.h"
#include "text/font_resource.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_TYPE1_TABLES_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace formpdf::text {
namespace {

// All that FreeType reads of one file while the scan opens its faces. Opening a face reads its
// table directory, name, OS/2, head, hhea, maxp, cmap and post tables and, for CFF, the top of the
// CFF table: about 1 MB for a face of Noto CJK. A collection of 1,024 faces that all point at one
// 16 MiB name table must not make the scan read 16 GiB.
constexpr std::uint64_t kMaxScanRead = std::uint64_t{64} << 20;
constexpr long kMaxFaces = 1024;

// One FreeType library for the process, never destroyed (threads may scan until exit). A library
// is not safe to use from two threads at once: every face is opened, read and closed under the
// mutex.
std::mutex freetype_mutex;

FT_Library freetype_library() {
    static const FT_Library library = [] {
        FT_Library created = nullptr;
        return FT_Init_FreeType(&created) == 0 ? created : nullptr;
    }();
    return library;
}

// FreeType's error as the scan keeps it (font_file_damage.h): its base code, without the module;
// never 0 for an error.
int freetype_error_code(FT_Error error) {
    const int base = FT_ERROR_BASE(error);
    return base != 0 ? base : static_cast<int>(error);
}

struct FaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FtFace = std::unique_ptr<FT_FaceRec_, FaceDeleter>;

// A font file FreeType reads with pread, within kMaxScanRead.
struct ScanFile {
    int fd = -1;
    std::uint64_t size = 0;
    std::uint64_t read = 0;
    ~ScanFile() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// FreeType's stream callback: `count` bytes at `offset`, or with a count of 0 a seek (0 for
// success). Returns the bytes read; fewer than asked is an error to FreeType.
unsigned long read_scan_file(FT_Stream stream, unsigned long offset, unsigned char* buffer,
                             unsigned long count) {
    auto* file = static_cast<ScanFile*>(stream->descriptor.pointer);
    if (count == 0) {
        return offset <= file->size ? 0 : 1;
    }
    if (offset > file->size || kMaxScanRead - file->read < count) {
        return 0;
    }
    unsigned long done = 0;
    while (done < count) {
        const ssize_t got =
            ::pread(file->fd, buffer + done, count - done, static_cast<off_t>(offset + done));
        if (got <= 0) {
            break;
        }
        done += static_cast<unsigned long>(got);
    }
    file->read += done;
    return done;
}

// The face `index` of `file` through a stream of its own (FreeType keeps the stream's position).
FT_Error open_scan_face(ScanFile& file, FT_StreamRec& stream, long index, FtFace& face) {
    stream = FT_StreamRec{};
    stream.size = static_cast<unsigned long>(file.size);
    stream.descriptor.pointer = &file;
    stream.read = read_scan_file;
    FT_Open_Args args{};
    args.flags = FT_OPEN_STREAM;
    args.stream = &stream;
    FT_Face opened = nullptr;
    const FT_Error error = FT_Open_Face(freetype_library(), &args, index, &opened);
    face.reset(error == 0 ? opened : nullptr);
    return error;
}

// A name record in UTF-8: Unicode (UTF-16BE) records of the Unicode and Windows platforms, and
// Macintosh Roman records read as ASCII (what HarfBuzz does with them). Empty for other
// encodings (the legacy Windows code pages: Big5, GB2312 and the like, which fonts also carry in
// Unicode).
std::string name_text(const FT_SfntName& name) {
    std::string text;
    const bool utf16 =
        name.platform_id == TT_PLATFORM_APPLE_UNICODE ||
        (name.platform_id == TT_PLATFORM_MICROSOFT &&
         (name.encoding_id == TT_MS_ID_SYMBOL_CS || name.encoding_id == TT_MS_ID_UNICODE_CS ||
          name.encoding_id == TT_MS_ID_UCS_4));
    if (utf16) {
        for (FT_UInt i = 0; i + 1 < name.string_len; i += 2) {
            char32_t unit = (char32_t{name.string[i]} << 8) | name.string[i + 1];
            if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < name.string_len) {
                const char32_t low = (char32_t{name.string[i + 2]} << 8) | name.string[i + 3];
                if (low >= 0xDC00 && low < 0xE000) {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    i += 2;
                }
            }
            if (unit >= 0xD800 && unit < 0xE000) {
                unit = 0xFFFD; // a lone surrogate
            }
            if (unit != 0) {
                append_utf8(text, unit);
            }
        }
    } else if (name.platform_id == TT_PLATFORM_MACINTOSH && name.encoding_id == TT_MAC_ID_ROMAN) {
        for (FT_UInt i = 0; i < name.string_len; ++i) {
            const unsigned char byte = name.string[i];
            if (byte != 0) {
                append_utf8(text, byte < 0x80 ? char32_t{byte} : char32_t{0xFFFD});
            }
        }
    }
    return text;
}

bool is_english(const FT_SfntName& name) {
    return (name.platform_id == TT_PLATFORM_MICROSOFT && (name.language_id & 0x3FF) == 0x09) ||
           (name.platform_id == TT_PLATFORM_MACINTOSH && name.language_id == TT_MAC_LANGID_ENGLISH);
}

// The name records a face has of the IDs the text stage uses.
struct FaceNames {
    struct Entry {
        FT_UShort id;
        bool english;
        std::string text;
    };
    std::vector<Entry> entries;

    explicit FaceNames(FT_Face face) {
        const FT_UInt count = FT_Get_Sfnt_Name_Count(face);
        for (FT_UInt i = 0; i < count; ++i) {
            FT_SfntName name{};
            if (FT_Get_Sfnt_Name(face, i, &name) != 0) {
                continue;
            }
            std::string text = name_text(name);
            if (!text.empty()) {
                entries.push_back({name.name_id, is_english(name), std::move(text)});
            }
        }
    }
    // The name of `id` in English, else in any language; empty when the face has none.
    std::string find(FT_UShort id) const {
        const Entry* any = nullptr;
        for (const Entry& entry : entries) {
            if (entry.id == id && entry.english) {
                return entry.text;
            }
            if (entry.id == id && any == nullptr) {
                any = &entry;
            }
        }
        return any != nullptr ? any->text : std::string();
    }
};

bool has_table(FT_Face face, FT_ULong tag) {
    FT_ULong length = 0;
    return FT_Load_Sfnt_Table(face, tag, 0, nullptr, &length) == 0 && length > 0;
}

constexpr FT_UShort kFsSelectionItalic = 1u << 0;
constexpr FT_UShort kFsSelectionOblique = 1u << 9;
constexpr FT_UShort kMacStyleBold = 1u << 0;
constexpr FT_UShort kMacStyleItalic = 1u << 1;

FaceSummary summarize(FT_Face face, const FaceNames& names, unsigned face_index) {
    FaceSummary summary;
    summary.face_index = face_index;
    for (const FaceNames::Entry& entry : names.entries) {
        if (entry.id == TT_NAME_ID_FONT_FAMILY || entry.id == TT_NAME_ID_TYPOGRAPHIC_FAMILY) {
            summary.family_names.push_back(entry.text);
        }
    }
    std::sort(summary.family_names.begin(), summary.family_names.end());
    summary.family_names.erase(
        std::unique(summary.family_names.begin(), summary.family_names.end()),
        summary.family_names.end());
    summary.display_family = names.find(TT_NAME_ID_TYPOGRAPHIC_FAMILY);
    if (summary.display_family.empty()) {
        summary.display_family = names.find(TT_NAME_ID_FONT_FAMILY);
    }

    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    const auto* head = static_cast<const TT_Header*>(FT_Get_Sfnt_Table(face, FT_SFNT_HEAD));
    const FT_UShort mac_style = head != nullptr ? head->Mac_Style : 0;
    if (os2 != nullptr) {
        summary.weight = os2->usWeightClass;
        summary.width_class = os2->usWidthClass;
        summary.italic = (os2->fsSelection & (kFsSelectionItalic | kFsSelectionOblique)) != 0;
    } else {
        summary.weight = (mac_style & kMacStyleBold) != 0 ? 700 : 400;
        summary.italic = (mac_style & kMacStyleItalic) != 0;
    }

    if (has_table(face, TTAG_CFF)) {
        summary.outlines = OutlineFormat::Cff;
    } else if (has_table(face, TTAG_glyf)) {
        summary.outlines = OutlineFormat::TrueType;
    } else if (has_table(face, TTAG_CFF2)) {
        summary.outlines = OutlineFormat::Cff2;
    }
    return summary;
}

// The descriptor's metrics (docs/fonts.md, "Font descriptor"). Ascent and descent: OS/2's
// typographic values, which place an ideographic em box (880/-120 in Noto CJK), where the face
// has them; else FreeType's ascender and descender (hhea). FreeType's own choice is hhea first
// (1160/-288 in Noto CJK): taking it would move every line of every form.
FaceMetrics measure(FT_Face face, int weight) {
    FaceMetrics metrics;
    metrics.units_per_em = face->units_per_EM;
    metrics.bbox_x_min = static_cast<int>(face->bbox.xMin);
    metrics.bbox_y_min = static_cast<int>(face->bbox.yMin);
    metrics.bbox_x_max = static_cast<int>(face->bbox.xMax);
    metrics.bbox_y_max = static_cast<int>(face->bbox.yMax);
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    if (os2 != nullptr && (os2->sTypoAscender != 0 || os2->sTypoDescender != 0)) {
        metrics.ascender = os2->sTypoAscender;
        metrics.descender = os2->sTypoDescender;
    } else {
        metrics.ascender = face->ascender;
        metrics.descender = face->descender;
    }
    // sCapHeight exists from OS/2 version 2 on (FreeType gives 0 for older tables).
    if (os2 != nullptr && os2->version >= 2 && os2->sCapHeight > 0) {
        metrics.cap_height = os2->sCapHeight;
    } else {
        metrics.cap_height = static_cast<int>(std::lround(metrics.ascender * 0.7));
    }
    const auto* post = static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST));
    if (post != nullptr) {
        metrics.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
    }
    // StemV: the PostScript private dictionary's StdVW where FreeType gives one (Type 1 and bare
    // CFF fonts; FreeType 2.12 gives none for an OpenType font), scaled to thousandths of an em;
    // else from the weight class: 80 below 600, 120 from 600 on (what Noto CJK's Regular and Bold
    // ideograph stems come to).
    PS_PrivateRec ps_private{};
    if (FT_Get_PS_Font_Private(face, &ps_private) == 0 && ps_private.standard_width[0] > 0 &&
        face->units_per_EM > 0) {
        metrics.stem_v = static_cast<int>(
            std::lround(ps_private.standard_width[0] * 1000.0 / face->units_per_EM));
    } else {
        metrics.stem_v = weight >= 600 ? 120 : 80;
    }
    return metrics;
}

std::string postscript_name_of(const FaceNames& names, const std::string& family) {
    std::string name = sanitize_postscript_name(names.find(TT_NAME_ID_PS_NAME));
    if (!name.empty()) {
        return name;
    }
    std::string style = names.find(TT_NAME_ID_TYPOGRAPHIC_SUBFAMILY);
    if (style.empty()) {
        style = names.find(TT_NAME_ID_FONT_SUBFAMILY);
    }
    if (style.empty()) {
        style = "Regular";
    }
    return sanitize_postscript_name(family) + "-" + sanitize_postscript_name(style);
}

} // namespace

FontFileFaces read_font_file_faces(const std::string& path) {
    FontFileFaces result;
    ScanFile file;
    file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat status {};
    using Kind = FontFileDamage::Kind;
    if (file.fd < 0 || ::fstat(file.fd, &status) != 0) {
        result.damage.kind = Kind::CannotOpen;
        return result;
    }
    if (!S_ISREG(status.st_mode)) {
        result.damage.kind = Kind::NotRegularFile;
        return result;
    }
    file.size = static_cast<std::uint64_t>(status.st_size);
    if (file.size > kMaxFontFileBytes) {
        result.damage.kind = Kind::TooLarge;
        result.damage.bytes = file.size;
        return result;
    }

    const std::lock_guard<std::mutex> lock(freetype_mutex);
    if (freetype_library() == nullptr) {
        result.damage.kind = Kind::FreeTypeNotStarted;
        return result;
    }
    FT_StreamRec stream{};
    FtFace face;
    // Face index -1: FreeType only checks the format and counts the faces.
    if (const FT_Error error = open_scan_face(file, stream, -1, face); error != 0) {
        result.damage.kind = Kind::FreeTypeRefuses;
        result.damage.freetype_error = freetype_error_code(error);
        return result;
    }
    const long face_count = std::min(face->num_faces, kMaxFaces);
    face.reset();
    std::vector<std::uint32_t> nameless;   // faces without a family name
    std::vector<std::uint32_t> unreadable; // faces FreeType cannot open
    FT_Error first_error = 0;              // why the first of them cannot be opened
    for (long index = 0; index < face_count; ++index) {
        if (const FT_Error error = open_scan_face(file, stream, index, face); error != 0) {
            unreadable.push_back(static_cast<std::uint32_t>(index));
            first_error = first_error != 0 ? first_error : error;
            continue;
        }
        const FaceNames names(face.get());
        FaceSummary summary = summarize(face.get(), names, static_cast<unsigned>(index));
        face.reset();
        if (!summary.family_names.empty()) {
            result.faces.push_back(std::move(summary));
        } else {
            nameless.push_back(static_cast<std::uint32_t>(index));
        }
    }
    // A face of a collection that cannot be read may be the one a layout asks for: said so too.
    if (!unreadable.empty() && unreadable.size() == static_cast<std::size_t>(face_count)) {
        if (face_count == 1) {
            result.damage.kind = Kind::FreeTypeRefuses;
        } else {
            result.damage.kind = Kind::NoFaceOpens;
            result.damage.face_count = static_cast<std::uint32_t>(face_count);
        }
        result.damage.freetype_error = freetype_error_code(first_error);
    } else if (!unreadable.empty()) {
        result.damage.kind = Kind::SomeFacesDoNotOpen;
        result.damage.faces = std::move(unreadable);
        result.damage.freetype_error = freetype_error_code(first_error);
    } else if (result.faces.empty()) {
        result.damage.kind = Kind::NoFaceNamed;
    } else if (!nameless.empty()) {
        result.damage.kind = Kind::SomeFacesUnnamed;
        result.damage.faces = std::move(nameless);
    }
    return result;
}

bool read_loaded_face(std::string_view file, unsigned face_index, LoadedFaceFacts& facts,
                      std::string& why_not) {
    const std::lock_guard<std::mutex> lock(freetype_mutex);
    if (freetype_library() == nullptr) {
        FontFileDamage not_started;
        not_started.kind = FontFileDamage::Kind::FreeTypeNotStarted;
        why_not = describe(not_started);
        return false;
    }
    FT_Face opened = nullptr;
    const FT_Error error = FT_New_Memory_Face(
        freetype_library(), reinterpret_cast<const FT_Byte*>(file.data()),
        static_cast<FT_Long>(file.size()), static_cast<FT_Long>(face_index), &opened);
    if (error != 0) {
        FontFileDamage refusal;
        refusal.kind = FontFileDamage::Kind::FreeTypeRefuses;
        refusal.freetype_error = freetype_error_code(error);
        why_not = describe(refusal);
        return false;
    }
    const FtFace face(opened);
    const FaceNames names(face.get());
    facts.summary = summarize(face.get(), names, face_index);
    facts.metrics = measure(face.get(), facts.summary.weight);
    facts.postscript_name = postscript_name_of(names, facts.summary.display_family);
    return true;
}

} // namespace formpdf::text
