#include "app/batch_contents.h"

#include "app/amount_total.h"

namespace formpdf::app {

namespace {

load::TextValue text(std::string value) {
    return load::TextValue{std::move(value), SourceLoc{"(batch contents)", 0, 0}};
}

} // namespace

load::Declaration contents_declaration(const std::vector<ContentsEntry>& entries,
                                       const std::string& unit,
                                       const std::vector<std::string>& missing) {
    load::Declaration declaration;
    declaration.file = "(batch contents)";
    declaration.form = text("batch-contents");

    load::Group all;
    int with_errors = 0;
    std::vector<std::string> amounts;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ContentsEntry& entry = entries[i];
        load::Record record;
        record.fields = {{"seq", text(std::to_string(i + 1))},
                         {"code", text(entry.code)},
                         {"name", text(entry.name)},
                         {"amount", text(entry.amount)},
                         {"page", text(std::to_string(entry.page))},
                         {"check", text(entry.errors > 0 ? "有错误" : "")}};
        for (const auto& [id, value] : entry.fields) {
            if (!record.find(id)) {
                record.fields.emplace_back(id, text(value));
            }
        }
        amounts.push_back(entry.amount);
        with_errors += entry.errors > 0 ? 1 : 0;
        all.records.push_back(std::move(record));
    }
    std::string missing_text;
    if (!missing.empty()) {
        missing_text = "未能生成（" + std::to_string(missing.size()) + "份，未编入本文件）：";
        for (const std::string& line : missing) {
            missing_text += "\n" + line;
        }
    }
    declaration.fields = {
        {"unit", text(unit)},
        {"summary",
         text("共" + std::to_string(entries.size()) + "份" +
              (with_errors > 0 ? "，其中" + std::to_string(with_errors) + "份有错误（见“检查”栏）"
                               : ""))},
        {"missing", text(missing_text)},
        {"amount_total", text(amount_total(amounts).value_or(""))}};
    declaration.trees = {{"entries", {std::move(all)}}};
    return declaration;
}

} // namespace formpdf::app
