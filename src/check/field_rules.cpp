#include "check/field_rules.h"

#include "check/decimal_text.h"
#include "check/finding_text.h"
#include "core/messages.h"
#include "load/input_method_slips.h"
#include "load/name_suggestion.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace formpdf::check {

namespace {

using load::Declaration;
using load::FieldDefinition;
using load::FieldKind;
using load::FormDefinition;
using load::TextValue;

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
    std::string text;
    if (field.max_decimals == load::kAnyDecimals) {
        std::string with_cents = amount_example(0, field);
        with_cents += ".25";
        text = tr("an amount such as {0} or {1}", {amount_example(0, field), with_cents});
    } else if (field.decimals == field.max_decimals) {
        text = field.decimals == 1
                   ? tr("an amount with 1 decimal such as {0}", {amount_example(1, field)})
                   : tr("an amount with {0} decimals such as {1}",
                        {std::to_string(field.decimals), amount_example(field.decimals, field)});
    } else {
        text =
            tr("an amount with {0} to {1} decimals such as {2} or {3}",
               {std::to_string(field.decimals), std::to_string(field.max_decimals),
                amount_example(field.decimals, field), amount_example(field.max_decimals, field)});
    }
    if (!field.unit.empty()) {
        text += field.unit;
    }
    return text;
}

// Whole sentences for each way of grouping, with and without a unit, so that each translates as
// one.
std::string amount_hint(const FieldDefinition& field) {
    const bool unit = !field.unit.empty();
    switch (field.thousands) {
    case load::Thousands::Optional:
        return unit ? tr("write digits, optionally grouped by thousands with ',', optionally "
                         "followed by {0}",
                         {field.unit})
                    : tr("write digits, optionally grouped by thousands with ','; no unit (the "
                         "label says it)");
    case load::Thousands::Required:
        return unit ? tr("write digits, grouped by thousands with ',' from 1,000 up, optionally "
                         "followed by {0}",
                         {field.unit})
                    : tr("write digits, grouped by thousands with ',' from 1,000 up; no unit (the "
                         "label says it)");
    case load::Thousands::Never:
        break;
    }
    return unit ? tr("write digits without thousands separators, optionally followed by {0}",
                     {field.unit})
                : tr("write digits without thousands separators; no unit (the label says it)");
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
                                      tr("unknown field '{0}' for the form '{1}'", {id, form.id}),
                                      load::suggestion_hint(id, known, tr("fields of this form")));
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
            const std::size_t count = code_points(value.text);
            const std::string digits = std::to_string(field.digits);
            const std::string quoted = quote_value(value.text);
            const std::string counted = std::to_string(count);
            std::string message;
            if (digits_only) {
                message = count == 1 ? tr("{0} must be {1} digits, not {2} ({3} character)",
                                          {name, digits, quoted, counted})
                                     : tr("{0} must be {1} digits, not {2} ({3} characters)",
                                          {name, digits, quoted, counted});
            } else {
                message = count == 1 ? tr("{0} must be {1} digits, not {2} ({3} character, not "
                                          "all digits)",
                                          {name, digits, quoted, counted})
                                     : tr("{0} must be {1} digits, not {2} ({3} characters, not "
                                          "all digits)",
                                          {name, digits, quoted, counted});
            }
            findings.error(value.loc, std::move(message),
                           tr("copy the code from the budget system"));
        }
        return;
    }
    case FieldKind::Amount:
        if (!parse_amount(value.text, amount_shape(field))) {
            findings.error(value.loc,
                           tr("{0} must be {1}, not {2}",
                              {name, amount_description(field), quote_value(value.text)}),
                           amount_hint(field));
        }
        return;
    case FieldKind::Years: {
        const std::optional<long long> years = parse_whole_number(value.text);
        if (!years || *years < 1) {
            findings.error(value.loc, tr("{0} must be a whole number of years, at least 1, not {1}",
                                         {name, quote_value(value.text)}));
        }
        return;
    }
    case FieldKind::Choice:
        if (std::find(field.choices.begin(), field.choices.end(), value.text) ==
            field.choices.end()) {
            std::vector<std::string_view> choices(field.choices.begin(), field.choices.end());
            findings.error(value.loc,
                           tr("{0} must be one of {1}, not {2}",
                              {name, load::join_names(choices), quote_value(value.text)}),
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
        findings.error(
            value.loc,
            tr("{0} {1} is greater than {2} {3}",
               {bare_label(field.label), value.text, bare_label(limit_field->label), limit->text}),
            tr("one year's amount cannot exceed the whole project's"));
    }
}

// The condition that made a field required, when it is `required-when`.
struct RequiredBecause {
    std::string other_label;
    std::string above;
    std::string other_value;
};

bool is_required(const FieldDefinition& field, const Declaration& declaration,
                 const FormDefinition& form, std::optional<RequiredBecause>& because) {
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
    because = RequiredBecause{bare_label(other_field->label),
                              std::to_string(field.required_when->above), other->text};
    return true;
}

std::string required_message(const std::string& name, const std::optional<RequiredBecause>& because,
                             bool written) {
    if (!because) {
        return written ? tr("{0} is required, but it is empty", {name})
                       : tr("{0} is required, but it is missing", {name});
    }
    return written ? tr("{0} is required when {1} is more than {2} (it is {3}), but it is empty",
                        {name, because->other_label, because->above, because->other_value})
                   : tr("{0} is required when {1} is more than {2} (it is {3}), but it is missing",
                        {name, because->other_label, because->above, because->other_value});
}

} // namespace

void check_fields(const Declaration& declaration, const FormDefinition& form, Findings& findings) {
    check_unknown_ids(declaration, form, findings);
    for (const FieldDefinition& field : form.fields) {
        const TextValue* value = declaration.field(field.id);
        std::optional<RequiredBecause> because;
        const bool required = is_required(field, declaration, form, because);
        if (!value || is_blank(value->text)) {
            if (required) {
                findings.error(
                    value ? value->loc : declaration.loc,
                    required_message(field_name(field.label, field.id), because, value != nullptr),
                    value ? tr("fill it in; the form is printed with what is written "
                               "here")
                          : tr("add `{0}: …` under `fields:`", {field.id}));
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
