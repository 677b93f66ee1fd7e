#include "workbook/xlsx_reader.h"

#include "core/messages.h"
#include "workbook/number_format.h"
#include "workbook/sheet_builder.h"
#include "workbook/xml_reader.h"
#include "workbook/zip_archive.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace formpdf::workbook {

namespace {

[[noreturn]] void refuse(const std::string& where, std::string message, std::string hint = {}) {
    throw DiagnosticError(make_error(SourceLoc{where, 0, 0}, std::move(message), std::move(hint)));
}

void parse_part(ZipArchive& zip, const std::string& part, XmlHandler& handler,
                const std::string& file, const WorkbookLimits& limits) {
    XmlReader reader(handler, file + ": " + part, limits);
    zip.read(part, [&](std::string_view chunk) { reader.feed(chunk); });
    reader.finish();
}

bool is_true(const char* value) {
    return value && (std::string_view(value) == "1" || std::string_view(value) == "true");
}

std::optional<long> to_long(const char* text) {
    if (!text) {
        return std::nullopt;
    }
    const std::string_view view(text);
    long value = 0;
    const auto result = std::from_chars(view.data(), view.data() + view.size(), value);
    if (result.ec != std::errc() || result.ptr != view.data() + view.size()) {
        return std::nullopt;
    }
    return value;
}

// Excel writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_).
std::string unescape_excel(std::string text) {
    if (text.find("_x") == std::string::npos) {
        return text;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "_x") == 0 && i + 6 < text.size() + 0 && text[i + 6] == '_' &&
            std::all_of(text.begin() + static_cast<long>(i) + 2,
                        text.begin() + static_cast<long>(i) + 6,
                        [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
            unsigned code = 0;
            std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
            if (code < 0x80) {
                out += static_cast<char>(code);
            } else if (code < 0x800) {
                out += static_cast<char>(0xC0 | (code >> 6));
                out += static_cast<char>(0x80 | (code & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (code >> 12));
                out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (code & 0x3F));
            }
            i += 6;
        } else {
            out += text[i];
        }
    }
    return out;
}

// "xl/worksheets/../sharedStrings.xml" -> "xl/sharedStrings.xml"; a target starting with '/' is
// from the archive's root.
std::string resolve_part(const std::string& base_dir, std::string_view target) {
    std::string path =
        target.starts_with('/') ? std::string(target.substr(1)) : base_dir + std::string(target);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        const std::string part = path.substr(start, end - start);
        if (part == "..") {
            if (!parts.empty()) {
                parts.pop_back();
            }
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string resolved;
    for (const std::string& part : parts) {
        resolved += (resolved.empty() ? "" : "/") + part;
    }
    return resolved;
}

std::string folder_of(const std::string& part) {
    const std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// _rels/*.rels: relationship id -> (type, target part).
struct Relationship {
    std::string type;
    std::string target;
};

class RelationshipsHandler : public XmlHandler {
public:
    explicit RelationshipsHandler(std::string base_dir) : base_dir_(std::move(base_dir)) {}
    std::map<std::string, Relationship> relationships;

    void start(std::string_view name, const XmlAttributes& attributes) override {
        const char* id = attributes.get("Id");
        const char* target = attributes.get("Target");
        const char* mode = attributes.get("TargetMode");
        if (name == "Relationship" && id && target &&
            !(mode && std::string_view(mode) == "External")) {
            const char* type = attributes.get("Type");
            relationships[id] = Relationship{type ? type : "", resolve_part(base_dir_, target)};
        }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}

private:
    std::string base_dir_;
};

struct SheetEntry {
    std::string name;
    std::string relationship;
    bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
public:
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
    std::size_t max_sheets = 0;
    std::string file;

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (name == "sheet") {
            const char* sheet_name = attributes.get("name");
            const char* id = attributes.get("id");
            const char* state = attributes.get("state");
            if (sheets.size() >= max_sheets) {
                refuse(file, tr("the workbook has more than {0} sheets: refused",
                                {std::to_string(max_sheets)}));
            }
            sheets.push_back(SheetEntry{sheet_name ? sheet_name : "", id ? id : "",
                                        state && std::string_view(state) != "visible"});
        } else if (name == "workbookPr") {
            date1904 = is_true(attributes.get("date1904"));
        }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
};

// Collects the text of <t> elements inside an element (a shared string, an inline string),
// leaving out phonetic runs (<rPh>), which a person does not see in the cell.
class StringCollector {
public:
    explicit StringCollector(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    void start(std::string_view name) {
        if (name == "rPh") {
            ++phonetic_;
        } else if (name == "t" && phonetic_ == 0) {
            in_text_ = true;
        }
    }
    void end(std::string_view name) {
        if (name == "rPh") {
            --phonetic_;
        } else if (name == "t") {
            in_text_ = false;
        }
    }
    // False when the text grew past the cap.
    bool text(std::string_view text) {
        if (in_text_) {
            text_.append(text);
        }
        return text_.size() <= max_bytes_;
    }
    std::string take() {
        std::string text = unescape_excel(std::move(text_));
        text_.clear();
        in_text_ = false;
        phonetic_ = 0;
        return text;
    }

private:
    std::size_t max_bytes_;
    std::string text_;
    bool in_text_ = false;
    int phonetic_ = 0;
};

class SharedStringsHandler : public XmlHandler {
public:
    SharedStringsHandler(const WorkbookLimits& limits, std::string where)
        : limits_(limits), where_(std::move(where)), collector_(limits.max_cell_bytes) {}
    std::vector<std::string> strings;

    void start(std::string_view name, const XmlAttributes&) override {
        if (name == "si") {
            in_item_ = true;
            collector_.take();
        } else if (in_item_) {
            collector_.start(name);
        }
    }
    void end(std::string_view name) override {
        if (name == "si") {
            in_item_ = false;
            if (strings.size() >= limits_.max_shared_strings) {
                refuse(where_, tr("the shared-string table has more than {0} strings: refused",
                                  {std::to_string(limits_.max_shared_strings)}));
            }
            strings.push_back(collector_.take());
            bytes_ += strings.back().size();
            if (bytes_ > limits_.max_shared_string_bytes) {
                refuse(where_, tr("the shared strings hold more than {0} MiB of text: refused",
                                  {std::to_string(limits_.max_shared_string_bytes >> 20)}));
            }
        } else if (in_item_) {
            collector_.end(name);
        }
    }
    void text(std::string_view text) override {
        if (in_item_ && !collector_.text(text)) {
            refuse(where_, tr("a shared string is longer than {0} bytes: refused",
                              {std::to_string(limits_.max_cell_bytes)}));
        }
    }

private:
    const WorkbookLimits& limits_;
    std::string where_;
    StringCollector collector_;
    bool in_item_ = false;
    std::size_t bytes_ = 0;
};

// styles.xml: the number format of each cell style (the `s` of a cell).
class StylesHandler : public XmlHandler {
public:
    std::map<long, std::string> custom_formats;
    std::vector<long> style_formats; // cellXfs index -> numFmtId

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (name == "numFmt") {
            const std::optional<long> id = to_long(attributes.get("numFmtId"));
            const char* code = attributes.get("formatCode");
            if (id && code) {
                custom_formats[*id] = code;
            }
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_ && style_formats.size() < 100'000) {
            style_formats.push_back(to_long(attributes.get("numFmtId")).value_or(0));
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") {
            in_cell_xfs_ = false;
        }
    }
    void text(std::string_view) override {}

    std::string format_code(long style) const {
        const long id = style >= 0 && static_cast<std::size_t>(style) < style_formats.size()
                            ? style_formats[static_cast<std::size_t>(style)]
                            : 0;
        const auto custom = custom_formats.find(id);
        return custom != custom_formats.end()
                   ? custom->second
                   : std::string(builtin_number_format(static_cast<int>(id)));
    }

private:
    bool in_cell_xfs_ = false;
};

// "B7" -> column 2, row 7; false for anything else.
bool parse_reference(std::string_view ref, int& col, int& row) {
    col = 0;
    std::size_t i = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col <= 1'000'000) {
        col = col * 26 + (ref[i] - 'A' + 1);
        ++i;
    }
    row = 0;
    const auto result = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
    return i > 0 && result.ec == std::errc() && result.ptr == ref.data() + ref.size() && row > 0;
}

class WorksheetHandler : public XmlHandler {
public:
    WorksheetHandler(SheetBuilder& builder, const std::vector<std::string>& shared,
                     const StylesHandler& styles, bool date1904, const WorkbookLimits& limits,
                     Diagnostics& diagnostics)
        : builder_(builder), shared_(shared), styles_(styles), date1904_(date1904), limits_(limits),
          diagnostics_(diagnostics), collector_(limits.max_cell_bytes) {}

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (in_cell_) {
            if (name == "v") {
                in_value_ = true;
            } else if (name == "is") {
                in_inline_ = true;
            } else if (in_inline_) {
                collector_.start(name);
            }
            return;
        }
        if (name == "row") {
            const std::optional<long> r = to_long(attributes.get("r"));
            row_ = r ? static_cast<int>(std::clamp<long>(*r, 0, limits_.max_row + 1L)) : row_ + 1;
            col_ = 0;
            builder_.start_row(row_, is_true(attributes.get("hidden")));
        } else if (name == "c") {
            in_cell_ = true;
            value_.clear();
            collector_.take();
            const char* ref = attributes.get("r");
            int col = 0;
            int row = 0;
            if (ref && parse_reference(ref, col, row)) {
                col_ = col;
                if (row != row_) {
                    row_ = row;
                    builder_.start_row(row_, false);
                }
            } else {
                ++col_;
            }
            const char* type = attributes.get("t");
            type_ = type ? type : "n";
            style_ = to_long(attributes.get("s")).value_or(0);
        } else if (name == "col") {
            if (is_true(attributes.get("hidden"))) {
                builder_.hide_columns(static_cast<int>(to_long(attributes.get("min")).value_or(0)),
                                      static_cast<int>(to_long(attributes.get("max")).value_or(0)));
            }
        } else if (name == "mergeCell") {
            const char* ref = attributes.get("ref");
            const std::string_view range = ref ? ref : "";
            const std::size_t colon = range.find(':');
            GridMerge merge;
            if (colon != std::string_view::npos &&
                parse_reference(range.substr(0, colon), merge.first_col, merge.first_row) &&
                parse_reference(range.substr(colon + 1), merge.last_col, merge.last_row)) {
                builder_.add_merge(merge);
            }
        }
    }

    void end(std::string_view name) override {
        if (!in_cell_) {
            return;
        }
        if (name == "v") {
            in_value_ = false;
        } else if (name == "is") {
            in_inline_ = false;
        } else if (in_inline_) {
            collector_.end(name);
        } else if (name == "c") {
            in_cell_ = false;
            builder_.add_cell(col_, display_text());
        }
    }

    void text(std::string_view text) override {
        if (in_value_) {
            value_.append(text);
            if (value_.size() > limits_.max_cell_bytes) {
                refuse(builder_.where(), tr("a cell is longer than {0} bytes: refused",
                                            {std::to_string(limits_.max_cell_bytes)}));
            }
        } else if (in_inline_ && !collector_.text(text)) {
            refuse(builder_.where(), tr("a cell is longer than {0} bytes: refused",
                                        {std::to_string(limits_.max_cell_bytes)}));
        }
    }

private:
    std::string display_text() {
        if (type_ == "inlineStr") {
            return collector_.take();
        }
        if (type_ == "s") {
            const std::optional<long> index = to_long(value_.c_str());
            if (!index || *index < 0 || static_cast<std::size_t>(*index) >= shared_.size()) {
                diagnostics_.error(builder_.loc(row_, col_),
                                   tr("the cell names shared string {0}, which the workbook "
                                      "does not have",
                                      {value_}),
                                   tr("the workbook is damaged: save it again from Excel"));
                return {};
            }
            return shared_[static_cast<std::size_t>(*index)];
        }
        if (type_ == "b") {
            return value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        }
        if (type_ != "n" || value_.empty()) {
            return unescape_excel(value_); // str (a formula's text), e (#N/A), d (ISO date)
        }
        double number = 0;
        const auto result = std::from_chars(value_.data(), value_.data() + value_.size(), number);
        if (result.ec != std::errc() || result.ptr != value_.data() + value_.size()) {
            return value_;
        }
        const std::string shown = format_number(number, styles_.format_code(style_), date1904_);
        if (std::fabs(number) >= 1e15) {
            diagnostics_.error(
                builder_.loc(row_, col_),
                tr("the cell holds the number {0} ({1}): a spreadsheet number keeps 15 "
                   "significant digits, so the digits of a longer code such as a 项目编码 are "
                   "already lost in the file",
                   {shown, value_}),
                tr("format the column as text (@) and enter or export the codes again; formpdf "
                   "cannot recover the lost digits"));
        }
        return shown;
    }

    SheetBuilder& builder_;
    const std::vector<std::string>& shared_;
    const StylesHandler& styles_;
    bool date1904_;
    const WorkbookLimits& limits_;
    Diagnostics& diagnostics_;
    StringCollector collector_;
    int row_ = 0;
    int col_ = 0;
    bool in_cell_ = false;
    bool in_value_ = false;
    bool in_inline_ = false;
    std::string type_;
    long style_ = 0;
    std::string value_;
};

std::string office_document(ZipArchive& zip, const std::string& file,
                            const WorkbookLimits& limits) {
    if (zip.has("_rels/.rels")) {
        RelationshipsHandler rels("");
        parse_part(zip, "_rels/.rels", rels, file, limits);
        for (const auto& [id, relationship] : rels.relationships) {
            if (relationship.type.ends_with("/officeDocument") && zip.has(relationship.target)) {
                return relationship.target;
            }
        }
    }
    return "xl/workbook.xml";
}

} // namespace

