#include "app/workbook_job.h"

#include "app/layout_cache.h"
#include "app/layout_finder.h"
#include "core/file_identity.h"
#include "core/messages.h"
#include "core/output_file.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "workbook_writer/form_sheet.h"
#include "workbook_writer/sheet_names.h"
#include "workbook_writer/xlsx_writer.h"

#include <map>

namespace formpdf::app {

namespace {

std::string trimmed(const std::string& text) {
    const std::size_t begin = text.find_first_not_of(' ');
    const std::size_t end = text.find_last_not_of(' ');
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

// The layout's bookmark with the declaration's values put in ("{project_name}").
std::string bookmark_text(const load::LayoutSpec& layout, const load::Declaration& declaration) {
    std::string out;
    const std::string& format = layout.bookmark;
    for (std::size_t i = 0; i < format.size();) {
        const std::size_t close = format[i] == '{' ? format.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += format[i++];
            continue;
        }
        if (const load::TextValue* value = declaration.field(format.substr(i + 1, close - i - 1))) {
            out += value->text;
        }
        i = close + 1;
    }
    return trimmed(out);
}

// What a form's sheet is called: its code (项目编码, the import's file name), else its bookmark
// text, else the form's title.
std::string wanted_sheet_name(const load::LayoutSpec& layout,
                              const load::Declaration* declaration) {
    if (declaration && layout.form) {
        for (const load::FieldDefinition& field : layout.form->fields) {
            const load::TextValue* value =
                field.kind == load::FieldKind::Code ? declaration->field(field.id) : nullptr;
            if (value && !trimmed(value->text).empty()) {
                return value->text;
            }
        }
    }
    if (declaration) {
        if (std::string text = bookmark_text(layout, *declaration); !text.empty()) {
            return text;
        }
    }
    return layout.form && !layout.form->title.empty() ? layout.form->title : layout.title;
}

bool usage_error(const WorkbookRequest& request, JobResult& result) {
    const auto refuse = [&](std::string message, std::string hint) {
        result.diagnostics.add(make_error({}, std::move(message), std::move(hint)));
        result.exit_code = ExitCode::Usage;
        return true;
    };
    if (request.blank && !request.inputs.empty()) {
        return refuse(tr("--blank writes the empty form: give it without declarations"),
                      tr("write the declarations and the blank form as two workbooks"));
    }
    if (!request.blank && request.inputs.empty()) {
        return refuse(tr("no declarations to write"),
                      tr("give declaration files, or --blank FORM"));
    }
    FileIdentities inputs;
    for (const std::filesystem::path& input : request.inputs) {
        inputs.add(input);
    }
    if (const std::filesystem::path* input = inputs.find(request.output)) {
        return refuse(
            tr("the output {0} is the input {1}", {request.output.string(), input->string()}),
            tr("write the workbook under another name, e.g. forms.xlsx"));
    }
    return false;
}

} // namespace

JobResult write_workbook(const WorkbookRequest& request) {
    return run_job([&](JobResult& result) {
        if (usage_error(request, result)) {
            return;
        }
        LayoutCache layouts;
        std::vector<workbook_writer::Sheet> sheets;
        std::vector<std::string> wanted;
        std::string title;
        if (request.blank) {
            std::error_code ec;
            const std::filesystem::path path =
                std::filesystem::is_regular_file(*request.blank, ec)
                    ? std::filesystem::path(*request.blank)
                    : find_layout(load::TextValue{*request.blank, SourceLoc{"--blank", 0, 0}},
                                  request.layout_dirs);
            const load::LayoutSpec& layout = layouts.get(path);
            sheets.push_back(workbook_writer::form_sheet(layout, nullptr));
            wanted.push_back(wanted_sheet_name(layout, nullptr));
            title = layout.title;
        }
        for (const std::filesystem::path& input : request.inputs) {
            for (const load::Declaration& declaration : load::load_declarations_file(input)) {
                const std::filesystem::path path =
                    find_layout(declaration.form, request.layout_dirs);
                const load::LayoutSpec& layout = layouts.get(path);
                sheets.push_back(workbook_writer::form_sheet(layout, &declaration));
                workbook_writer::report_unplaced_values(sheets.back(), declaration, path.string(),
                                                        result.diagnostics);
                wanted.push_back(wanted_sheet_name(layout, &declaration));
                if (title.empty()) {
                    title = layout.title;
                }
            }
        }
        if (result.diagnostics.has_errors()) {
            result.exit_code = ExitCode::InputError;
            return; // nothing written: a value would be lost
        }
        const std::vector<std::string> names = workbook_writer::unique_sheet_names(wanted);
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            sheets[i].name = names[i];
        }
        const std::string bytes =
            workbook_writer::write_xlsx(sheets, {title, request.creation_time});
        OutputFile file(request.output);
        file.write(bytes);
        const std::filesystem::path dir = request.output.parent_path();
        remove_stale_temporaries(dir.empty() ? std::filesystem::path(".") : dir);
        file.commit(Durability::Now);
    });
}

} // namespace formpdf::app
