#include "text/font_file_damage.h"

#include "core/messages.h"
#include "text/font_resource.h"

#include <ft2build.h>
#include FT_FREETYPE_H

namespace formpdf::text {
namespace {

// FreeType's words for the errors opening a damaged, cut-short or non-font file gives, each a msgid
// that is FreeType's own English text (FT_ERRORS_H; a test holds them equal). Errors of rendering,
// hinting, handles and caches, which opening a face does not give, stay in FreeType's English.
struct FreeTypeWords {
    int error;
    const char* msgid;
};
constexpr FreeTypeWords kFreeTypeWords[] = {
    {FT_Err_Cannot_Open_Resource, N_("cannot open resource")},
    {FT_Err_Unknown_File_Format, N_("unknown file format")},
    {FT_Err_Invalid_File_Format, N_("broken file")},
    {FT_Err_Invalid_Version, N_("invalid FreeType version")},
    {FT_Err_Lower_Module_Version, N_("module version is too low")},
    {FT_Err_Invalid_Argument, N_("invalid argument")},
    {FT_Err_Unimplemented_Feature, N_("unimplemented feature")},
    {FT_Err_Invalid_Table, N_("broken table")},
    {FT_Err_Invalid_Offset, N_("broken offset within table")},
    {FT_Err_Array_Too_Large, N_("array allocation size too large")},
    {FT_Err_Missing_Module, N_("missing module")},
    {FT_Err_Missing_Property, N_("missing property")},
    {FT_Err_Out_Of_Memory, N_("out of memory")},
    {FT_Err_Unlisted_Object, N_("unlisted object")},
    {FT_Err_Cannot_Open_Stream, N_("cannot open stream")},
    {FT_Err_Invalid_Stream_Seek, N_("invalid stream seek")},
    {FT_Err_Invalid_Stream_Skip, N_("invalid stream skip")},
    {FT_Err_Invalid_Stream_Read, N_("invalid stream read")},
    {FT_Err_Invalid_Stream_Operation, N_("invalid stream operation")},
    {FT_Err_Invalid_Frame_Operation, N_("invalid frame operation")},
    {FT_Err_Nested_Frame_Access, N_("nested frame access")},
    {FT_Err_Invalid_Frame_Read, N_("invalid frame read")},
    {FT_Err_Table_Missing, N_("SFNT font table missing")},
    {FT_Err_Horiz_Header_Missing, N_("horizontal header (hhea) table missing")},
    {FT_Err_Locations_Missing, N_("locations (loca) table missing")},
    {FT_Err_Name_Table_Missing, N_("name table missing")},
    {FT_Err_CMap_Table_Missing, N_("character map (cmap) table missing")},
    {FT_Err_Hmtx_Table_Missing, N_("horizontal metrics (hmtx) table missing")},
    {FT_Err_Post_Table_Missing, N_("PostScript (post) table missing")},
    {FT_Err_Invalid_Horiz_Metrics, N_("invalid horizontal metrics")},
    {FT_Err_Invalid_CharMap_Format, N_("invalid character map (cmap) format")},
    {FT_Err_Invalid_PPem, N_("invalid ppem value")},
    {FT_Err_Invalid_Vert_Metrics, N_("invalid vertical metrics")},
    {FT_Err_Invalid_Post_Table_Format, N_("invalid PostScript (post) table format")},
    {FT_Err_Invalid_Post_Table, N_("invalid PostScript (post) table")},
    {FT_Err_Missing_Bitmap, N_("missing bitmap in strike")},
    {FT_Err_Syntax_Error, N_("opcode syntax error")},
    {FT_Err_Stack_Underflow, N_("argument stack underflow")},
    {FT_Err_No_Unicode_Glyph_Name, N_("no Unicode glyph name found")},
    {FT_Err_Corrupted_Font_Header, N_("Font header corrupted or missing fields")},
    {FT_Err_Corrupted_Font_Glyphs, N_("Font glyphs corrupted or missing fields")},
};

struct KindName {
    FontFileDamage::Kind kind;
    const char* name;
};
constexpr KindName kKindNames[] = {
    {FontFileDamage::Kind::None, "none"},
    {FontFileDamage::Kind::CannotOpen, "cannot-open"},
    {FontFileDamage::Kind::NotRegularFile, "not-regular-file"},
    {FontFileDamage::Kind::TooLarge, "too-large"},
    {FontFileDamage::Kind::FreeTypeNotStarted, "freetype-not-started"},
    {FontFileDamage::Kind::FreeTypeRefuses, "freetype-refuses"},
    {FontFileDamage::Kind::NoFaceOpens, "no-face-opens"},
    {FontFileDamage::Kind::SomeFacesDoNotOpen, "some-faces-do-not-open"},
    {FontFileDamage::Kind::NoFaceNamed, "no-face-named"},
    {FontFileDamage::Kind::SomeFacesUnnamed, "some-faces-unnamed"},
};

// "1, 2, 3, 4, 5 and 3 more": the first five faces of a list.
std::string face_list(const std::vector<std::uint32_t>& faces) {
    constexpr std::size_t kListed = 5;
    std::string listed;
    for (std::size_t i = 0; i < faces.size() && i < kListed; ++i) {
        listed += (i == 0 ? "" : ", ") + std::to_string(faces[i]);
    }
    if (faces.size() > kListed) {
        return tr("{0} and {1} more", {listed, std::to_string(faces.size() - kListed)});
    }
    return listed;
}

} // namespace

const char* freetype_error_text(int error) {
#undef FTERRORS_H_
#define FT_ERRORDEF(e, v, s)                                                                       \
    case v:                                                                                        \
        return s;
#define FT_ERROR_START_LIST switch (error) {
#define FT_ERROR_END_LIST }
#include FT_ERRORS_H
    return "unknown error";
}

std::string freetype_error_words(int error) {
    for (const FreeTypeWords& words : kFreeTypeWords) {
        if (words.error == error) {
            return tr(words.msgid);
        }
    }
    return freetype_error_text(error);
}

std::string describe(const FontFileDamage& damage) {
    using Kind = FontFileDamage::Kind;
    switch (damage.kind) {
    case Kind::None:
        return {};
    case Kind::CannotOpen:
        return tr("it cannot be opened");
    case Kind::NotRegularFile:
        return tr("it is not a regular file");
    case Kind::TooLarge:
        return tr("it is {0} MiB, more than the {1} MiB a font file may have",
                  {std::to_string(damage.bytes >> 20), std::to_string(kMaxFontFileBytes >> 20)});
    case Kind::FreeTypeNotStarted:
        return tr("FreeType could not be started");
    case Kind::FreeTypeRefuses:
        return tr("FreeType cannot open it ({0})", {freetype_error_words(damage.freetype_error)});
    case Kind::NoFaceOpens:
        return tr("FreeType cannot open any of its {0} faces ({1})",
                  {std::to_string(damage.face_count), freetype_error_words(damage.freetype_error)});
    case Kind::SomeFacesDoNotOpen:
        return tr("FreeType cannot open its face {0} (face {1}: {2})",
                  {face_list(damage.faces),
                   damage.faces.empty() ? std::string("?") : std::to_string(damage.faces[0]),
                   freetype_error_words(damage.freetype_error)});
    case Kind::NoFaceNamed:
        return tr("none of its faces has a family name that can be read");
    case Kind::SomeFacesUnnamed:
        return tr("its face {0} has no family name that can be read", {face_list(damage.faces)});
    }
    return {};
}

const char* kind_name(FontFileDamage::Kind kind) {
    for (const KindName& entry : kKindNames) {
        if (entry.kind == kind) {
            return entry.name;
        }
    }
    return "none";
}

bool parse_kind_name(std::string_view name, FontFileDamage::Kind& kind) {
    for (const KindName& entry : kKindNames) {
        if (name == entry.name) {
            kind = entry.kind;
            return true;
        }
    }
    return false;
}

} // namespace formpdf::text