std::string describe_zip_archive(std::string_view bytes, const std::string& file) {
    const WorkbookLimits limits;
    ZipArchive zip(bytes, file, limits);
    const auto any_under = [&](std::string_view folder) {
        return std::any_of(zip.names().begin(), zip.names().end(),
                           [&](const std::string& name) { return name.starts_with(folder); });
    };
    if (any_under("word/")) {
        return tr("a Word document (.docx), not a workbook");
    }
    if (any_under("ppt/")) {
        return tr("a PowerPoint presentation (.pptx), not a workbook");
    }
    if (zip.has("content.xml") && zip.has("mimetype")) {
        return tr("an OpenDocument file (.ods or .odt), which formpdf does not read");
    }
    if (any_under("xl/")) {
        return tr("a zip archive with Excel parts but no workbook part (xl/workbook.xml)");
    }
    return tr("a zip archive that is not a workbook");
}

CellGrid read_xlsx(std::string_view bytes, const std::string& file, Diagnostics& diagnostics,
                   const WorkbookLimits& limits) {
    ZipArchive zip(bytes, file, limits);
    const std::string workbook_part = office_document(zip, file, limits);
    if (!zip.has(workbook_part)) {
        throw DiagnosticError(make_error(
            SourceLoc{file, 0, 0}, tr("this is {0}", {describe_zip_archive(bytes, file)}),
            tr("formpdf import reads an Excel workbook (.xlsx, .xls) or the export as text")));
    }
    WorkbookHandler workbook;
    workbook.max_sheets = limits.max_sheets;
    workbook.file = file;
    parse_part(zip, workbook_part, workbook, file, limits);

    const std::string base = folder_of(workbook_part);
    const std::string rels_part = base + "_rels/" + workbook_part.substr(base.size()) + ".rels";
    RelationshipsHandler rels(base);
    if (zip.has(rels_part)) {
        parse_part(zip, rels_part, rels, file, limits);
    }
    SharedStringsHandler shared(limits, file + ": shared strings");
    StylesHandler styles;
    for (const auto& [id, relationship] : rels.relationships) {
        if (relationship.type.ends_with("/sharedStrings") && zip.has(relationship.target)) {
            parse_part(zip, relationship.target, shared, file, limits);
        } else if (relationship.type.ends_with("/styles") && zip.has(relationship.target)) {
            parse_part(zip, relationship.target, styles, file, limits);
        }
    }

    CellGrid grid;
    grid.file = file;
    grid.unit = GridUnit::SheetCells;
    std::size_t cells = 0;
    for (const SheetEntry& entry : workbook.sheets) {
        const auto relationship = rels.relationships.find(entry.relationship);
        if (relationship == rels.relationships.end() ||
            !relationship->second.type.ends_with("/worksheet")) {
            continue; // a chart sheet or a dialog sheet: no cells
        }
        if (!zip.has(relationship->second.target)) {
            refuse(file,
                   tr("the workbook names the sheet part {0} that is not in the archive",
                      {relationship->second.target}),
                   tr("the workbook is damaged: save it again from Excel"));
        }
        GridSheet& sheet = grid.sheets.emplace_back();
        sheet.name = entry.name;
        sheet.hidden = entry.hidden;
        SheetBuilder builder(grid, sheet, limits, diagnostics, cells);
        WorksheetHandler handler(builder, shared.strings, styles, workbook.date1904, limits,
                                 diagnostics);
        parse_part(zip, relationship->second.target, handler, file, limits);
        builder.finish();
    }
    return grid;
}

} // namespace formpdf::workbook
