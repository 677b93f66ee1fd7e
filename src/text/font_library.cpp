#include "text/font_library.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "text/font_file_check.h"
#include "text/font_library_impl.h"
#include "text/freetype_font.h"
#include "text/official_font_names.h"

#include <cassert>
#include <cstdint>

namespace formpdf::text {
namespace fs = std::filesystem;

namespace {

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "\"" : ", \"";
        out += name;
        out += '"';
    }
    return out;
}

std::string path_list(const std::vector<fs::path>& paths) {
    std::string out;
    for (const fs::path& path : paths) {
        out += out.empty() ? "" : ", ";
        out += path.string();
    }
    return out;
}

// The files the scan skipped, for a hint: "a.ttf (its 'head' table ...), b.otf (...)".
std::string skipped_list(const std::vector<SkippedFont>& skipped) {
    constexpr std::size_t kListed = 3;
    std::string out;
    for (std::size_t i = 0; i < skipped.size() && i < kListed; ++i) {
        out += (i == 0 ? "" : ", ") + tr("{0} ({1})", {skipped[i].path, skipped[i].reason});
    }
    if (skipped.size() > kListed) {
        out += tr(" and {0} more", {std::to_string(skipped.size() - kListed)});
    }
    return out;
}

// The face for the request: its family, else (for an official document font) another name of the
// same typeface, else a stand-in of the same style, whose name goes to *stand_in.
const CatalogFace* find_face(FontCatalog& catalog, const FontRequest& request, std::size_t* tier,
                             std::string* stand_in) {
    if (const CatalogFace* match = catalog.find(request.family, request.weight, tier)) {
        return match;
    }
    const OfficialFontNames* names = official_font_names(request.family);
    if (names == nullptr) {
        return nullptr;
    }
    for (const std::string_view name : names->same_typeface) {
        if (const CatalogFace* match = catalog.find(name, request.weight, tier)) {
            return match;
        }
    }
    for (const std::string_view name : names->stand_ins) {
        if (const CatalogFace* match = catalog.find(name, request.weight, tier)) {
            *stand_in = std::string(name);
            return match;
        }
    }
    return nullptr;
}

[[noreturn]] void throw_unknown_family(FontCatalog& catalog, const FontRequest& request) {
    const std::vector<std::string> nearest = catalog.nearest_families(request.family, 5);
    // The hint's pieces are whole clauses, each translated with the punctuation that joins it.
    std::string hint;
    if (nearest.empty()) {
        hint = tr("no font files were found");
    } else {
        hint = tr("nearest families found: {0}", {quoted_list(nearest)});
    }
    if (const std::vector<SkippedFont> skipped = catalog.skipped(SIZE_MAX); !skipped.empty()) {
        hint += tr("; font files skipped as unreadable or damaged (one may have been that family): "
                   "{0}",
                   {skipped_list(skipped)});
    }
    hint += tr("; searched {0}; a font file (.otf .ttf .ttc .otc) dropped into the project's "
               "fonts/ folder is found too",
               {path_list(catalog.directories())});
    throw DiagnosticError(
        make_error(request.loc, tr("font family \"{0}\" was not found", {request.family}), hint));
}

void check_outlines(const CatalogFace& match, OutlineFormat outlines, const FontRequest& request) {
    const std::string where =
        tr("{0} (face {1})", {match.path, std::to_string(match.summary.face_index)});
    switch (outlines) {
    case OutlineFormat::Cff:
    case OutlineFormat::TrueType:
        return;
    case OutlineFormat::Cff2:
        throw DiagnosticError(
            make_error(request.loc,
                       tr("font family \"{0}\" is a variable CFF2 font, which PDF cannot embed",
                          {request.family}),
                       tr("the face found is {0}; use a static .otf or .ttf instance of the family",
                          {where})));
    case OutlineFormat::None:
        throw DiagnosticError(make_error(
            request.loc, tr("font family \"{0}\" has no outlines to embed", {request.family}),
            tr("the face found is {0}; use an .otf or .ttf font with CFF or glyf outlines",
               {where})));
    }
}

