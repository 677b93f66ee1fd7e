#include "app/combined_navigation.h"

#include <algorithm>
#include <set>

namespace formpdf::app {
namespace {

std::vector<std::string> units_in_order(const std::vector<CombinedForm>& forms) {
    std::vector<std::string> units;
    for (const CombinedForm& form : forms) {
        if (std::find(units.begin(), units.end(), form.unit) == units.end()) {
            units.push_back(form.unit);
        }
    }
    return units;
}

} // namespace

std::string combined_unit(const std::vector<CombinedForm>& forms) {
    const std::vector<std::string> units = units_in_order(forms);
    return units.size() == 1 ? units.front() : std::string();
}

std::string combined_title(const std::vector<CombinedForm>& forms) {
    std::string title = combined_unit(forms);
    std::set<std::string> titles;
    for (const CombinedForm& form : forms) {
        titles.insert(form.form_title);
    }
    title += title.empty() ? "" : " ";
    title += titles.size() == 1 ? *titles.begin() : std::string("申报表");
    return title + "（" + std::to_string(forms.size()) + "份）";
}

std::vector<layout::Outline> combined_outlines(const std::vector<CombinedForm>& forms,
                                               int front_pages) {
    std::vector<layout::Outline> outlines;
    if (front_pages > 0) {
        outlines.push_back({"目录", 0, {}});
    }
    const auto form_outline = [&](const CombinedForm& form) {
        return layout::Outline{form.bookmark, front_pages + form.first_page, {}};
    };
    const std::vector<std::string> units = units_in_order(forms);
    if (units.size() <= 1) {
        for (const CombinedForm& form : forms) {
            outlines.push_back(form_outline(form));
        }
        return outlines;
    }
    for (const std::string& unit : units) {
        layout::Outline node{unit.empty() ? std::string("（未填单位）") : unit, 0, {}};
        for (const CombinedForm& form : forms) {
            if (form.unit == unit) {
                node.children.push_back(form_outline(form));
            }
        }
        node.page_index = node.children.front().page_index;
        outlines.push_back(std::move(node));
    }
    return outlines;
}

} // namespace formpdf::app
