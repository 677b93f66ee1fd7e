#include "load/batch_fields.h"

#include "core/messages.h"
#include "load/yaml_reader.h"

#include <algorithm>

namespace formpdf::load {

namespace {

// A field id as declarations write it: ASCII letters, digits, '_' and '-'.
std::string read_field_id(const ValueReader& value, SourceLoc& loc) {
    const std::string id = value.text();
    const bool plain = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
    if (!plain) {
        value.fail(tr("{0} must be a field id, not {1}", {value.label(), value.describe()}),
                   tr("the id the declarations write the field under, e.g. project_code"));
    }
    loc = value.loc();
    return id;
}

} // namespace

BatchFields read_batch_fields(const ValueReader& value) {
    const MapReader map = value.map({"code", "name", "unit", "amount", "sort", "collation"});
    BatchFields fields;
    if (const auto code = map.find("code")) {
        fields.code = read_field_id(*code, fields.code_loc);
    }
    if (const auto name = map.find("name")) {
        fields.name = read_field_id(*name, fields.name_loc);
    }
    if (const auto unit = map.find("unit")) {
        fields.unit = read_field_id(*unit, fields.unit_loc);
    }
    if (const auto amount = map.find("amount")) {
        fields.amount = read_field_id(*amount, fields.amount_loc);
    }
    if (const auto sort = map.find("sort")) {
        fields.sort = read_field_id(*sort, fields.sort_loc);
    }
    if (const auto collation = map.find("collation")) {
        fields.collation = collation->choice<std::string>({{"text", "text"}, {"pinyin", "pinyin"}});
    }
    return fields;
}

} // namespace formpdf::load