// Says what the scan skipped up to the tier the family was found in, once per file: a warning for a
// file of an earlier tier (it may well have been the font the layout meant, and another file is
// used instead), a note for one of the same tier (a damaged file beside the one used).
void report_skipped(FontLibrary::Impl& impl, const FontRequest& request, const CatalogFace& match,
                    std::size_t tier, Diagnostics* diagnostics) {
    if (diagnostics == nullptr) {
        return;
    }
    const std::vector<SkippedFont> before = impl.catalog.skipped(tier);
    const std::vector<SkippedFont> upto = impl.catalog.skipped(tier + 1);
    for (std::size_t i = 0; i < upto.size(); ++i) {
        const SkippedFont& skipped = upto[i];
        if (!impl.reported_skips.insert(skipped.path).second) {
            continue;
        }
        const std::string message = skipped.partly
                                        ? tr("font file skipped in part: {0}", {skipped.reason})
                                        : tr("font file skipped: {0}", {skipped.reason});
        if (i < before.size()) {
            std::string requested_at = request.loc.file;
            requested_at += ":";
            requested_at += std::to_string(request.loc.line);
            diagnostics->warning(
                SourceLoc{skipped.path, 0, 0}, message,
                tr("font family \"{0}\" ({1}) was taken from {2}, found later in the search; if "
                   "this file was meant to provide it, replace it with an intact copy",
                   {request.family, requested_at, match.path}));
        } else {
            diagnostics->note(SourceLoc{skipped.path, 0, 0}, message,
                              tr("replace it with an intact copy, or remove it"));
        }
    }
}

[[noreturn]] void throw_damaged(const std::string& path, const std::string& what,
                                const FontRequest& request) {
    std::string requested_at = request.loc.file;
    requested_at += ":";
    requested_at += std::to_string(request.loc.line);
    throw DiagnosticError(make_error(
        SourceLoc{path, 0, 0}, tr("damaged font file: {0}", {what}),
        tr("it was chosen for font family \"{0}\" ({1}); replace it with an intact copy of the "
           "font, or remove it to use another font",
           {request.family, requested_at})));
}

} // namespace

FontLibrary::FontLibrary(std::vector<fs::path> search_dirs, bool include_system_dirs,
                         FontScanLimits limits)
    : impl_(std::make_unique<Impl>(std::move(search_dirs), include_system_dirs, limits)) {}

FontLibrary::~FontLibrary() = default;

