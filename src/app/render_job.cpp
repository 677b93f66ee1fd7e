#include "app/render_job.h"

#include "core/file_io.h"
#include "layout/document_layouter.h"
#include "layout/layout_dump.h"
#include "load/layout_loader.h"
#include "pdf/pdf_writer.h"
#include "text/font_library.h"

#include <formpdf/version.h>

namespace formpdf::app {

JobResult render(const RenderRequest& request) {
    return run_job([&](JobResult&) {
        const load::LayoutSpec spec = load::load_layout_file(request.input);
        std::vector<std::filesystem::path> dirs = request.font_dirs;
        text::FontLibrary fonts(dirs, request.system_fonts);
        const layout::Document document = layout::layout_document(spec, fonts);
        const std::string pdf_bytes =
            pdf::write_pdf(document, {request.creation_time, kProducer});
        if (request.dump_layout) {
            write_file_atomically(*request.dump_layout, layout::dump_layout_json(document));
        }
        write_file_atomically(request.output, pdf_bytes);
    });
}

} // namespace formpdf::app
