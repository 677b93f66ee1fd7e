#include "app/batch_job.h"

#include "app/batch_contents.h"
#include "app/batch_forms.h"
#include "app/batch_manifest.h"
#include "app/combined_navigation.h"
#include "app/declaration_files.h"
#include "app/layout_finder.h"
#include "app/output_naming.h"
#include "app/print_checks.h"
#include "app/progress.h"
#include "app/worker_threads.h"
#include "core/file_identity.h"
#include "core/file_io.h"
#include "core/folder_lock.h"
#include "core/messages.h"
#include "core/output_file.h"
#include "layout/document_layouter.h"
#include "layout/resolved_style.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "load/printed_fields.h"
#include "pdf/pdf_writer.h"
#include "pdf/streamed_pdf_writer.h"
#include "text/font_library.h"

#include <formpdf/version.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace formpdf::app {
namespace {

namespace fs = std::filesystem;
using namespace batch; // the batch's files, forms and outcomes (batch_forms.h)

// "1 error", "3 errors": the patterns are msgids ("{0} error"), one per English number.
std::string count(std::size_t n, const char* one, const char* many) {
    return tr(n == 1 ? one : many, {std::to_string(n)});
}

std::string findings_text(int errors, int warnings) {
    return tr("{0}, {1}",
              {count(static_cast<std::size_t>(errors), N_("{0} error"), N_("{0} errors")),
               count(static_cast<std::size_t>(warnings), N_("{0} warning"), N_("{0} warnings"))});
}

std::string stem_if_pdf(const std::string& file_name) {
    if (file_name.size() > 4) {
        std::string extension = file_name.substr(file_name.size() - 4);
        for (char& c : extension) {
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        if (extension == ".pdf") {
            return file_name.substr(0, file_name.size() - 4);
        }
    }
    return {};
}

class BatchRun {
public:
    BatchRun(const BatchRequest& request, BatchSummary& summary, std::ostream& log)
        : request_(request), summary_(summary), log_(log), jobs_(worker_count(request.jobs)),
          fonts_(request.font_dirs, request.system_fonts) {}

    void run(JobResult& result) {
        const auto start = std::chrono::steady_clock::now();
        create_output_dir();
        input_paths_ = collect_declaration_files(request_.inputs);
        if (refuse_outputs_that_are_inputs(result, {combined_path()})) {
            return;
        }
        load_files();
        make_forms();
        if (forms_.empty() && files_failed_ == 0) {
            throw DiagnosticError(
                make_error({}, tr("no declarations to print in {0}", {describe_inputs()}),
                           tr("give declaration files (*.yaml, *.yml) or folders that hold some")));
        }
        resolve_layouts();
        if (!order_forms(result)) {
            return;
        }
        name_outputs();
        if (!request_.combined.empty()) {
            load_combined_layouts();
        }
        if (refuse_outputs_that_are_inputs(result, output_paths())) {
            return;
        }
        // From here on the batch writes: one batch at a time in a folder (exit 4 for the second),
        // so that the files and the manifest of the folder are one batch's.
        std::optional<FolderLock> lock;
        try {
            lock.emplace(request_.output_dir, "batch");
        } catch (const IoError&) {
            summary_ = BatchSummary{}; // nothing was done
            throw;
        }
        remove_stale_temporaries(request_.output_dir);
        previous_outputs_ = read_batch_manifest(request_.output_dir, result_diagnostics_);
        try {
            if (!request_.combined.empty()) {
                open_combined();
            }
            render_forms();
            if (writer_) {
                finish_combined();
            }
            flush_outputs();
        } catch (...) {
            settle_outputs(); // an aborted batch leaves no earlier output behind either
            result.diagnostics = std::move(result_diagnostics_);
            throw;
        }
        settle_outputs();
        summary_.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        report(result);
    }

private:
    void create_output_dir() const {
        std::error_code error;
        fs::create_directories(request_.output_dir, error);
        if (error) {
            throw IoError(tr("cannot create the output folder {0}: {1}",
                             {request_.output_dir.string(), error.message()}));
        }
    }

    std::optional<fs::path> combined_path() const {
        if (request_.combined.empty()) {
            return std::nullopt;
        }
        return path_in(request_.output_dir, request_.combined, "");
    }

    std::vector<std::optional<fs::path>> output_paths() const {
        std::vector<std::optional<fs::path>> paths{combined_path()};
        if (request_.forms) {
            for (const Form& form : forms_) {
                paths.emplace_back(form.output);
            }
        }
        return paths;
    }

    // An output that would replace an input (a declaration, a layout) is a mistake on the command
    // line: refused, exit 64, before anything is written (docs/security.md, "Output files").
    bool refuse_outputs_that_are_inputs(JobResult& result,
                                        const std::vector<std::optional<fs::path>>& outputs) const {
        FileIdentities inputs;
        for (const fs::path& input : input_paths_) {
            inputs.add(input);
        }
        for (const std::optional<fs::path>& layout :
             {request_.layout, request_.contents_layout, request_.blank_layout}) {
            if (layout) {
                inputs.add(*layout);
            }
        }
        for (const auto& [path, entry] : layouts_) {
            inputs.add(path);
        }
        for (const std::optional<fs::path>& output : outputs) {
            if (!output) {
                continue;
            }
            if (const fs::path* input = inputs.find(*output)) {
                result.diagnostics.add(make_error(
                    {},
                    tr("the output {0} is the input {1}; nothing was written",
                       {output->string(), input->string()}),
                    tr("write into another folder (-o), or name the combined file otherwise")));
                result.exit_code = ExitCode::Usage;
                summary_ = BatchSummary{}; // nothing was done
                return true;
            }
        }
        return false;
    }

    // What the folder holds after the batch: this batch's files, never an earlier batch's that
    // this one did not write again (removed and listed in the summary), and the manifest saying
    // which is which (batch_manifest.h). Never throws: it also runs on the way out of an error.
    void settle_outputs() noexcept {
        try {
            Diagnostics diagnostics;
            const StaleRemoval removal =
                remove_stale_outputs(request_.output_dir, previous_outputs_, written_, diagnostics);
            for (const std::string& name : removal.removed) {
                summary_.removed.push_back(request_.output_dir / name);
            }
            std::set<std::string> listed = written_;
            listed.insert(removal.kept.begin(), removal.kept.end());
            if (!removal.kept.empty()) {
                worst_ = std::max(worst_, Failure::Io);
            }
            append_diagnostics(diagnostics);
            write_batch_manifest(request_.output_dir, listed);
        } catch (const std::exception& error) {
            result_diagnostics_.add(make_error({}, error.what()));
            worst_ = std::max(worst_, Failure::Io);
        }
    }

    std::string describe_inputs() const {
        std::string text;
        for (const fs::path& input : request_.inputs) {
            text += (text.empty() ? "" : ", ") + input.string();
        }
        return text.empty() ? std::string(tr("(no input)")) : text;
    }

    void load_files() {
        const std::vector<fs::path>& paths = input_paths_;
        files_.resize(paths.size());
        const auto load = [&](std::size_t i) {
            files_[i].path = paths[i];
            files_[i].outcome.run(
                [&] { files_[i].declarations = load::load_declarations_file(paths[i]); });
        };
        // The layout most forms use, named by the first file's form, is loaded with its fonts,
        // and the text engine readied for them, on one more thread while the files are read.
        // Before, the fonts took ~2 ms after the reading, and every worker met HarfBuzz's cold
        // start on its first form (4.7 ms instead of 0.4). The first file is only peeked at for
        // its `form:` (its first lines): parsed whole first, alone, it held up the layout and
        // the other files by ~0.35 ms with yaml-cpp (docs/performance.md, item 4).
        std::jthread early_layout; // joined when done, or on the way out of an exception
        if (!paths.empty() && jobs_ > 1) {
            if (const std::optional<fs::path> layout = layout_of_first_file(paths[0])) {
                early_layout = std::jthread([this, path = *layout] { ready_layout(path); });
            }
        }
        parallel_for(paths.size(), jobs_, load);
        if (early_layout.joinable()) {
            early_layout.join();
        }
        for (LoadedFile& file : files_) {
            if (file.outcome.failure != Failure::None) {
                add_failure(file.outcome, file.path.string());
                ++files_failed_;
            }
        }
    }

    void make_forms() {
        for (std::size_t f = 0; f < files_.size(); ++f) {
            const LoadedFile& file = files_[f];
            for (std::size_t d = 0; d < file.declarations.size(); ++d) {
                const load::Declaration& declaration = file.declarations[d];
                Form form;
                form.declaration = &declaration;
                form.file = f;
                form.document = d;
                form.loc = declaration.loc;
                form.input_order = forms_.size();
                read_batch_fields(form);
                forms_.push_back(std::move(form));
            }
        }
        summary_.forms = forms_.size();
    }

    // The code, name, unit and amount of a form, from the fields its layout names (the
    // defaults until its layout is known).
    static void read_batch_fields(Form& form) {
        const load::BatchFields& fields = batch_fields_of(form);
        form.code = field_text(*form.declaration, fields.code);
        form.name = field_text(*form.declaration, fields.name);
        form.unit = field_text(*form.declaration, fields.unit);
        form.amount = field_text(*form.declaration, fields.amount);
    }

    // Puts the forms in the batch order (docs/batch.md, "Order"), once their layouts are known.
    // A sort field that neither a declaration nor a form definition has is a mistake on the
    // command line (or in the layout): refused, exit 64, before anything is written.
    bool order_forms(JobResult& result) {
        for (Form& form : forms_) {
            read_batch_fields(form);
        }
        const load::BatchFields* first =
            forms_.empty() || !forms_.front().spec ? nullptr : &forms_.front().spec->batch;
        std::string sort = request_.sort;
        if (sort.empty()) {
            sort = first && !first->sort.empty() ? first->sort : std::string("code");
        }
        SortCollation collation = SortCollation::Text;
        if (request_.collation) {
            collation = *request_.collation;
        } else if (first && first->collation == "pinyin") {
            collation = SortCollation::Pinyin;
        }
        if (!is_sort_role(sort) && !sort_field_exists(sort)) {
            result.diagnostics.add(make_error(
                {}, tr("no form has the field '{0}' to sort by; nothing was written", {sort}),
                tr("--sort takes code, name, unit, amount (the fields each layout's `batch:` "
                   "names), input, or a field id of the declarations, e.g. project_type")));
            result.exit_code = ExitCode::Usage;
            summary_ = BatchSummary{};
            return false;
        }
        std::vector<std::string> keys;
        keys.reserve(forms_.size());
        for (const Form& form : forms_) {
            keys.push_back(sort_key_of(form, sort));
        }
        const std::vector<std::size_t> order = sorted_order(keys, collation, sort == "amount");
        std::vector<Form> sorted;
        sorted.reserve(forms_.size());
        for (const std::size_t index : order) {
            sorted.push_back(std::move(forms_[index]));
        }
        forms_ = std::move(sorted);
        return true;
    }

    bool sort_field_exists(const std::string& id) const {
        return std::any_of(forms_.begin(), forms_.end(), [&](const Form& form) {
            return (form.declaration && form.declaration->field(id)) ||
                   (form.spec && form.spec->form && form.spec->form->find_field(id));
        });
    }

    // The layout the first file's first declaration asks for, when it can be told without errors
    // (errors are reported when every form's layout is resolved).
    std::optional<fs::path> layout_of_first_file(const fs::path& file) const {
        if (request_.layout) {
            return request_.layout;
        }
        try {
            if (const std::optional<load::TextValue> form = load::peek_declared_form(file)) {
                return find_layout(*form, request_.layout_dirs);
            }
        } catch (const std::exception&) {
        }
        return std::nullopt;
    }

    // On its own thread, while the other files are read (nothing else uses the fonts or the
    // layouts meanwhile): the layout and its fonts, the text engine readied for them, and the
    // fonts read as the PDF stage needs them.
    void ready_layout(const fs::path& path) noexcept {
        try {
            const LayoutEntry& entry = layout_at(path);
            if (entry.spec) {
                layout::StyleSet(*entry.spec, fonts_).warm_up();
                // The fonts' checks and CID-keyed programs, read once per process, would
                // otherwise be read on the serial path, when the combined file is opened.
                pdf::read_fonts_ahead(fonts_.resources());
            }
        } catch (const std::exception&) {
            // Whatever failed fails again, and is reported, when the forms' layouts are resolved.
        }
    }

    // Loads a layout once and its fonts with it; a failure is remembered for every form using it.
    LayoutEntry& layout_at(const fs::path& path) {
        auto [it, inserted] = layouts_.try_emplace(path);
        if (inserted) {
            try {
                it->second.spec = std::make_unique<load::LayoutSpec>(load::load_layout_file(path));
                const layout::StyleSet preload(*it->second.spec, fonts_);
            } catch (const DiagnosticError& error) {
                it->second.spec.reset();
                it->second.error = error;
            } catch (...) {
                layouts_.erase(it); // not remembered: tried again, and reported, by the next use
                throw;
            }
        }
        return it->second;
    }

    void resolve_layouts() {
        for (Form& form : forms_) {
            try {
                const fs::path path =
                    request_.layout ? *request_.layout
                                    : find_layout(form.declaration->form, request_.layout_dirs);
                const LayoutEntry& entry = layout_at(path);
                if (entry.error) {
                    form.error = entry.error;
                } else {
                    form.spec = entry.spec.get();
                }
            } catch (const DiagnosticError& error) {
                form.error = error;
            }
        }
    }

    void name_outputs() {
        std::vector<std::string> names;
        names.reserve(forms_.size());
        for (const Form& form : forms_) {
            names.push_back(safe_file_name(
                request_.name_pattern.empty()
                    ? form.code + (form.code.empty() || form.name.empty() ? "" : "-") + form.name
                    : expand_name_pattern(request_.name_pattern, *form.declaration)));
        }
        std::vector<std::string> reserved;
        if (const std::string stem = stem_if_pdf(request_.combined); !stem.empty()) {
            reserved.push_back(stem);
        }
        names = distinct_names(names, reserved);
        for (std::size_t i = 0; i < forms_.size(); ++i) {
            forms_[i].output = path_in(request_.output_dir, names[i], ".pdf");
        }
    }

    // Held for the whole batch, thousands of parsed declarations made memory grow with the batch
    // (187 MiB at 4,100 forms). Past request_.declarations_held forms, a file's declarations are
    // freed by the worker that renders its last form. Each file is parsed once: dropping them
    // after sorting and reading them again in the workers (before issue 15) made a large batch
    // parse every file twice, and yaml-cpp's parse is half the instructions of a form.
    void count_unrendered() {
        unrendered_ = std::vector<std::atomic<std::size_t>>(files_.size());
        for (const Form& form : forms_) {
            unrendered_[form.file].fetch_add(1, std::memory_order_relaxed);
        }
    }

    void release_rendered(const Form& form) {
        if (forms_.size() <= request_.declarations_held) {
            return; // small batches keep them: freeing costs more than it saves
        }
        if (unrendered_[form.file].fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::vector<load::Declaration>().swap(files_[form.file].declarations);
        }
    }

    // Loads the contents and blank-page layouts (and their fonts) before any worker starts and
    // before anything is written (a missing one stops the batch with nothing touched).
    void load_combined_layouts() {
        const auto find = [&](const std::optional<fs::path>& given, const char* id) {
            return given ? *given : find_layout({id, {}}, request_.layout_dirs);
        };
        if (request_.contents) {
            contents_spec_ = &require_layout(find(request_.contents_layout, "batch-contents"));
            keep_contents_fields();
        }
        if (request_.duplex) {
            const load::LayoutSpec& blank =
                require_layout(find(request_.blank_layout, "batch-blank"));
            blank_page_ = layout::layout_document(blank, fonts_);
        }
    }

    // Opens the combined file: its font table is the library's, complete since
    // load_combined_layouts() (no font is loaded between them).
    void open_combined() {
        writer_ = std::make_unique<pdf::StreamedPdfWriter>(
            *combined_path(), fonts_.resources(),
            pdf::PdfOptions{request_.creation_time, kProducer, false});
    }

    const load::LayoutSpec& require_layout(const fs::path& path) {
        const LayoutEntry& entry = layout_at(path);
        if (entry.error) {
            throw *entry.error;
        }
        return *entry.spec;
    }

    Rendered render_one(const Form& form) {
        Rendered rendered;
        Outcome& outcome = rendered.outcome;
        if (form.error) {
            for (const Diagnostic& diagnostic : form.error->diagnostics()) {
                outcome.diagnostics.add(diagnostic);
            }
            outcome.failure = Failure::Input;
            return rendered;
        }
        outcome.run([&] {
            const load::Declaration& declaration = *form.declaration;
            if (!check_before_print(declaration, *form.spec, request_.strict, outcome.diagnostics)
                     .print) {
                outcome.failure = Failure::Input;
                return;
            }
            // Every font of the layout is loaded: FontLibrary::load only reads from here on.
            layout::Document document = layout::layout_forms(*form.spec, {&declaration}, fonts_);
            const pdf::PdfOptions options{request_.creation_time, kProducer, form.spec->pdfa};
            // Each page is built and compressed once, for the combined file and the form's own.
            if (writer_) {
                rendered.prepared = writer_->prepare(document);
            }
            if (request_.forms) {
                write_file_atomically(
                    form.output,
                    pdf::write_pdf(document, options, writer_ ? &rendered.prepared.pages : nullptr),
                    Durability::Deferred); // flushed together by flush_outputs()
            }
            rendered.pages = document.pages.size();
            if (!document.outlines.empty()) {
                rendered.bookmark = document.outlines.front().title;
            }
            if (!document.pages.empty()) {
                rendered.first_page = {document.pages.front().width, document.pages.front().height};
            }
        });
        return rendered;
    }

    // Workers render forms in any order, at most `window` ahead of the one the combined file
    // waits for; this thread takes the results strictly in order. So the bytes never depend on
    // timing, and memory holds a bounded number of laid-out forms whatever the batch size.
    void render_forms() {
        const std::size_t count = forms_.size();
        const std::size_t window = std::max<std::size_t>(8, 4 * jobs_);
        std::vector<Rendered> slots(count);
        std::mutex mutex;
        std::condition_variable changed;
        std::size_t next = 0;
        std::size_t consumed = 0;

        const auto work = [&] {
            for (;;) {
                std::size_t i = 0;
                {
                    std::unique_lock lock(mutex);
                    changed.wait(lock, [&] { return next >= count || next < consumed + window; });
                    if (next >= count) {
                        return;
                    }
                    i = next++;
                }
                Rendered rendered = render_one(forms_[i]);
                release_rendered(forms_[i]);
                rendered.done = true;
                {
                    const std::lock_guard lock(mutex);
                    slots[i] = std::move(rendered);
                }
                changed.notify_all();
            }
        };
        count_unrendered();
        std::vector<std::thread> workers;
        for (std::size_t t = 0; t < std::min<std::size_t>(jobs_, count); ++t) {
            workers.emplace_back(work);
        }
        Progress progress(log_, count, request_.progress);
        for (std::size_t i = 0; i < count; ++i) {
            Rendered rendered;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return slots[i].done; });
                rendered = std::move(slots[i]);
                consumed = i + 1;
            }
            changed.notify_all();
            take(forms_[i], std::move(rendered));
            progress.update(i + 1, forms_[i].code + " " + forms_[i].name);
            if (request_.on_progress) {
                request_.on_progress(i + 1, count);
            }
        }
        progress.clear();
        for (std::thread& worker : workers) {
            worker.join();
        }
    }

    void take(const Form& form, Rendered rendered) {
        summary_.warnings +=
            static_cast<std::size_t>(rendered.outcome.diagnostics.count(Severity::Warning));
        if (rendered.outcome.failure != Failure::None) {
            add_failure(rendered.outcome, describe(form));
            return;
        }
        append_diagnostics(rendered.outcome.diagnostics);
        const int errors = count_findings(form, rendered.outcome.diagnostics);
        ++summary_.rendered;
        summary_.pages += rendered.pages;
        if (request_.forms) {
            written_.insert(form.output.filename().string());
        }
        if (!writer_ || combined_failed_) {
            return;
        }
        try {
            if (request_.duplex && writer_->page_count() % 2 == 1) {
                add_blank_page(rendered.first_page);
            }
            const int first = writer_->add_pages(std::move(rendered.prepared));
            entries_.push_back(
                {&form, first,
                 rendered.bookmark.empty() ? form.code + " " + form.name : rendered.bookmark,
                 errors});
        } catch (const std::exception& error) {
            combined_failed_ = true;
            result_diagnostics_.add(make_error({}, tr("combined file: {0}", {error.what()})));
            worst_ = std::max(worst_, Failure::Io);
        }
    }

    // An "intentionally blank" page the size of `like`, so that the next form starts on an odd
    // page.
    void add_blank_page(const PageSize& like) {
        layout::Document blank = blank_page_;
        blank.pages.resize(1);
        blank.pages[0].width = like.width;
        blank.pages[0].height = like.height;
        writer_->add_pages(writer_->prepare(blank));
    }

    // The forms' own files, and the combined file, are flushed to disk once, here, not one by one
    // (file_io.h Durability).
    void flush_outputs() {
        const bool wrote_forms = request_.forms && summary_.rendered > 0;
        if (!wrote_forms && !summary_.combined) {
            return;
        }
        try {
            flush_file_system(request_.output_dir);
        } catch (const IoError& error) {
            result_diagnostics_.add(make_error({}, error.what()));
            worst_ = std::max(worst_, Failure::Io);
        }
    }

    void finish_combined() {
        if (combined_failed_ || (summary_.failed > 0 && !request_.keep_going)) {
            if (!combined_failed_) {
                result_diagnostics_.add(make_error(
                    {},
                    tr("the combined file {0} was not written: {1} of {2} declarations failed",
                       {request_.combined, std::to_string(summary_.failed),
                        std::to_string(summary_.forms + files_failed_)}),
                    tr("fix the declarations above, or pass --keep-going to print the others")));
            }
            writer_.reset(); // removes the partial file
            return;
        }
        Outcome outcome;
        outcome.run([&] {
            int front_pages = 0;
            if (contents_spec_) {
                layout::Document contents = layout_contents();
                if (request_.duplex && contents.pages.size() % 2 == 1) {
                    layout::Document blank = blank_page_;
                    blank.pages.resize(1);
                    blank.pages[0].width = contents.pages.back().width;
                    blank.pages[0].height = contents.pages.back().height;
                    contents.pages.push_back(std::move(blank.pages[0]));
                }
                front_pages = static_cast<int>(contents.pages.size());
                writer_->add_front_pages(contents);
            }
            pdf::StreamedFinish finish;
            const std::vector<CombinedForm> forms = combined_forms();
            finish.title = combined_title(forms);
            finish.outlines = combined_outlines(forms, front_pages);
            if (front_pages > 0) {
                finish.page_labels.push_back({0, "r", "", 1});
            }
            finish.page_labels.push_back({front_pages, "D", "", 1});
            writer_->finish(finish);
            summary_.combined = combined_path();
            written_.insert(request_.combined);
            summary_.combined_pages = static_cast<std::size_t>(front_pages + writer_->page_count());
        });
        if (outcome.failure != Failure::None) {
            append_diagnostics(outcome.diagnostics);
            worst_ = std::max(worst_, outcome.failure);
        }
        writer_.reset();
    }

    // The contents layout may show any field of the forms in its `entries` row: those are kept
    // with each form, before the declarations may be released.
    void keep_contents_fields() {
        const load::PrintedFields printed = load::printed_fields(*contents_spec_);
        const load::PrintedFields::Tree* entries = printed.tree("entries");
        if (!entries) {
            return;
        }
        for (Form& form : forms_) {
            for (const std::string& id : entries->row_fields) {
                if (const load::TextValue* value =
                        form.declaration ? form.declaration->field(id) : nullptr) {
                    form.contents_fields.emplace_back(id, value->text);
                }
            }
        }
    }

    layout::Document layout_contents() {
        std::vector<ContentsEntry> entries;
        for (const Entry& entry : entries_) {
            entries.push_back({entry.form->code, entry.form->name, entry.form->amount,
                               entry.first_page + 1, entry.errors, entry.form->contents_fields});
        }
        const load::Declaration contents =
            contents_declaration(entries, combined_unit(combined_forms()), summary_.missing);
        return layout::layout_forms(*contents_spec_, {&contents}, fonts_);
    }

    // The forms of the combined file, in order, as its title and bookmarks need them.
    std::vector<CombinedForm> combined_forms() const {
        std::vector<CombinedForm> forms;
        forms.reserve(entries_.size());
        for (const Entry& entry : entries_) {
            forms.push_back(
                {entry.form->unit, entry.title, entry.form->spec->title, entry.first_page});
        }
        return forms;
    }

    std::string describe(const Form& form) const {
        const SourceLoc& loc = form.loc;
        std::string text =
            loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
        if (!form.code.empty() || !form.name.empty()) {
            text += " " + form.code + (form.code.empty() ? "" : " ") + form.name;
        }
        return text;
    }

    // A printed form's errors (of the checks: it was printed as written) and warnings, for the
    // summary; returns the errors.
    int count_findings(const Form& form, const Diagnostics& diagnostics) {
        const int errors = diagnostics.count(Severity::Error);
        const int warnings = diagnostics.count(Severity::Warning);
        summary_.errors += static_cast<std::size_t>(errors);
        summary_.forms_with_errors += errors > 0 ? 1 : 0;
        if (errors + warnings > 0) {
            summary_.findings.push_back(describe(form) + ": " + findings_text(errors, warnings));
        }
        return errors;
    }

    void add_failure(const Outcome& outcome, const std::string& what) {
        append_diagnostics(outcome.diagnostics);
        worst_ = std::max(worst_, outcome.failure);
        ++summary_.failed;
        summary_.missing.push_back(what);
    }

    void append_diagnostics(const Diagnostics& diagnostics) {
        for (const Diagnostic& diagnostic : diagnostics.items()) {
            result_diagnostics_.add(diagnostic);
        }
    }

    void report(JobResult& result) {
        result.diagnostics = std::move(result_diagnostics_);
        switch (worst_) {
        case Failure::None:
            // Every form was printed: an error of the checks printed with its form is a finding,
            // "done, with findings", as a warning is.
            result.set_exit_code_from_diagnostics();
            if (result.exit_code == ExitCode::InputError) {
                result.exit_code = ExitCode::Warnings;
            }
            break;
        case Failure::Input:
            result.exit_code = ExitCode::InputError;
            break;
        case Failure::Io:
            result.exit_code = ExitCode::IoError;
            break;
        case Failure::Internal:
            result.exit_code = ExitCode::Internal;
            break;
        }
    }

    struct Entry {
        const Form* form = nullptr;
        int first_page = 0; // among the forms' pages of the combined file
        std::string title;  // the form's bookmark, as its layout words it
        int errors = 0;     // errors of the checks, printed with the form
    };

    const BatchRequest& request_;
    BatchSummary& summary_;
    std::ostream& log_;
    unsigned jobs_;
    text::FontLibrary fonts_;
    std::vector<fs::path> input_paths_;
    std::vector<LoadedFile> files_;
    std::vector<std::atomic<std::size_t>> unrendered_; // per file: its forms not yet rendered
    std::size_t files_failed_ = 0;
    std::set<std::string> previous_outputs_; // the manifest's, as the batch found it
    std::set<std::string> written_;          // file names this batch wrote in output_dir
    std::vector<Form> forms_;
    std::map<fs::path, LayoutEntry> layouts_;
    const load::LayoutSpec* contents_spec_ = nullptr;
    layout::Document blank_page_;
    std::unique_ptr<pdf::StreamedPdfWriter> writer_;
    bool combined_failed_ = false;
    std::vector<Entry> entries_;
    Diagnostics result_diagnostics_;
    Failure worst_ = Failure::None;
};

} // namespace

JobResult run_batch(const BatchRequest& request, BatchSummary& summary, std::ostream& log) {
    return run_job([&](JobResult& result) {
        auto run = std::make_unique<BatchRun>(request, summary, log);
        run->run(result);
        if (!request.free_memory) {
            // Kept reachable, so that a leak checker does not report it.
            static std::vector<std::unique_ptr<BatchRun>> left_to_exit;
            left_to_exit.push_back(std::move(run));
        }
    });
}

} // namespace formpdf::app
