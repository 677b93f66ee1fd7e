#include "app/sign_job.h"

#include "core/file_io.h"
#include "core/local_time.h"
#include "core/messages.h"
#include "layout/text_box.h"
#include "load/layout_loader.h"
#include "pdf/named_boxes.h"
#include "pdf/pdf_signer.h"
#include "text/font_library.h"

#include <cmath>
#include <map>

namespace formpdf::app {
namespace {

constexpr std::size_t kMaxPdfBytes = std::size_t{1} << 30;
constexpr std::size_t kMaxCredentialBytes = std::size_t{1} << 20;
// Below this the signature text would not be legible on paper.
constexpr double kMinTextSizePt = 5;

std::string read_password(const SignRequest& request) {
    if (request.password_file) {
        std::string text = read_file(*request.password_file, kMaxCredentialBytes);
        const std::size_t line_end = text.find_first_of("\r\n");
        if (line_end != std::string::npos) {
            text.resize(line_end);
        }
        return text;
    }
    return request.password_env.value_or("");
}

pdf::CredentialFiles read_credentials(const SignRequest& request) {
    pdf::CredentialFiles files;
    if (request.p12) {
        files.p12_name = request.p12->string();
        files.p12_bytes = read_file(*request.p12, kMaxCredentialBytes);
    } else {
        files.cert_name = request.cert->string();
        files.cert_bytes = read_file(*request.cert, kMaxCredentialBytes);
        files.key_name = request.key->string();
        files.key_bytes = read_file(*request.key, kMaxCredentialBytes);
    }
    if (request.chain) {
        files.chain_name = request.chain->string();
        files.chain_bytes = read_file(*request.chain, kMaxCredentialBytes);
    }
    return files;
}

// The style with its size (and the line metrics that follow it) scaled by `factor`.
layout::ResolvedStyle scaled(const layout::ResolvedStyle& style, double factor) {
    layout::ResolvedStyle copy = style;
    copy.size_pt *= factor;
    copy.line_height_pt *= factor;
    copy.ascent_pt *= factor;
    copy.align = load::HAlign::Center; // a signature sits in the middle of its box
    return copy;
}

// Lays the text out in the box with the layout's "body" style, shrinking the type until every
// line fits, and centres the lines vertically.
pdf::SignatureAppearance appearance(const SignRequest& request, const SignatureBox& box,
                                    const std::string& text) {
    const load::LayoutSpec spec = request.layout
                                      ? load::load_layout_file(*request.layout)
                                      : load::load_layout_text("formpdf-layout: 1\n", "<defaults>");
    text::FontLibrary library(request.font_dirs, request.system_fonts);
    const layout::StyleSet styles(spec, library);
    const layout::ResolvedStyle& body = styles.get("body");

    layout::Page page;
    const double width = mm_to_pt(box.width_mm);
    const double height = mm_to_pt(box.height_mm);
    SourceLoc where;
    where.file = "--visible-text";
    for (double factor = 1;; factor *= 0.9) {
        const layout::ResolvedStyle style = scaled(body, factor);
        const layout::BrokenText broken = layout::break_text(styles, style, text, width, where);
        if (broken.height() <= height || style.size_pt * 0.9 < kMinTextSizePt) {
            if (broken.height() > height) {
                throw DiagnosticError(make_error(
                    where,
                    tr("the signature text does not fit in a {0}mm × {1}mm box",
                       {std::to_string(std::lround(box.width_mm)),
                        std::to_string(std::lround(box.height_mm))}),
                    tr("make the box larger (--visible) or the text shorter (--visible-text)")));
            }
            page.width = width;
            page.height = height;
            const double top = height - (height - broken.height()) / 2;
            layout::place_lines(broken, 0, broken.lines().size(), 0, top, width, page.items);
            break;
        }
    }

    pdf::SignatureAppearance look;
    look.page_index = box.page - 1;
    look.left_pt = mm_to_pt(box.x_mm);
    look.top_pt = mm_to_pt(box.y_mm);
    look.width_pt = width;
    look.height_pt = height;
    look.content = page;
    look.fonts = styles.fonts();
    return look;
}

// The box the layout named, from the input PDF's named destinations, in --visible's terms.
SignatureBox named_box(const SignRequest& request, std::string_view input) {
    const std::map<std::string, pdf::NamedRect> boxes =
        pdf::read_named_boxes(input, request.input.string());
    const auto found = boxes.find(*request.box_name);
    if (found == boxes.end()) {
        std::string names;
        for (const auto& [name, rect] : boxes) {
            names += (names.empty() ? "" : ", ") + name;
        }
        throw DiagnosticError(make_error(
            SourceLoc{request.input.string(), 0, 0},
            tr("this PDF has no box named '{0}'", {*request.box_name}),
            names.empty() ? std::string(tr("a box is named in the layout (`name: unit-seal` on a "
                                           "table cell) and recorded when the form is rendered; "
                                           "or place the signature with --visible PAGE:X,Y,W,H"))
                          : tr("boxes in this PDF: {0}", {names})));
    }
    const pdf::NamedRect& rect = found->second;
    return SignatureBox{rect.page_index + 1, pt_to_mm(rect.left_pt),
                        pt_to_mm(rect.page_height_pt - rect.bottom_pt - rect.height_pt),
                        pt_to_mm(rect.width_pt), pt_to_mm(rect.height_pt)};
}

} // namespace

JobResult sign(const SignRequest& request) {
    return run_job([&](JobResult&) {
        const pdf::SigningCredentials credentials = pdf::SigningCredentials::load(
            read_credentials(request), read_password(request), request.signing_time);
        const std::string input = read_file(request.input, kMaxPdfBytes);

        pdf::SignRequest sign_request;
        sign_request.input_name = request.input.string();
        sign_request.credentials = &credentials;
        sign_request.format = request.legacy_pkcs7 ? pdf::SignatureFormat::Pkcs7Detached
                                                   : pdf::SignatureFormat::PadesBaselineB;
        sign_request.signing_time = request.signing_time;
        sign_request.field_name = request.field_name;
        sign_request.reason = request.reason;
        sign_request.location = request.location;
        sign_request.contact_info = request.contact_info;
        std::optional<SignatureBox> box = request.visible;
        if (request.box_name) {
            box = named_box(request, input);
        }
        if (box) {
            // The date people read on the page is the signer's local date (TZ): signed at 07:30
            // Beijing time on 8 December shows 2026-12-08, not the UTC date.
            const std::string text =
                request.visible_text.value_or(credentials.subject_common_name() + "\n" +
                                              local_date_text(local_time(request.signing_time)));
            sign_request.appearance = appearance(request, *box, text);
        }
        write_file_atomically(request.output, pdf::sign_pdf(input, sign_request));
    });
}

} // namespace formpdf::app
