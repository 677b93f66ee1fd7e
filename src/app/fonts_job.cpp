#include "app/fonts_job.h"

#include "core/messages.h"
#include "load/layout_loader.h"
#include "load/layout_spec.h"
#include "text/font_library.h"

#include <algorithm>
#include <map>
#include <set>

namespace formpdf::app {

namespace {

std::string face_text(const text::FontLibrary::FaceListing& face) {
    std::string text = face.path;
    if (face.face_index > 0) {
        text += " #" + std::to_string(face.face_index);
    }
    text += " (" + std::to_string(face.weight);
    if (face.italic) {
        text += " italic";
    }
    text += ")";
    return text;
}

std::vector<std::filesystem::path> layouts_to_match(const FontsRequest& request) {
    if (!request.layouts.empty()) {
        return request.layouts;
    }
    std::set<std::string> seen; // a layout of an earlier folder hides one of the same name later
    std::vector<std::filesystem::path> layouts;
    for (const std::filesystem::path& dir : request.layout_dirs) {
        std::error_code ec;
        std::vector<std::filesystem::path> in_dir;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".yaml" && entry.is_regular_file(ec)) {
                in_dir.push_back(entry.path());
            }
        }
        std::sort(in_dir.begin(), in_dir.end());
        for (const auto& path : in_dir) {
            if (seen.insert(path.filename().string()).second) {
                layouts.push_back(path);
            }
        }
    }
    return layouts;
}

} // namespace

JobResult list_fonts(const FontsRequest& request, std::string& out) {
    return run_job([&](JobResult& result) {
        const text::FontLibrary library(request.font_dirs, request.system_fonts);

        // Families, each with its faces in search order.
        std::map<std::string, std::vector<text::FontLibrary::FaceListing>> families;
        std::size_t face_count = 0;
        for (const auto& face : library.faces()) {
            families[face.family].push_back(face);
            ++face_count;
        }
        out += tr("Font families found ({0} faces):", {std::to_string(face_count)});
        out += '\n';
        for (const auto& [family, faces] : families) {
            out += "  " + family + '\n';
            for (const auto& face : faces) {
                out += "    " + face_text(face) + '\n';
            }
        }

        for (const std::filesystem::path& layout_path : layouts_to_match(request)) {
            load::LayoutSpec layout;
            try {
                layout = load::load_layout_file(layout_path);
            } catch (const DiagnosticError& error) {
                // A file in a layouts folder that is not a layout (or is broken) is reported and
                // passed over; the other layouts are still matched.
                for (const Diagnostic& diagnostic : error.diagnostics()) {
                    result.diagnostics.add(diagnostic);
                }
                continue;
            }
            out += '\n';
            out += tr("Layout {0}:", {layout_path.string()});
            out += '\n';
            for (const load::FontSpec& font : layout.fonts) {
                const text::FontRequest font_request{font.family, font.weight, font.loc};
                out += "  " + font.name + ": " + font.family + " " + std::to_string(font.weight) +
                       " -> ";
                const auto choice = library.choose(font_request);
                if (!choice) {
                    out += tr("not found");
                    out += '\n';
                    // A finding of the listing (exit 3), not an error of it: render would stop
                    // here.
                    result.diagnostics.warning(
                        font.loc, tr("font family \"{0}\" was not found", {font.family}),
                        tr("`formpdf fonts` lists the families found; put the font file into "
                           "the project's fonts/ folder or ~/.local/share/fonts"));
                    continue;
                }
                out += choice->face.family + ", " + face_text(choice->face);
                if (!choice->stand_in_for.empty()) {
                    out += "  ";
                    out +=
                        tr("(stands in for {0}, which is not installed)", {choice->stand_in_for});
                }
                out += '\n';
            }
        }
        result.set_exit_code_from_diagnostics();
    });
}

} // namespace formpdf::app
