#include "app/batch_forms.h"

namespace formpdf::app::batch {

std::string field_text(const load::Declaration& declaration, const std::string& id) {
    const load::TextValue* value = declaration.field(id);
    return value ? value->text : std::string();
}

const load::BatchFields& batch_fields_of(const Form& form) {
    static const load::BatchFields kDefaults;
    return form.spec ? form.spec->batch : kDefaults;
}

std::string sort_key_of(const Form& form, const std::string& sort) {
    if (sort == "code") {
        return form.code;
    }
    if (sort == "name") {
        return form.name;
    }
    if (sort == "unit") {
        return form.unit;
    }
    if (sort == "amount") {
        return form.amount;
    }
    if (sort == "input" || !form.declaration) {
        return {};
    }
    return field_text(*form.declaration, sort);
}

bool is_sort_role(const std::string& sort) {
    return sort == "code" || sort == "name" || sort == "unit" || sort == "amount" ||
           sort == "input";
}

} // namespace formpdf::app::batch
