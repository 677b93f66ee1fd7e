#include "check/field_rules.h"

#include "check/decimal_text.h"
#include "check/finding_text.h"
#include "load/input_method_slips.h"
#include "load/name_suggestion.h"

#include <algorithm>
#include <vector>

namespace formpdf::check {

namespace {

using load::Declaration;
using load::FieldDefinition;
using load::FieldKind;
using load::FormDefinition;
using load::TextValue;

std::string count_text(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

AmountShape amount_shape(const FieldDefinition& field) {
    AmountShape shape;
    shape.min_decimals = field.decimals;
    shape.max_decimals = field.max_decimals;
    shape.unit = field.unit;
    shape.thousands_allowed = field.thousands != load::Thousands::Never;
    shape.thousands_required = field.thousands == load::Thousands::Required;
    return shape;
}

std::string amount_example(int decimals, const FieldDefinition& field) {
    std::string example = field.thousands == load::Thousands::Never ? "1866" : "1,866";
    if (decimals > 0) {
        example += ".";
        example.append(static_cast<std::size_t>(decimals), '0');
    }
    return example;
}

// "an amount with 2 decimals such as 1,866.00", "… with 0 to 2 decimals such as 1,866 or
// 1,866.00", "an amount such as 1,866 or 1,866.25".
std::string amount_description(const FieldDefinition& field) {
    std::string text = "an amount";
    if (field.max_decimals == load::kAnyDecimals) {
        text += " such as ";
        text += amount_example(0, field);
        text += " or ";
        text += amount_example(0, field);
        text += ".25";
    } else if (field.decimals == field.max_decimals) {
        text += " with ";
        text += count_text(static_cast<std::size_t>(field.decimals), "decimal", "decimals");
        text += " such as ";
        text += amount_example(field.decimals, field);
    } else {
        text += " with ";
        text += std::to_string(field.decimals);
        text += " to ";
        text += std::to_string(field.max_decimals);
        text += " decimals such as ";
        text += amount_example(field.decimals, field);
        text += " or ";
        text += amount_example(field.max_decimals, field);
    }
    if (!field.unit.empty()) {
        text += field.unit;
    }
    return text;
}

std::string amount_hint(const FieldDefinition& field) {
    std::string hint = "write digits";
    switch (field.thousands) {
    case load::Thousands::Optional:
        hint += ", optionally grouped by thousands with ','";
        break;
    case load::Thousands::Required:
        hint += ", grouped by thousands with ',' from 1,000 up";
        break;
    case load::Thousands::Never:
        hint += " without thousands separators";
        break;
    }
    if (field.unit.empty()) {
        hint += "; no unit (the label says it)";
    } else {
        hint += ", optionally followed by ";
        hint += field.unit;
    }
    return hint;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
}

void check_unknown_ids(const Declaration& declaration, const FormDefinition& form,
                       Findings& findings) {
    std::vector<std::string_view> known;
    for (const FieldDefinition& field : form.fields) {
        known.push_back(field.id);
    }
    known.push_back(load::kTitleFieldId);
    known.push_back(load::kFooterFieldId);
    std::vector<std::string_view> seen;
    for (const auto& [id, value] : declaration.fields) {
        if (std::find(known.begin(), known.end(), id) == known.end()) {
            findings.structural_error(value.loc,
                                      "unknown field '" + id + "' for the form '" + form.id + "'",
                                      load::suggestion_hint(id, known, "fields of this form"));
        }
    }
}

// The kind's rule, for a value that is not blank.
void check_kind(const FieldDefinition& field, const TextValue& value, Findings& findings) {
    const std::string name = bare_label(field.label);
    switch (field.kind) {
    case FieldKind::Text:
        return;
    case FieldKind::Code: {
        const bool digits_only = value.text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits_only || value.text.size() != static_cast<std::size_t>(field.digits)) {
            findings.error(value.loc,
                           name + " must be " + std::to_string(field.digits) + " digits, not " +
                               quote_value(value.text) + " (" +
                               count_text(code_points(value.text), "character", "characters") +
                               (digits_only ? "" : ", not all digits") + ")",
                           "copy the code from the budget system");
        }
        return;
    }
    case FieldKind::Amount:
        if (!parse_amount(value.text, amount_shape(field))) {
            std::string message = name;
            message += " must be ";
            message += amount_description(field);
            message += ", not ";
            message += quote_value(value.text);
            findings.error(value.loc, std::move(message), amount_hint(field));
        }
        return;
    case FieldKind::Years: {
        const std::optional<long long> years = parse_whole_number(value.text);
        if (!years || *years < 1) {
            findings.error(value.loc, name + " must be a whole number of years, at least 1, not " +
                                          quote_value(value.text));
        }
        return;
    }
    case FieldKind::Choice:
        if (std::find(field.choices.begin(), field.choices.end(), value.text) ==
            field.choices.end()) {
            std::vector<std::string_view> choices(field.choices.begin(), field.choices.end());
            findings.error(value.loc,
                           name + " must be one of " + load::join_names(choices) + ", not " +
                               quote_value(value.text),
                           load::chinese_quotes_hint(value.text));
        }
        return;
    }
}

// "本年度项目金额 ≤ 项目总金额", compared exactly, when both are valid amounts.
void check_at_most(const FieldDefinition& field, const TextValue& value,
                   const Declaration& declaration, const FormDefinition& form, Findings& findings) {
    const FieldDefinition* limit_field = form.find_field(field.at_most);
    const TextValue* limit = declaration.field(field.at_most);
    if (!limit_field || !limit) {
        return;
    }
    const auto amount = parse_amount(value.text, amount_shape(field));
    const auto maximum = parse_amount(limit->text, amount_shape(*limit_field));
    if (!amount || !maximum) {
        return;
    }
    if (amount_greater(*amount, *maximum).value_or(false)) {
        findings.error(value.loc,
                       bare_label(field.label) + " " + value.text + " is greater than " +
                           bare_label(limit_field->label) + " " + limit->text,
                       "one year's amount cannot exceed the whole project's");
    }
}

bool is_required(const FieldDefinition& field, const Declaration& declaration,
                 const FormDefinition& form, std::string& because) {
    if (field.required) {
        return true;
    }
    if (!field.required_when) {
        return false;
    }
    const TextValue* other = declaration.field(field.required_when->field);
    const FieldDefinition* other_field = form.find_field(field.required_when->field);
    if (!other || !other_field) {
        return false;
    }
    const std::optional<long long> number = parse_whole_number(other->text);
    if (!number || *number <= field.required_when->above) {
        return false;
    }
    because = " when " + bare_label(other_field->label) + " is more than " +
              std::to_string(field.required_when->above) + " (it is " + other->text + ")";
    return true;
}

} // namespace

void check_fields(const Declaration& declaration, const FormDefinition& form, Findings& findings) {
    check_unknown_ids(declaration, form, findings);
    for (const FieldDefinition& field : form.fields) {
        const TextValue* value = declaration.field(field.id);
        std::string because;
        const bool required = is_required(field, declaration, form, because);
        if (!value || is_blank(value->text)) {
            if (required) {
                findings.error(value ? value->loc : declaration.loc,
                               field_name(field.label, field.id) + " is required" + because +
                                   (value ? ", but it is empty" : ", but it is missing"),
                               value ? "fill it in; the form is printed with what is written here"
                                     : "add `" + field.id + ": …` under `fields:`");
            }
            continue;
        }
        check_kind(field, *value, findings);
        if (!field.at_most.empty()) {
            check_at_most(field, *value, declaration, form, findings);
        }
    }
}

} // namespace formpdf::check