FontId FontLibrary::load(const FontRequest& request, Diagnostics* diagnostics) {
    Impl& impl = *impl_;
    const auto request_key = std::make_pair(ascii_lower(request.family), request.weight);
    if (const auto known = impl.ids_by_request.find(request_key);
        known != impl.ids_by_request.end()) {
        return known->second;
    }

    std::size_t tier = 0;
    std::string stand_in;
    const CatalogFace* match = find_face(impl.catalog, request, &tier, &stand_in);
    if (match == nullptr) {
        throw_unknown_family(impl.catalog, request);
    }
    report_skipped(impl, request, *match, tier, diagnostics);
    if (!stand_in.empty() && diagnostics != nullptr) {
        // Never a silent substitution: the print differs from the official font.
        diagnostics->note(request.loc,
                          tr("font family \"{0}\" is not installed: \"{1}\" prints in its place",
                             {request.family, stand_in}),
                          tr("install the {0} font file (into the project's fonts/ folder or "
                             "~/.local/share/fonts) to print with it",
                             {request.family}));
    }

    const auto face_key = std::make_pair(match->path, match->summary.face_index);
    if (const auto known = impl.ids_by_face.find(face_key); known != impl.ids_by_face.end()) {
        impl.ids_by_request.emplace(request_key, known->second);
        return known->second;
    }

    HbBlob& blob = impl.blobs[match->path];
    if (!blob) {
        std::string why_not;
        blob = map_font_file(match->path, &why_not);
        if (!blob) {
            impl.blobs.erase(match->path);
            throw DiagnosticError(make_error(
                request.loc, tr("cannot read font file {0}: it {1}", {match->path, why_not}),
                tr("the file was found by the font scan but cannot be opened now; check that it "
                   "still exists")));
        }
    }
    // Checked per face (a collection's faces have directories of their own), before HarfBuzz
    // reads it: HarfBuzz does not refuse a damaged font (font_file_check.h).
    {
        unsigned length = 0;
        const char* data = hb_blob_get_data(blob.get(), &length);
        if (const std::optional<std::string> damage =
                find_font_damage(std::string_view(data, length), match->summary.face_index)) {
            throw_damaged(match->path, *damage, request);
        }
    }
    // FreeType reads the face's names, weight, outlines and descriptor metrics (freetype_font.h)
    // from the file as it is now, not as the scan's cache remembers it.
    LoadedFaceFacts facts;
    {
        unsigned length = 0;
        const char* data = hb_blob_get_data(blob.get(), &length);
        std::string why_not;
        if (!read_loaded_face(std::string_view(data, length), match->summary.face_index, facts,
                              why_not)) {
            throw_damaged(match->path, why_not, request);
        }
    }
    // After the damage checks: FreeType drops a table that runs past the end of the file, so a
    // face whose damage says more may show no outlines.
    check_outlines(*match, facts.summary.outlines, request);
    HbFace face(hb_face_create(blob.get(), match->summary.face_index));
    hb_face_make_immutable(face.get());
    if (hb_face_get_glyph_count(face.get()) == 0) {
        // What the checks above let through and HarfBuzz still cannot read.
        throw_damaged(match->path, tr("HarfBuzz reads no glyphs in it"), request);
    }
    HbFont font(hb_font_create(face.get()));
    hb_font_make_immutable(font.get());

    FontResource resource;
    resource.path = match->path;
    resource.face_index = match->summary.face_index;
    resource.family = facts.summary.display_family;
    resource.postscript_name = facts.postscript_name;
    resource.weight = facts.summary.weight;
    resource.is_cff = facts.summary.outlines == OutlineFormat::Cff;
    resource.units_per_em = facts.metrics.units_per_em;
    // HarfBuzz's count (maxp): the glyph ids shaping gives are checked against it.
    resource.glyph_count = hb_face_get_glyph_count(face.get());
    resource.ascender = facts.metrics.ascender;
    resource.descender = facts.metrics.descender;
    resource.cap_height = facts.metrics.cap_height;
    resource.bbox_x_min = facts.metrics.bbox_x_min;
    resource.bbox_y_min = facts.metrics.bbox_y_min;
    resource.bbox_x_max = facts.metrics.bbox_x_max;
    resource.bbox_y_max = facts.metrics.bbox_y_max;
    resource.italic_angle = facts.metrics.italic_angle;
    resource.stem_v = facts.metrics.stem_v;

    const auto id = static_cast<FontId>(impl.resources.size());
    impl.resources.push_back(std::move(resource));
    impl.faces.push_back(LoadedFace{std::move(face), std::move(font)});
    impl.ids_by_face.emplace(face_key, id);
    impl.ids_by_request.emplace(request_key, id);
    return id;
}

std::vector<std::string> FontLibrary::families() const {
    return impl_->catalog.families();
}

namespace {

FontLibrary::FaceListing listing(const CatalogFace& face) {
    return {face.summary.display_family, face.summary.weight, face.summary.italic, face.path,
            face.summary.face_index};
}

} // namespace

std::vector<FontLibrary::FaceListing> FontLibrary::faces() const {
    std::vector<FaceListing> all;
    for (const CatalogFace& face : impl_->catalog.faces()) {
        all.push_back(listing(face));
    }
    return all;
}

std::optional<FontLibrary::FaceChoice> FontLibrary::choose(const FontRequest& request) const {
    std::string stand_in;
    const CatalogFace* match = find_face(impl_->catalog, request, nullptr, &stand_in);
    if (match == nullptr) {
        return std::nullopt;
    }
    return FaceChoice{listing(*match), stand_in.empty() ? std::string() : request.family};
}

void FontLibrary::forget_cached_files() {
    FontCatalog::forget_cached_files();
}

const FontResource& FontLibrary::resource(FontId id) const {
    assert(id < impl_->resources.size());
    return impl_->resources[id];
}

LineCache& FontLibrary::line_cache() const {
    return impl_->line_cache;
}

const std::vector<FontResource>& FontLibrary::resources() const {
    return impl_->resources;
}

bool FontLibrary::has_glyph(FontId id, char32_t code_point) const {
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(impl_->font(id), code_point, &glyph) && glyph != 0;
}

} // namespace formpdf::text
